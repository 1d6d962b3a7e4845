package org.joulebench.site;

import java.util.List;

/**
 * The system page's content, formatted in Java; every string is escaped by the jte template.
 *
 * @param facts label/value pairs beyond the fixed ones
 * @param files name/relative-link pairs of the raw files copied into the site
 * @param softwareVsSilicon ours against the vendor library on one device ({@link SoftwareVsSilicon})
 */
public record SystemPage(
        SystemEntry system,
        List<List<String>> facts,
        List<List<String>> files,
        List<Line> results,
        List<String> scripts,
        List<SoftwareVsSilicon.Line> softwareVsSilicon) {

    /**
     * One row of the results table (all preformatted text).
     *
     * @param implementation e.g. {@code openblas (vendor library)}
     * @param scope DEVICE, HOST or NODE (empty without energy)
     */
    public record Line(
            String kernel,
            String dtype,
            String size,
            String shape,
            String backend,
            String implementation,
            String device,
            String status,
            String verification,
            String throughput,
            String scope,
            String domain,
            String tier,
            String tierClass,
            String efficiency,
            String picojoules,
            String power,
            String datasheet,
            String ratio,
            String runId,
            String runHref) {}
}
