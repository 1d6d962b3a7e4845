package org.joulebench.kernels.spi;

import org.joulebench.kernels.DType;

/** A kernel id with one of its precision variants: what a backend says it supports. */
public record KernelVariant(String kernelId, DType dtype) {
    @Override
    public String toString() {
        return kernelId + "/" + dtype.id();
    }
}
