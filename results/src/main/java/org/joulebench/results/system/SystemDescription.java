package org.joulebench.results.system;

import java.time.LocalDate;
import java.util.Map;

/**
 * What a submitter writes once per system ({@code system.json}): who submits, what chip, and its
 * declared figures. Validated by {@code schemas/system-description.schema.json}.
 *
 * @param submitter organisation or person submitting (display text; slugged for folder names)
 * @param systemName the system's name (display text; slugged for folder names)
 * @param chipVendor e.g. NVIDIA, AMD, Intel
 * @param chipModel e.g. H100 SXM5 80GB
 * @param chipKind CPU, GPU, ASIC, FPGA or OTHER
 * @param announced announcement or release date of the chip (the history chart's x axis)
 * @param processNode e.g. {@code TSMC 4N}
 * @param tdpWatts declared thermal design power, watts
 * @param memory e.g. {@code 80 GB HBM3}
 * @param host host system description (CPU, board), free text
 * @param cooling air, liquid, ...
 * @param datasheetPeaks optional declared peaks, to set measured efficiency against datasheet
 */
public record SystemDescription(
        String submitter,
        String systemName,
        String chipVendor,
        String chipModel,
        ChipKind chipKind,
        LocalDate announced,
        String processNode,
        Double tdpWatts,
        String memory,
        String host,
        String cooling,
        DatasheetPeaks datasheetPeaks) {

    /** Declared peak rates. Keys of {@code flopsPerSecondByDtype} are dtype ids (fp32, fp16, bf16, int8...). */
    public record DatasheetPeaks(
            Map<String, Double> flopsPerSecondByDtype, Double memoryBandwidthBytesPerSecond, String source) {
        public DatasheetPeaks {
            flopsPerSecondByDtype = flopsPerSecondByDtype == null ? Map.of() : Map.copyOf(flopsPerSecondByDtype);
        }
    }
}
