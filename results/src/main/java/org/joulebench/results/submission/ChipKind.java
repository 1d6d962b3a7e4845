package org.joulebench.results.submission;

/** What kind of chip did the work. */
public enum ChipKind {
    CPU,
    GPU,
    ASIC,
    FPGA,
    OTHER
}
