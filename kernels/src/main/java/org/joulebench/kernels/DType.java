package org.joulebench.kernels;

import java.util.Arrays;
import java.util.Locale;

/**
 * The precision variant of a kernel: what its inputs are stored as. Accumulation is stated by the
 * kernel (fp16/bf16 inputs accumulate in fp32; int8 accumulates in int32; int4/int8 weight-quantised
 * GEMV takes fp32 activations and produces fp32).
 */
public enum DType {
    FP32,
    FP16,
    BF16,
    INT8,
    INT4;

    /** The lower-case name used on the command line and in records, e.g. {@code fp16}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code fp32}, {@code FP32}, ...; the error lists the valid names. */
    public static DType parse(String text) {
        for (DType d : values()) {
            if (d.id().equalsIgnoreCase(text.trim())) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown dtype '" + text + "'; valid: "
                + Arrays.stream(values()).map(DType::id).toList());
    }
}
