package org.joulebench.kernels;

/**
 * How a {@link Tensor}'s elements are stored in its Java array. Sizes are in bits because int4 packs
 * two elements per byte.
 */
public enum ElementType {
    /** IEEE binary32 in a {@code float[]}. */
    F32(32),
    /** IEEE binary16 bit patterns in a {@code short[]} (see {@link Float#float16ToFloat}). */
    F16(16),
    /** bfloat16 bit patterns (the upper 16 bits of a binary32) in a {@code short[]}. */
    BF16(16),
    /** Signed 8-bit integers in a {@code byte[]}. */
    I8(8),
    /** Signed 4-bit integers (-8..7), two per byte, low nibble first, in a {@code byte[]}. */
    I4_PACKED(4),
    /** Signed 32-bit integers in an {@code int[]}. */
    I32(32);

    private final int bits;

    ElementType(int bits) {
        this.bits = bits;
    }

    public int bits() {
        return bits;
    }
}
