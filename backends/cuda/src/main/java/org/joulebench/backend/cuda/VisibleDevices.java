package org.joulebench.backend.cuda;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which GPUs a CUDA process sees, in its ordinal order, from {@code CUDA_VISIBLE_DEVICES} and
 * {@code CUDA_DEVICE_ORDER}, worked out from the procfs listing (no native code), so the provider lists what
 * the backend will open.
 *
 * <p>CUDA's rules: {@code CUDA_DEVICE_ORDER=PCI_BUS_ID} numbers devices by PCI bus id; the default
 * ({@code FASTEST_FIRST}) puts faster models first, which procfs cannot tell, so with GPUs of different models
 * an index in {@code CUDA_VISIBLE_DEVICES} is refused with the fix (identical models are numbered by bus id
 * either way). {@code CUDA_VISIBLE_DEVICES} lists indices or UUIDs ({@code GPU-} and a unique prefix), in the
 * order the process numbers them; an entry that is invalid, out of range or repeated ends the list there (the
 * devices before it stay visible); an empty value hides every device; {@code MIG-} instances are refused.
 */
final class VisibleDevices {
    /** One GPU of the procfs listing, in PCI bus id order. */
    record Gpu(String busId, String model, String uuid) {}

    /** The devices visible, in ordinal order, or the reason they cannot be worked out. */
    record Selection(List<Gpu> visible, Optional<String> refusal) {
        static Selection of(List<Gpu> visible) {
            return new Selection(List.copyOf(visible), Optional.empty());
        }

        static Selection refused(String reason) {
            return new Selection(List.of(), Optional.of(reason));
        }
    }

    private VisibleDevices() {}

    /**
     * @param byBusId every GPU procfs lists, sorted by PCI bus id
     * @param visibleDevices the value of {@code CUDA_VISIBLE_DEVICES}, null when unset
     * @param deviceOrder the value of {@code CUDA_DEVICE_ORDER}, null when unset
     */
    static Selection select(List<Gpu> byBusId, String visibleDevices, String deviceOrder) {
        boolean busOrder = deviceOrder != null && deviceOrder.strip().equals("PCI_BUS_ID");
        boolean oneModel = byBusId.stream().map(Gpu::model).distinct().count() <= 1;
        if (visibleDevices == null) {
            return Selection.of(byBusId);
        }
        List<Gpu> visible = new ArrayList<>();
        for (String raw : visibleDevices.split(",", -1)) {
            String entry = raw.strip();
            if (entry.isEmpty()) {
                break;
            }
            if (entry.startsWith("MIG-")) {
                return Selection.refused("CUDA_VISIBLE_DEVICES names a MIG instance (" + entry
                        + "): joulebench measures whole GPUs; name the GPU by index or GPU- UUID");
            }
            Optional<Gpu> gpu;
            if (entry.matches("[0-9]+")) {
                if (!busOrder && !oneModel) {
                    return Selection.refused("CUDA_VISIBLE_DEVICES=" + visibleDevices + " names GPUs by index, but"
                            + " CUDA_DEVICE_ORDER is " + (deviceOrder == null ? "unset (FASTEST_FIRST)" : deviceOrder)
                            + " on GPUs of different models, whose order only the driver knows: set"
                            + " CUDA_DEVICE_ORDER=PCI_BUS_ID or name the GPUs by UUID");
                }
                int index = Integer.parseInt(entry.length() > 9 ? "999999999" : entry);
                gpu = index < byBusId.size() ? Optional.of(byBusId.get(index)) : Optional.empty();
            } else {
                gpu = byUuidPrefix(byBusId, entry);
            }
            if (gpu.isEmpty() || visible.contains(gpu.get())) {
                break; // CUDA ignores this entry and everything after it
            }
            visible.add(gpu.get());
        }
        return Selection.of(visible);
    }

    private static Optional<Gpu> byUuidPrefix(List<Gpu> gpus, String entry) {
        String prefix = entry.toLowerCase(Locale.ROOT);
        if (!prefix.startsWith("gpu-")) {
            prefix = "gpu-" + prefix;
        }
        String p = prefix;
        List<Gpu> matches = gpus.stream()
                .filter(g ->
                        g.uuid() != null && g.uuid().toLowerCase(Locale.ROOT).startsWith(p))
                .toList();
        return matches.size() == 1 ? Optional.of(matches.getFirst()) : Optional.empty();
    }
}
