package org.joulebench.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.pdfbox.Loader;

/** Reference CSVs in the real format (rows from the shared reference data) and file checks. */
final class SiteTestData {
    private SiteTestData() {}

    /** The project's reference data (results/reference, with sources); the argument is ignored. */
    static Path referenceDir(Path ignored) {
        Path dir = Path.of("../results/reference").toAbsolutePath().normalize();
        assertThat(dir.resolve("bitcoin-asic-history.csv")).exists();
        return dir;
    }

    /** A parser that never fetches a DTD (the SVG DOCTYPE names one on the network). */
    static javax.xml.parsers.DocumentBuilder xmlParser() throws Exception {
        var f = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return f.newDocumentBuilder();
    }

    static void assertPdf(Path pdf) throws IOException {
        byte[] bytes = Files.readAllBytes(pdf);
        assertThat(new String(bytes, 0, 5, java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo("%PDF-");
        try (var doc = Loader.loadPDF(bytes)) {
            assertThat(doc.getNumberOfPages()).isEqualTo(1);
        }
    }
}
