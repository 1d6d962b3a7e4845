package org.joulebench.energy.spi;

/**
 * What part of the machine an energy domain covers, so that a chip is never ranked on its host's or
 * its node's energy.
 */
public enum Scope {
    /**
     * One device a kernel can run on, or one socket of it: a GPU board, a CPU package. The domain names
     * it by its hardware id ({@link DomainInfo#scopeDevice()}). Parts of a package (RAPL core, uncore)
     * and memory beside it (DRAM) are {@link #HOST}, so the DEVICE domains of one device never overlap.
     */
    DEVICE,
    /** Other parts of the host: DRAM, package sub-zones, a platform rail, a device the case did not use. */
    HOST,
    /** The whole node at the wall (an external meter on the power supplies). */
    NODE
}
