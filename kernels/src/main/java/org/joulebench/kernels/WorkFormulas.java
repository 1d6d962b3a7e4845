package org.joulebench.kernels;

/**
 * The work counts of a kernel as human-readable formulas of its dimension names, shown by {@code
 * joulebench list} and recorded with results. {@code Kernel.work(shape, dtype)} evaluates them.
 */
public record WorkFormulas(String operations, String bytesRead, String bytesWritten) {}
