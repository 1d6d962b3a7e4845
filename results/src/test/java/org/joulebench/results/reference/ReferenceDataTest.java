package org.joulebench.results.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReferenceDataTest {
    /** The committed data, relative to the module directory (surefire's working directory). */
    static final Path COMMITTED = Path.of("reference");

    @Test
    void committedReferenceDataLoadsWithSourcesAndConfidence() throws Exception {
        ReferenceData data = ReferenceData.load(COMMITTED);
        assertThat(data.gpuDatasheets()).hasSize(7);
        GpuDatasheet h100 = data.gpuDatasheets().stream()
                .filter(g -> g.model().equals("H100 SXM5"))
                .findFirst()
                .orElseThrow();
        assertThat(h100.announced()).isEqualTo(YearMonth.of(2022, 3));
        assertThat(h100.tdpWatts()).isEqualTo(700.0);
        assertThat(h100.datasheetFp16GflopsPerJoule()).isCloseTo(1413.4, org.assertj.core.data.Offset.offset(0.1));
        assertThat(h100.confidence()).isEqualTo(Confidence.HIGH);
        GpuDatasheet b200 = data.gpuDatasheets().stream()
                .filter(g -> g.model().startsWith("B200"))
                .findFirst()
                .orElseThrow();
        assertThat(b200.fp32Tflops()).isNull(); // not published: empty, not 0

        assertThat(data.bitcoinAsics()).hasSize(11);
        assertThat(data.bitcoinAsics().getFirst().lowConfidence()).isTrue();
        assertThat(data.bitcoinAsics().getFirst().source()).isEqualTo("secondary claim; no primary source found");
        assertThat(data.bitcoinAsics().stream().filter(BitcoinAsicPoint::lowConfidence))
                .hasSize(4);
        assertThat(data.green500()).hasSize(8);
        assertThat(data.green500().getLast().gflopsPerWatt()).isEqualTo(73.282); // Kairos, November 2025
    }

    @Test
    void malformedRowNamesFileLineAndColumn(@TempDir Path dir) throws Exception {
        for (String f :
                new String[] {ReferenceData.GPU_FILE, ReferenceData.BITCOIN_FILE, ReferenceData.GREEN500_FILE}) {
            Files.copy(COMMITTED.resolve(f), dir.resolve(f));
        }
        Path g = dir.resolve(ReferenceData.GREEN500_FILE);
        Files.writeString(g, Files.readString(g) + "2023-06,X,lots,high,\"a, quoted source\"\n");
        assertThatThrownBy(() -> ReferenceData.load(dir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(g + ":10: column 3: 'lots' is not a number");
        Files.writeString(g, Files.readString(g).replace("lots", "1.5"));
        assertThat(ReferenceData.load(dir).green500().getLast().source()).isEqualTo("a, quoted source");
    }
}
