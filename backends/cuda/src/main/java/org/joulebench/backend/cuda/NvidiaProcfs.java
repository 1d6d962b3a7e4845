package org.joulebench.backend.cuda;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.joulebench.kernels.spi.DeviceInfo;
import org.joulebench.vocabulary.DeviceKind;
import org.joulebench.vocabulary.HardwareIds;

/**
 * The NVIDIA driver's procfs tree ({@code /proc/driver/nvidia}): the driver version and, per GPU, the
 * model, UUID and PCI bus location, read as text (no native code). {@code gpus/<bus id>/information} holds
 * lines such as {@code Model: \t\t NVIDIA H200} and {@code Bus Location: \t 0000:19:00.0}.
 */
public final class NvidiaProcfs {
    private static final Pattern DRIVER_VERSION =
            Pattern.compile("Kernel Module\\s+(?:for\\s+\\S+\\s+)?([0-9]+(?:\\.[0-9]+)+)");

    private final Path root;

    public NvidiaProcfs(Path root) {
        this.root = root;
    }

    public boolean present() {
        return Files.isDirectory(root);
    }

    /** The kernel module's version from {@code version} (e.g. {@code 580.65.06}), if readable. */
    public Optional<String> driverVersion() {
        Path file = root.resolve("version");
        if (!Files.isReadable(file)) {
            return Optional.empty();
        }
        try {
            Matcher m = DRIVER_VERSION.matcher(Files.readString(file));
            return m.find() ? Optional.of(m.group(1)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * One device per {@code gpus/*\/information}, ordered by PCI bus id (the order CUDA enumerates with
     * {@code CUDA_DEVICE_ORDER=PCI_BUS_ID}); ids are {@code cuda:0}, {@code cuda:1}, ...
     */
    public List<DeviceInfo> devices() {
        Path gpus = root.resolve("gpus");
        if (!Files.isDirectory(gpus)) {
            return List.of();
        }
        List<Map<String, String>> infos = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(gpus)) {
            for (Path dir : dirs.sorted().toList()) {
                Path info = dir.resolve("information");
                if (Files.isReadable(info)) {
                    Map<String, String> fields = parse(Files.readString(info));
                    fields.putIfAbsent("Bus Location", dir.getFileName().toString());
                    infos.add(fields);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + gpus, e);
        }
        infos.sort(java.util.Comparator.comparing(f -> f.get("Bus Location").toLowerCase(Locale.ROOT)));
        String driver = driverVersion().orElse(null);
        List<DeviceInfo> devices = new ArrayList<>();
        for (int i = 0; i < infos.size(); i++) {
            Map<String, String> f = infos.get(i);
            String busId = HardwareIds.normalize(f.get("Bus Location"));
            Map<String, String> props = new LinkedHashMap<>();
            props.put(DeviceInfo.PCI_BUS_ID, busId);
            String uuid = f.get("GPU UUID");
            if (uuid != null && !uuid.isBlank()) {
                props.put(DeviceInfo.UUID, uuid);
            }
            devices.add(new DeviceInfo(
                    "cuda:" + i, f.getOrDefault("Model", "NVIDIA GPU"), DeviceKind.GPU, busId, driver, props));
        }
        return devices;
    }

    /** {@code Key: value} lines; the value trimmed of the tabs and spaces around it. */
    static Map<String, String> parse(String text) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : text.split("\\R")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                fields.put(
                        line.substring(0, colon).strip(),
                        line.substring(colon + 1).strip());
            }
        }
        return fields;
    }
}
