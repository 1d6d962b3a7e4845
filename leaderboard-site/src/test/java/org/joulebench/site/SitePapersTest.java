package org.joulebench.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.joulebench.results.check.Checker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The site's "Figures for papers" page: each figure type at both widths from the site's own snapshot, its caption
 * word for word, the snapshot to cite; and a site built twice from the same data is the same, byte for byte.
 */
class SitePapersTest {
    @TempDir
    Path tmp;

    @Test
    void thePapersPageShowsEveryFigureTypeAtBothWidthsWithItsCaption() throws Exception {
        Path subs = tmp.resolve("subs");
        Synthetic.write(subs, 8, 4);
        SiteInput input = SiteTestData.unchecked(subs, SiteTestData.referenceDir(tmp), List.of());
        Path site = tmp.resolve("site");
        SiteGenerator.generate(input, site, "c0ffee");
        String html = Files.readString(site.resolve("papers.html"));
        for (String stem : List.of("history", "grid", "compare", "roofline", "reference")) {
            for (String size : List.of("single", "double")) {
                assertThat(html).contains("figures/papers/" + stem + "-" + size + ".png");
                BufferedImage png = ImageIO.read(site.resolve("figures/papers/" + stem + "-" + size + ".png")
                        .toFile());
                assertThat(png.getWidth()).isEqualTo(size.equals("single") ? 1050 : 2148);
                assertThat(site.resolve("figures/papers/" + stem + "-" + size + ".pdf"))
                        .exists();
            }
            String caption = Files.readString(site.resolve("figures/papers/" + stem + ".caption.txt"))
                    .strip();
            assertThat(html).as(stem).contains(escaped(caption));
        }
        assertThat(html)
                .contains("./joulebench figure --kind roofline --systems ")
                .contains("Figures for papers");
        assertThat(Files.readString(site.resolve("index.html"))).contains("papers.html");
        // the history page carries the same captions, word for word
        String history = Files.readString(site.resolve("data/history-data.js"));
        String caption = Files.readString(
                        site.resolve("figures/" + SiteGenerator.figureName("gemm|fp32|measured") + ".caption.txt"))
                .strip();
        assertThat(history).contains(SiteJson.scriptSafe(caption).replaceAll("^\"|\"$", ""));
    }

    @Test
    void aSiteBuiltTwiceFromTheSameSnapshotIsByteIdentical() throws Exception {
        SiteInput input =
                SiteInput.fromCheck(new Checker().check(SnapshotTest.COMMITTED), SnapshotTest.REFERENCE, List.of());
        SiteGenerator.generate(input, tmp.resolve("a"), "c0ffee");
        SiteGenerator.generate(input, tmp.resolve("b"), "c0ffee");
        try (Stream<Path> files = Files.walk(tmp.resolve("a"))) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                Path other = tmp.resolve("b").resolve(tmp.resolve("a").relativize(p));
                assertThat(other).as(p.toString()).hasSameBinaryContentAs(p);
            }
        }
        assertThat(Files.readString(tmp.resolve("a/downloads/CITATION.cff"))).contains("c0ffee");
        var unpacked = SnapshotArchive.unpack(tmp.resolve("a/downloads/joulebench-snapshot.zip"), tmp.resolve("u"));
        assertThat(unpacked.claimed().sha256())
                .isEqualTo(DataSnapshot.of(input.submissions(), "c0ffee").sha256());
    }

    /** As jte writes text into an element's content. */
    static String escaped(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
