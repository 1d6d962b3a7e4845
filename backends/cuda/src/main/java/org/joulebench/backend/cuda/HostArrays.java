package org.joulebench.backend.cuda;

import jcuda.Pointer;
import org.joulebench.kernels.Tensor;

/** JCuda host pointers to the primitive arrays of {@link Tensor}. */
final class HostArrays {
    private HostArrays() {}

    static Pointer pointerTo(Object array) {
        return switch (array) {
            case float[] f -> Pointer.to(f);
            case short[] s -> Pointer.to(s);
            case byte[] b -> Pointer.to(b);
            case int[] i -> Pointer.to(i);
            default -> throw new IllegalArgumentException("not a tensor array: " + array.getClass());
        };
    }

    /** JCuda pointers to the scalar kernel arguments: Integer -> int, Long -> long long, Float -> float. */
    static Pointer scalar(Number n) {
        return switch (n) {
            case Integer i -> Pointer.to(new int[] {i});
            case Long l -> Pointer.to(new long[] {l});
            case Float f -> Pointer.to(new float[] {f});
            default -> throw new IllegalArgumentException("unsupported kernel argument type " + n.getClass());
        };
    }
}
