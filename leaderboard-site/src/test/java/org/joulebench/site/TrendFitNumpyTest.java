package org.joulebench.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.joulebench.site.plot.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fit against an independent computation: numpy's {@code polyfit(x, ln y, 1, cov=True)} for slope,
 * intercept and the slope's standard error, Student's t from scipy where it is installed (else the published
 * table values below, themselves scipy's), and the interval, doubling time and band built from those in Python;
 * all within 1e-9 relative.
 */
class TrendFitNumpyTest {
    @TempDir
    Path tmp;

    static final String SCRIPT = """
            import json, sys, math
            import numpy as np
            try:
                from scipy import stats
                tq = lambda df: float(stats.t.ppf(0.975, df))
            except ImportError:  # scipy's values, for the degrees of freedom the test uses
                table = {1: 12.706204736174694, 3: 3.1824463052837078, 8: 2.306004135204166, 498: 1.9647389829672888}
                tq = lambda df: table[df]
            out = []
            for xy in json.load(sys.stdin):
                x = np.array([p[0] for p in xy]); ly = np.log(np.array([p[1] for p in xy]))
                (b, a), cov = np.polyfit(x, ly, 1, cov=True)
                se = math.sqrt(cov[0][0]); n = len(x); t = tq(n - 2)
                lo, hi = b - t * se, b + t * se
                s = math.sqrt(np.sum((ly - (a + b * x)) ** 2) / (n - 2)); sxx = np.sum((x - x.mean()) ** 2)
                x0 = float(x.max()) + 1.0
                half = t * s * math.sqrt(1.0 / n + (x0 - x.mean()) ** 2 / sxx)
                # the doubling time's interval: ln 2 / slope over the slope's interval, unbounded if it holds zero
                dl, dh = (min(math.log(2) / lo, math.log(2) / hi), max(math.log(2) / lo, math.log(2) / hi)) \
                    if lo > 0 or hi < 0 else (float('nan'), float('nan'))
                out.append([float(b), float(a), se, t, lo, hi, math.log(2) / b, dl, dh,
                            math.exp(a + b * x0 - half), math.exp(a + b * x0 + half)])
            for row in out:
                print(' '.join('NaN' if math.isnan(v) else repr(float(v)) for v in row))
            """;

    @Test
    void slopeIntervalDoublingTimeAndBandMatchNumpyPolyfitWithItsCovariance() throws Exception {
        Tools.require("python3 with numpy", "python3", "-c", "import numpy");
        Random r = new Random(7);
        List<List<double[]>> sets = new ArrayList<>();
        for (int n : new int[] {3, 5, 10, 500}) { // 1, 3, 8 and 498 degrees of freedom
            List<double[]> xy = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                double x = 2005 + 20.0 * r.nextDouble();
                xy.add(new double[] {x, 3 * Math.pow(2, (x - 2005) / 1.7) * Math.exp(0.4 * r.nextGaussian())});
            }
            sets.add(xy);
        }
        StringBuilder json = new StringBuilder("[");
        for (int s = 0; s < sets.size(); s++) {
            json.append(s == 0 ? "[" : ",[");
            for (int i = 0; i < sets.get(s).size(); i++) {
                double[] p = sets.get(s).get(i);
                json.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "[%.17g,%.17g]", p[0], p[1]));
            }
            json.append(']');
        }
        json.append(']');
        Path script = tmp.resolve("fit.py");
        Files.writeString(script, SCRIPT);
        Path in = tmp.resolve("in.json");
        Files.writeString(in, json);
        String out = Tools.run(tmp, "sh", "-c", "python3 fit.py < in.json");
        double[][] expected = out.strip()
                .lines()
                .map(l -> java.util.Arrays.stream(l.trim().split(" "))
                        .mapToDouble(Double::parseDouble)
                        .toArray())
                .toArray(double[][]::new);
        for (int s = 0; s < sets.size(); s++) {
            TrendFit f = TrendFit.fit(sets.get(s));
            double[] e = expected[s];
            double x0 = f.xLast() + 1.0;
            double[] band = f.bandAt(x0);
            double[] actual = {
                f.slopePerYear(),
                f.intercept(),
                f.slopeStandardError(),
                f.t95(),
                f.slopeLow95(),
                f.slopeHigh95(),
                f.doublingYears(),
                f.doublingLow95(),
                f.doublingHigh95(),
                band[0],
                band[1]
            };
            String[] names = {
                "slope",
                "intercept",
                "se(slope)",
                "t(0.975, n-2)",
                "slope low",
                "slope high",
                "doubling",
                "doubling low",
                "doubling high",
                "band low",
                "band high"
            };
            for (int k = 0; k < names.length; k++) {
                assertThat(relative(actual[k], e[k]))
                        .as("n=" + f.points() + " " + names[k] + ": " + actual[k] + " vs numpy " + e[k])
                        .isLessThan(1e-9);
            }
        }
    }

    @Test
    void tQuantilesMatchThePublishedValues() {
        // scipy.stats.t.ppf(0.975, df)
        assertThat(relative(StudentT.quantile(0.975, 1), 12.706204736174694)).isLessThan(1e-12);
        assertThat(relative(StudentT.quantile(0.975, 2), 4.302652729749462)).isLessThan(1e-12);
        assertThat(relative(StudentT.quantile(0.975, 3), 3.1824463052837078)).isLessThan(1e-11);
        assertThat(relative(StudentT.quantile(0.975, 8), 2.306004135204166)).isLessThan(1e-11);
        assertThat(relative(StudentT.quantile(0.975, 30), 2.0422724563012378)).isLessThan(1e-11);
        assertThat(relative(StudentT.quantile(0.975, 498), 1.9647389829672888)).isLessThan(1e-11);
    }

    @Test
    void anIntervalThatIncludesZeroSlopeLeavesTheDoublingTimeUnbounded() {
        TrendFit f = TrendFit.fit(List.of(new double[] {2010, 10}, new double[] {2011, 5}, new double[] {2012, 11}));
        assertThat(f.slopeLow95()).isNegative();
        assertThat(f.slopeHigh95()).isPositive();
        assertThat(f.doublingLow95()).isNaN();
        assertThat(f.describe()).contains("95 % CI unbounded");
    }

    static double relative(double a, double b) {
        return a == b || (Double.isNaN(a) && Double.isNaN(b))
                ? 0
                : Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
    }
}
