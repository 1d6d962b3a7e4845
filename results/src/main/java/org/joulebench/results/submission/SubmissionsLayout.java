package org.joulebench.results.submission;

/**
 * The names in a submissions folder that {@code submit} writes and {@code check} reads, in one place so
 * neither needs the other for them: {@code <root>/<submitter-slug>/<system-slug>/} folders, submit's lock file
 * at the root, and the temp and aside folders an interrupted submit leaves beside a system folder.
 */
public final class SubmissionsLayout {
    /** Submit's OS lock file in the submissions folder (git-ignored; {@code check} skips it). */
    public static final String LOCK_FILE = ".submit.lock";

    /** Git's placeholder that keeps an empty submissions folder in a checkout. */
    public static final String GIT_PLACEHOLDER = ".gitkeep";

    private static final String TEMP = ".tmp-";
    private static final String ASIDE = ".old-";

    private SubmissionsLayout() {}

    /** Whether a plain file at the submissions root is one of ours, never published: the lock or the placeholder. */
    public static boolean isHousekeepingFile(String name) {
        return name.equals(GIT_PLACEHOLDER) || name.equals(LOCK_FILE);
    }

    /** The name prefix of the temp folder a submit of {@code systemSlug} builds the new folder in. */
    public static String tempPrefix(String systemSlug) {
        return "." + systemSlug + TEMP;
    }

    /** The name prefix of the aside folder the existing system folder is renamed to while it is replaced. */
    public static String asidePrefix(String systemSlug) {
        return "." + systemSlug + ASIDE;
    }

    /** Whether a name in a submitter folder is a temp or aside folder an interrupted submit left. */
    public static boolean isLeftover(String name) {
        return name.matches("\\.[a-z0-9-]+\\.(tmp|old)-.*");
    }
}
