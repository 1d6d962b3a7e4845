package org.joulebench.results.record;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A device's measured roofs (an accelerator's, measured by {@code ./joulebench calibrate} through the backend SPI),
 * so its results get a roofline fraction as the CPU's do ({@link Roofline}).
 *
 * @param device the device id the backend lists (e.g. {@code cuda:0})
 * @param name the device's name
 * @param hardwareId the stable hardware id (a GPU's PCI bus id) results on it carry
 * @param backend the backend that measured it
 * @param standIn true when the device is a stand-in for absent hardware (its figures are the CPU's: never a roof;
 *     check rejects a record carrying them)
 * @param copyCurve device-to-device copy bandwidth by copy size, smallest first: {@code workingSetBytes} is the
 *     bytes read plus written per copy (2 x the size), bytes/s counted the same way
 * @param gemmOpsPerSecond the vendor library's GEMM rate by dtype id ({@code fp32}, {@code fp16}, {@code bf16}:
 *     FLOP/s; {@code int8}: integer ops/s), each verified against the reference at a small shape first
 * @param gemmBasis how each GEMM rate was measured, by dtype id
 * @param notes how the copies were measured and anything not measured, in words
 */
public record DeviceCeilings(
        String device,
        String name,
        String hardwareId,
        String backend,
        boolean standIn,
        List<BandwidthPoint> copyCurve,
        Map<String, Double> gemmOpsPerSecond,
        Map<String, String> gemmBasis,
        List<String> notes) {

    public DeviceCeilings {
        copyCurve = copyCurve == null ? List.of() : List.copyOf(copyCurve);
        gemmOpsPerSecond = gemmOpsPerSecond == null
                ? Map.of()
                : java.util.Collections.unmodifiableMap(new TreeMap<>(gemmOpsPerSecond));
        gemmBasis = gemmBasis == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(gemmBasis));
        notes = notes == null ? List.of() : List.copyOf(notes);
    }
}
