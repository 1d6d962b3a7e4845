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

    /** Model names starting with this are joulebench's stand-in driver (kernels run on the CPU), never a GPU. */
    public static final String STAND_IN_MODEL_PREFIX = "joulebench stand-in";
    /** Device property set to {@code true} on a stand-in device: nothing timed on it is a measurement. */
    public static final String STAND_IN_PROPERTY = "standIn";

    /** Every GPU of {@code gpus/*\/information}, sorted by PCI bus id (before CUDA_VISIBLE_DEVICES). */
    List<VisibleDevices.Gpu> gpus() {
        Path gpus = root.resolve("gpus");
        if (!Files.isDirectory(gpus)) {
            return List.of();
        }
        List<VisibleDevices.Gpu> list = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(gpus)) {
            for (Path dir : dirs.sorted().toList()) {
                Path info = dir.resolve("information");
                if (Files.isReadable(info)) {
                    Map<String, String> f = parse(Files.readString(info));
                    String bus = HardwareIds.normalize(
                            f.getOrDefault("Bus Location", dir.getFileName().toString()));
                    String uuid = f.get("GPU UUID");
                    list.add(new VisibleDevices.Gpu(
                            bus, f.getOrDefault("Model", "NVIDIA GPU"), uuid == null || uuid.isBlank() ? null : uuid));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + gpus, e);
        }
        list.sort(java.util.Comparator.comparing(VisibleDevices.Gpu::busId));
        return list;
    }

    /** Every GPU procfs lists, numbered {@code cuda:0}, {@code cuda:1}, ... in PCI bus id order. */
    public List<DeviceInfo> devices() {
        return describe(gpus());
    }

    /**
     * The given GPUs as devices numbered {@code cuda:0}, {@code cuda:1}, ... in the given order (the CUDA
     * ordinals the process will see); the hardware id is the PCI bus id the backend opens them by.
     */
    List<DeviceInfo> describe(List<VisibleDevices.Gpu> gpus) {
        String driver = driverVersion().orElse(null);
        List<DeviceInfo> devices = new ArrayList<>();
        for (int i = 0; i < gpus.size(); i++) {
            VisibleDevices.Gpu g = gpus.get(i);
            Map<String, String> props = new LinkedHashMap<>();
            props.put(DeviceInfo.PCI_BUS_ID, g.busId());
            if (g.uuid() != null) {
                props.put(DeviceInfo.UUID, g.uuid());
            }
            if (isStandIn(g.model())) {
                props.put(STAND_IN_PROPERTY, "true");
            }
            devices.add(new DeviceInfo("cuda:" + i, g.model(), DeviceKind.GPU, g.busId(), driver, props));
        }
        return devices;
    }

    /** Whether a model name is joulebench's stand-in driver's. */
    public static boolean isStandIn(String model) {
        return model != null && model.strip().toLowerCase(Locale.ROOT).startsWith(STAND_IN_MODEL_PREFIX);
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
