package org.joulebench.results.record;

import org.joulebench.vocabulary.HeadlineUnit;

/**
 * Work of one invocation.
 *
 * @param operations FLOPs or integer ops (a multiply-add is 2)
 * @param operationUnit {@code FLOP} or {@code INT_OP}
 * @param bytesRead fewest bytes read (each input once)
 * @param bytesWritten fewest bytes written (each output once)
 * @param headline {@code FLOP}, {@code INT_OP} or {@code BYTE}: what throughput and energy per unit are
 *     quoted in
 * @param operationsFormula the formula of {@code operations}, e.g. {@code 2*M*N*K}
 * @param bytesReadFormula the formula of {@code bytesRead}
 * @param bytesWrittenFormula the formula of {@code bytesWritten}
 */
public record Work(
        long operations,
        String operationUnit,
        long bytesRead,
        long bytesWritten,
        String headline,
        String operationsFormula,
        String bytesReadFormula,
        String bytesWrittenFormula) {

    /** The headline as the vocabulary's enum. */
    public HeadlineUnit headlineUnit() {
        return HeadlineUnit.parse(headline);
    }

    /** Headline units of one invocation: bytes moved for a BYTE headline, else operations. */
    public long headlineCount() {
        return headlineUnit().memoryBound() ? bytesRead + bytesWritten : operations;
    }

    public double arithmeticIntensity() {
        long bytes = bytesRead + bytesWritten;
        return bytes == 0 ? Double.NaN : (double) operations / bytes;
    }
}
