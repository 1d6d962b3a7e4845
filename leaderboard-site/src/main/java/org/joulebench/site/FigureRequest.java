package org.joulebench.site;

import org.joulebench.vocabulary.Scope;
import org.joulebench.vocabulary.Tier;

/**
 * A publication figure: one kernel and dtype, one metric against chip announcement date, within one tier
 * class and one energy scope. Filters are exact matches; {@code null} means any.
 *
 * @param tierClass {@code measured} (tiers A, B, C) or {@code estimated}: never mixed
 * @param implementation an implementation id ({@code openblas}) or kind ({@code PORTABLE}, {@code VENDOR_LIBRARY},
 *     any case); {@code null} for any
 * @param scope {@code DEVICE} (the default: the chip the kernel ran on), {@code HOST} or {@code NODE}: never mixed
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
        String implementation,
        String scope,
        String baseName) {

    public FigureRequest {
        if (kernel == null || dtype == null) {
            throw new IllegalArgumentException("a figure needs a kernel and a dtype");
        }
        metric = metric == null ? Metric.EFFICIENCY : metric;
        tierClass = tierClass == null ? Tier.MEASURED : tierClass;
        if (!tierClass.equals(Tier.MEASURED) && !tierClass.equals(Tier.ESTIMATED)) {
            throw new IllegalArgumentException("tierClass must be 'measured' or 'estimated', not '" + tierClass + "'");
        }
        scope = scope == null ? Scope.DEVICE.name() : Scope.parse(scope).name();
        baseName = baseName == null
                ? SiteModel.slug(kernel + "-" + dtype + "-" + metric.name() + "-" + tierClass)
                : baseName;
    }

    public static FigureRequest of(String kernel, String dtype, Metric metric) {
        return new FigureRequest(kernel, dtype, metric, null, null, null, null, null, null, null, null, null);
    }

    boolean accepts(ResultRow r, SystemEntry s) {
        return kernel.equals(r.kernel())
                && dtype.equals(r.dtype())
                && tierClass.equals(r.tierClass())
                && (vendor == null || vendor.equals(s.vendor()))
                && (chipKind == null || chipKind.equals(s.kind()))
                && (backend == null || backend.equals(r.backend()))
                && (size == null || size.equals(r.size()))
                && (domain == null || domain.equals(r.domain()))
                && scope.equals(r.scope())
                && (implementation == null
                        || implementation.equals(r.implementation())
                        || implementation.equalsIgnoreCase(r.implementationKind()));
    }
}
