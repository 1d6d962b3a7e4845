package org.joulebench.harness.energy.nvml;

import java.util.ArrayList;
import java.util.List;
import org.joulebench.energy.spi.SensorException;
import org.joulebench.energy.spi.SensorNotApplicableException;
import org.joulebench.energy.spi.SensorOptions;
import org.joulebench.vocabulary.HardwareIds;

/**
 * Which NVML boards to read: those named by hardware id, matched against every board's PCI bus id and
 * UUID as NVML reports them, never by index (CUDA orders GPUs fastest first unless {@code
 * CUDA_DEVICE_ORDER=PCI_BUS_ID}, NVML by PCI bus, and {@code CUDA_VISIBLE_DEVICES} renumbers them).
 *
 * <p>Ids come from {@code nvmlDevices} (explicit: each must match a board), else from the {@code devices}
 * targets of the case (ids that are not NVIDIA GPUs here, such as {@code cpu-socket:0}, are skipped; none
 * matching means the sensor does not apply), else every board is read.
 */
final class NvmlBoards {
    static final String OPTION = "nvmlDevices";

    private NvmlBoards() {}

    /**
     * One board to read.
     *
     * @param index NVML's index in this session
     * @param hardwareId the id its domain names (as the caller spelled it; else the PCI bus id, else UUID)
     * @param pciBusId normalized PCI bus id ({@code null} when NVML cannot tell)
     * @param uuid NVML's UUID ({@code null} when NVML cannot tell)
     */
    record Board(int index, String hardwareId, String pciBusId, String uuid) {}

    /** Every board NVML enumerates, with its identity. */
    static List<Board> enumerate(NvmlApi nvml) throws SensorException {
        int n = nvml.deviceCount();
        List<Board> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String pci = null;
            String uuid = null;
            try {
                pci = HardwareIds.normalizePciBusId(nvml.pciBusId(i)).orElse(null);
            } catch (SensorException e) {
                // no PCI identity: matched by UUID only
            }
            try {
                uuid = nvml.uuid(i);
            } catch (SensorException e) {
                // no UUID: matched by PCI bus id only
            }
            out.add(new Board(i, pci != null ? pci : uuid != null ? uuid : "nvml-index:" + i, pci, uuid));
        }
        return out;
    }

    static List<Board> select(NvmlApi nvml, SensorOptions options) throws SensorException {
        List<Board> all = enumerate(nvml);
        if (all.isEmpty()) {
            throw new SensorException("NVML reports no GPUs");
        }
        var explicit = options.get(OPTION);
        if (explicit.isPresent()) {
            List<Board> out = new ArrayList<>();
            for (String part : explicit.get().split(",")) {
                String id = part.strip();
                if (id.isEmpty()) {
                    continue;
                }
                if (id.matches("\\d+")) {
                    throw new SensorException(OPTION + "=" + id + " is an index: name GPUs by PCI bus id or UUID"
                            + " (CUDA and NVML may number them differently); NVML sees " + describe(all));
                }
                Board b = find(all, id)
                        .orElseThrow(() ->
                                new SensorException(OPTION + ": no NVIDIA GPU " + id + "; NVML sees " + describe(all)));
                add(out, b, id);
            }
            if (out.isEmpty()) {
                throw new SensorException(OPTION + " names no GPU");
            }
            return out;
        }
        List<String> targets = options.targetDevices();
        if (!targets.isEmpty()) {
            List<Board> out = new ArrayList<>();
            for (String t : targets) {
                find(all, t).ifPresent(b -> add(out, b, t));
            }
            if (out.isEmpty()) {
                throw new SensorNotApplicableException(
                        "the case runs on no NVIDIA GPU (devices " + String.join(", ", targets) + ")");
            }
            return out;
        }
        return all;
    }

    private static void add(List<Board> out, Board b, String spelledAs) {
        if (out.stream().noneMatch(o -> o.index() == b.index())) {
            out.add(new Board(b.index(), spelledAs, b.pciBusId(), b.uuid()));
        }
    }

    private static java.util.Optional<Board> find(List<Board> all, String id) {
        return all.stream()
                .filter(b -> HardwareIds.sameDevice(id, b.pciBusId()) || HardwareIds.sameDevice(id, b.uuid()))
                .findFirst();
    }

    private static String describe(List<Board> all) {
        return String.join(
                ", ", all.stream().map(b -> b.pciBusId() + " " + b.uuid()).toList());
    }

    /** {@code gpu-board} for one board, {@code gpu-board:<hardware id>} for each of several. */
    static List<String> domains(List<Board> boards) {
        return boards.size() == 1
                ? List.of("gpu-board")
                : boards.stream().map(b -> "gpu-board:" + b.hardwareId()).toList();
    }
}
