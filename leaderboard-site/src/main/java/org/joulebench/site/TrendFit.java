package org.joulebench.site;

import java.util.List;
import java.util.Locale;

/**
 * Exponential trend {@code y = exp(intercept + slope * x)} fitted by ordinary least squares on ln(y), x in
 * years, with 95 % intervals from Student's t on n - 2 degrees of freedom. Doubling time {@code ln 2 / slope};
 * its interval is the slope's interval carried through {@code ln 2 / slope} (unbounded when the slope's interval
 * contains zero). (Vega's own exp regression minimises error in y, not ln y, and gives a different answer.)
 *
 * @param points how many points were fitted
 * @param slopePerYear growth rate of ln(y) per year
 * @param slopeStandardError standard error of the slope ({@code NaN} with fewer than 3 points)
 * @param intercept ln(y) at x = 0
 * @param doublingYears ln 2 / slope (negative: halving)
 * @param doublingYearsStandardError ln 2 * se(slope) / slope^2 (delta method)
 * @param rSquared coefficient of determination on ln(y)
 * @param t95 the two-sided 95 % quantile of Student's t on n - 2 degrees of freedom ({@code NaN} when n &lt; 3)
 * @param slopeLow95 lower end of the slope's 95 % interval
 * @param slopeHigh95 upper end of the slope's 95 % interval
 * @param doublingLow95 shorter end of the doubling time's 95 % interval ({@code NaN} when unbounded)
 * @param doublingHigh95 longer end ({@code NaN} when unbounded)
 * @param meanX mean of x (for the confidence band)
 * @param sxx sum of squared deviations of x
 * @param residualSd residual standard deviation on ln(y), sqrt(SSE / (n - 2))
 * @param xFirst smallest fitted x
 * @param xLast largest fitted x
 */
public record TrendFit(
        int points,
        double slopePerYear,
        double slopeStandardError,
        double intercept,
        double doublingYears,
        double doublingYearsStandardError,
        double rSquared,
        double t95,
        double slopeLow95,
        double slopeHigh95,
        double doublingLow95,
        double doublingHigh95,
        double meanX,
        double sxx,
        double residualSd,
        double xFirst,
        double xLast) {

    /** Null when fewer than two distinct x values or any y is not positive. */
    public static TrendFit fit(List<double[]> xy) {
        int n = xy.size();
        if (n < 2) {
            return null;
        }
        double sx = 0, sy = 0, xFirst = Double.POSITIVE_INFINITY, xLast = Double.NEGATIVE_INFINITY;
        for (double[] p : xy) {
            if (!(p[1] > 0)) {
                return null;
            }
            sx += p[0];
            sy += Math.log(p[1]);
            xFirst = Math.min(xFirst, p[0]);
            xLast = Math.max(xLast, p[0]);
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
        double sd = n > 2 ? Math.sqrt(sse / (n - 2)) : Double.NaN;
        double se = sd / Math.sqrt(sxx);
        double doubling = Math.log(2) / slope;
        double doublingSe = Math.log(2) * se / (slope * slope);
        double r2 = syy == 0 ? 1.0 : 1.0 - sse / syy;
        double t = n > 2 ? StudentT.quantile(0.975, n - 2) : Double.NaN;
        double lo = slope - t * se, hi = slope + t * se;
        double dLo = Double.NaN, dHi = Double.NaN;
        if (lo > 0 || hi < 0) { // the interval excludes zero: ln 2 / slope is bounded on it
            double a = Math.log(2) / lo, b = Math.log(2) / hi;
            dLo = Math.min(a, b);
            dHi = Math.max(a, b);
        }
        return new TrendFit(
                n, slope, se, intercept, doubling, doublingSe, r2, t, lo, hi, dLo, dHi, mx, sxx, sd, xFirst, xLast);
    }

    public double valueAt(double x) {
        return Math.exp(intercept + slopePerYear * x);
    }

    /** The 95 % confidence band of the fitted mean at x: {lower, upper} in y units ({@code NaN} when n &lt; 3). */
    public double[] bandAt(double x) {
        double half = t95 * residualSd * Math.sqrt(1.0 / points + (x - meanX) * (x - meanX) / sxx);
        double c = intercept + slopePerYear * x;
        return new double[] {Math.exp(c - half), Math.exp(c + half)};
    }

    public boolean hasInterval() {
        return points > 2 && Double.isFinite(slopeStandardError);
    }

    /**
     * The sentence the caption, the CSV header and the site all print, e.g. "least-squares fit on ln(y), n = 12:
     * doubling every 2.10 years (95 % CI 1.52 to 3.41; slope 0.330 per year, 95 % CI 0.203 to 0.456; R² 0.81)".
     */
    public String describe() {
        String what = slopePerYear >= 0 ? "doubling" : "halving";
        StringBuilder b = new StringBuilder(String.format(
                Locale.ROOT,
                "least-squares fit on ln(y), n = %d: %s every %.3g years",
                points,
                what,
                Math.abs(doublingYears)));
        if (hasInterval()) {
            if (Double.isFinite(doublingLow95)) {
                b.append(String.format(
                        Locale.ROOT,
                        " (95 %% CI %.3g to %.3g years)",
                        Math.min(Math.abs(doublingLow95), Math.abs(doublingHigh95)),
                        Math.max(Math.abs(doublingLow95), Math.abs(doublingHigh95))));
            } else {
                b.append(" (95 % CI unbounded: the slope's interval includes zero)");
            }
            b.append(String.format(
                    Locale.ROOT,
                    "; slope %.4g per year (95 %% CI %.4g to %.4g), R\u00B2 %.3f",
                    slopePerYear,
                    slopeLow95,
                    slopeHigh95,
                    rSquared));
        } else {
            b.append(" (two points: no interval)");
        }
        return b.toString();
    }
}
