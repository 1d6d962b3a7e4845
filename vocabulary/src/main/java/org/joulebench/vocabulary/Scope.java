package org.joulebench.vocabulary;

/**
 * What an energy domain covers. The leaderboard ranks {@link #DEVICE} figures and shows the others beside them,
 * never mixed.
 */
public enum Scope {
    /** The chip the kernel ran on (its package, board or memory), named by its hardware id. */
    DEVICE,
    /** The host around it (the host CPU package and DRAM when the kernel ran elsewhere, other host parts). */
    HOST,
    /** The whole node at the wall. */
    NODE;

    public static Scope parse(String text) {
        return Words.parse(Scope.class, text);
    }
}
