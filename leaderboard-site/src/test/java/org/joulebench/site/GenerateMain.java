package org.joulebench.site;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Builds a site from N synthetic submissions: {@code GenerateMain <out> <n>}; prints the build time. */
public final class GenerateMain {
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        int n = Integer.parseInt(args[1]);
        Path subs = Files.createTempDirectory("jb-subs");
        Synthetic.write(subs, n, 1);
        long t0 = System.nanoTime();
        SiteInput input =
                SiteTestData.unchecked(subs, Path.of(args.length > 2 ? args[2] : "../results/reference"), List.of());
        long t1 = System.nanoTime();
        Path index = SiteGenerator.generate(input, out);
        long t2 = System.nanoTime();
        System.out.printf("load %.2f s, generate %.2f s -> %s%n", (t1 - t0) / 1e9, (t2 - t1) / 1e9, index);
    }
}
