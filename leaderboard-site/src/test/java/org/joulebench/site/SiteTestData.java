package org.joulebench.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.pdfbox.Loader;

/** Reference CSVs in the real format (rows from the shared reference data) and file checks. */
final class SiteTestData {
    private SiteTestData() {}

    static Path referenceDir(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(ReferenceSet.BITCOIN_FILE), """
                hardware,kind,year,joules_per_terahash,confidence,source
                CPU mining,cpu,2009,5000000,low,secondary claim; no primary source found
                "X6500 FPGA (400 MH/s at 16.5 W)",fpga,2012,41000,medium,https://bitcointalk.org/index.php?topic=86281.0
                Antminer S9,asic,2016,98,high,https://hashrateindex.com/reviews/steve-barbour-s9 (13.5 TH/s at ~1323 W)
                Antminer S19 Pro,asic,2020,29.5,high,Bitmain S19 series specifications
                Antminer S21 XP,asic,2024,13.5,high,Bitmain S21 XP specifications
                """);
        Files.writeString(dir.resolve(ReferenceSet.GPU_FILE), """
                vendor,model,announced,process,tdp_watts,dense_fp16_or_bf16_tflops,fp32_tflops,memory_bandwidth_tbps,confidence,source
                NVIDIA,Tesla V100 SXM2,2017-05,TSMC 12nm,300,125,15.7,0.900,medium,NVIDIA Tesla V100 datasheet
                NVIDIA,A100 SXM4 80GB,2020-05,TSMC 7nm,400,312,19.5,2.039,medium,NVIDIA A100 datasheet
                NVIDIA,B200 (HGX),2024-03,TSMC 4NP,1000,2250,,8.0,medium,https://glennklockwood.com/garden/processors/B200
                """);
        Files.writeString(dir.resolve(ReferenceSet.GREEN500_FILE), """
                list,system_or_note,gflops_per_watt,confidence,source
                2007-11,Green500 #1,0.35723,high,http://www.green500.org/lists/2007/11/green500/
                2022-06,Frontier TDS,62.8,high,https://top500.org/lists/green500/2022/06
                """);
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
