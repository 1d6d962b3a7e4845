package org.joulebench.site;

import java.util.List;

/**
 * The "Figures for papers" page: each figure type rendered from this site's snapshot, at both column widths,
 * with its files, its caption and the command that rebuilds it.
 *
 * @param figures the figures this snapshot could make
 * @param missing figure types the snapshot has no data for, each with the reason
 * @param snapshot what they were made from (the citation)
 */
public record PapersPage(List<Entry> figures, List<String> missing, DataSnapshot snapshot) {
    /**
     * One figure type.
     *
     * @param title e.g. "History: gemm fp32 (measured)"
     * @param stem file name stem under {@code figures/papers/}
     * @param command the {@code joulebench figure} command that makes it
     * @param caption the caption file's text, word for word
     */
    public record Entry(String title, String stem, String command, String caption) {}
}
