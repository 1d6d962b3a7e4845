package org.joulebench.site;

/**
 * A publication figure: one kernel and dtype, one metric against chip announcement date, within one tier
 * class. Filters are exact matches; {@code null} means any.
 *
 * @param tierClass {@code measured} (tiers A, B, C) or {@code estimated}: never mixed
 * @param baseName file name stem for the {@code .svg}, {@code .pdf}, {@code .csv} and {@code .citation.txt}
 */
public record FigureRequest(
        String kernel,
        String dtype,
        Metric metric,
        String tierClass,
        String vendor,
        String chipKind,
        String backend,
        String size,
        String domain,
        String baseName) {

    public FigureRequest {
        if (kernel == null || dtype == null) {
            throw new IllegalArgumentException("a figure needs a kernel and a dtype");
        }
        metric = metric == null ? Metric.EFFICIENCY : metric;
        tierClass = tierClass == null ? "measured" : tierClass;
        if (!tierClass.equals("measured") && !tierClass.equals("estimated")) {
            throw new IllegalArgumentException("tierClass must be 'measured' or 'estimated', not '" + tierClass + "'");
        }
        baseName = baseName == null
                ? SiteModel.slug(kernel + "-" + dtype + "-" + metric.name() + "-" + tierClass)
                : baseName;
    }

    public static FigureRequest of(String kernel, String dtype, Metric metric) {
        return new FigureRequest(kernel, dtype, metric, null, null, null, null, null, null, null);
    }

    boolean accepts(ResultRow r, SystemEntry s) {
        return kernel.equals(r.kernel())
                && dtype.equals(r.dtype())
                && tierClass.equals(r.tierClass())
                && (vendor == null || vendor.equals(s.vendor()))
                && (chipKind == null || chipKind.equals(s.kind()))
                && (backend == null || backend.equals(r.backend()))
                && (size == null || size.equals(r.size()))
                && (domain == null || domain.equals(r.domain()));
    }
}
