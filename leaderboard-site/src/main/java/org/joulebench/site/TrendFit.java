package org.joulebench.site;

import java.util.List;

/**
 * Exponential trend {@code y = exp(intercept + slope * x)} fitted by ordinary least squares on ln(y), x in
 * years. Doubling time {@code ln 2 / slope}; its standard error from the slope's by the delta method.
 * (Vega's own exp regression minimises error in y, not ln y, and gives a different answer.)
 *
 * @param points how many points were fitted
 * @param slopePerYear growth rate of ln(y) per year
 * @param slopeStandardError standard error of the slope ({@code NaN} with fewer than 3 points)
 * @param intercept ln(y) at x = 0
 * @param doublingYears ln 2 / slope (negative: halving)
 * @param doublingYearsStandardError ln 2 * se(slope) / slope^2
 * @param rSquared coefficient of determination on ln(y)
 */
public record TrendFit(
        int points,
        double slopePerYear,
        double slopeStandardError,
        double intercept,
        double doublingYears,
        double doublingYearsStandardError,
        double rSquared) {

    /** Null when fewer than two distinct x values or any y is not positive. */
    public static TrendFit fit(List<double[]> xy) {
        int n = xy.size();
        if (n < 2) {
            return null;
        }
        double sx = 0, sy = 0;
        for (double[] p : xy) {
            if (!(p[1] > 0)) {
                return null;
            }
            sx += p[0];
            sy += Math.log(p[1]);
        }
        double mx = sx / n, my = sy / n;
        double sxx = 0, sxy = 0, syy = 0;
        for (double[] p : xy) {
            double dx = p[0] - mx, dy = Math.log(p[1]) - my;
            sxx += dx * dx;
            sxy += dx * dy;
            syy += dy * dy;
        }
        if (sxx == 0) {
            return null;
        }
        double slope = sxy / sxx;
        double intercept = my - slope * mx;
        double sse = 0;
        for (double[] p : xy) {
            double r = Math.log(p[1]) - (intercept + slope * p[0]);
            sse += r * r;
        }
        double se = n > 2 ? Math.sqrt(sse / (n - 2) / sxx) : Double.NaN;
        double doubling = Math.log(2) / slope;
        double doublingSe = Math.log(2) * se / (slope * slope);
        double r2 = syy == 0 ? 1.0 : 1.0 - sse / syy;
        return new TrendFit(n, slope, se, intercept, doubling, doublingSe, r2);
    }

    public double valueAt(double x) {
        return Math.exp(intercept + slopePerYear * x);
    }
}
