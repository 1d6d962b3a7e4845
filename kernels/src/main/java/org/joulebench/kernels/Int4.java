package org.joulebench.kernels;

/** Signed 4-bit values (-8..7) packed two per byte, low nibble first. */
public final class Int4 {
    private Int4() {}

    /** The value at column {@code col} of a packed row starting at byte {@code rowOffset}. */
    public static int get(byte[] packed, int rowOffset, int col) {
        int b = packed[rowOffset + (col >> 1)];
        int nibble = (col & 1) == 0 ? b & 0x0f : (b >> 4) & 0x0f;
        return (nibble << 28) >> 28; // sign-extend the nibble
    }

    public static void set(byte[] packed, int rowOffset, int col, int value) {
        if (value < -8 || value > 7) {
            throw new IllegalArgumentException("int4 value out of range: " + value);
        }
        int index = rowOffset + (col >> 1);
        int b = packed[index];
        int nibble = value & 0x0f;
        b = (col & 1) == 0 ? (b & 0xf0) | nibble : (b & 0x0f) | (nibble << 4);
        packed[index] = (byte) b;
    }
}
