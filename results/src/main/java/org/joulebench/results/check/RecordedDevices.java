package org.joulebench.results.check;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.joulebench.results.record.BackendInfo;
import org.joulebench.results.record.BenchmarkResult;
import org.joulebench.results.record.DeviceRecord;
import org.joulebench.results.record.RunRecord;
import org.joulebench.results.system.SystemDescription;

/** The devices a run recorded, and the vendor and model words the rules compare. */
final class RecordedDevices {
    private final RunRecord run;

    RecordedDevices(RunRecord run) {
        this.run = run;
    }

    /** The recorded device a result ran on. */
    Optional<DeviceRecord> of(BenchmarkResult r) {
        for (BackendInfo b : run.environment().backends()) {
            if (!b.id().equals(r.backend())) {
                continue;
            }
            for (DeviceRecord d : b.devices()) {
                if (d.id().equals(r.device())) {
                    return Optional.of(d);
                }
            }
        }
        return Optional.empty();
    }

    /** The kind (CPU, GPU, ...) of the device a result ran on, when recorded. */
    Optional<String> kind(BenchmarkResult r) {
        return of(r).map(DeviceRecord::kind).filter(k -> k != null && !k.isBlank());
    }

    /** Whether the system description or a recorded device is an NVIDIA GPU. */
    boolean hasNvidiaGpu(SystemDescription system) {
        if (system != null && vendor(system.chipVendor()).equals("nvidia")) {
            return true;
        }
        for (BackendInfo b : run.environment().backends()) {
            for (DeviceRecord dev : b.devices()) {
                if ("GPU".equals(dev.kind())
                        && vendor(dev.name() + " " + dev.driver()).equals("nvidia")) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The vendor a text names, normalized: CPUID vendor ids ({@code GenuineIntel}, {@code AuthenticAMD},
     * {@code HygonGenuine}) and names; empty when it names none this knows.
     */
    static String vendor(String text) {
        if (text == null) {
            return "";
        }
        String t = " " + text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " ") + " ";
        if (t.contains("genuineintel") || t.contains(" intel ")) {
            return "intel";
        }
        if (t.contains("authenticamd") || t.contains(" amd ") || t.contains("advanced micro devices")) {
            return "amd";
        }
        if (t.contains("hygon")) {
            return "hygon";
        }
        if (t.contains("nvidia")) {
            return "nvidia";
        }
        if (t.contains(" apple ")) {
            return "apple";
        }
        return "";
    }

    /**
     * The model-number words of a model name: words with a digit, at least 3 characters, that are not a
     * clock, a memory size or a power (e.g. {@code 6338}, {@code H100}, {@code 9654}, {@code MI300X}); the
     * clock after {@code @} is dropped.
     */
    static Set<String> modelWords(String text) {
        Set<String> out = new LinkedHashSet<>();
        if (text == null) {
            return out;
        }
        String t = text.contains("@") ? text.substring(0, text.indexOf('@')) : text;
        for (String w : t.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
            if (w.length() >= 3 && w.matches(".*\\d.*") && !w.matches("\\d+(ghz|mhz|gb|tb|mb|gib|tib|mib|w|nm)")) {
                out.add(w);
            }
        }
        return out;
    }

    /** All words of a text, lower-case, for {@link #modelWords} to be looked up in. */
    static Set<String> words(String text) {
        Set<String> out = new LinkedHashSet<>();
        if (text != null) {
            for (String w : text.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
                out.add(w);
            }
        }
        return out;
    }
}
