package org.joulebench.results.system;

/** What kind of chip did the work. */
public enum ChipKind {
    CPU,
    GPU,
    ASIC,
    FPGA,
    OTHER
}
