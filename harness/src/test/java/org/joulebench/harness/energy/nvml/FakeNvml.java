package org.joulebench.harness.energy.nvml;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.joulebench.energy.spi.SensorException;

/**
 * NVML with scripted boards and a clock the test moves: each board draws a constant power, so its energy
 * counter is power x time since the driver loaded, and its power usage that power. A board may lack the
 * energy counter (NOT_SUPPORTED, as before Volta) or have its counter set back.
 */
final class FakeNvml implements NvmlApi {

    /** One fake board. */
    static final class Board {
        final String uuid;
        final String pciBusId;
        double watts;
        boolean counterSupported = true;
        /** Added to the counter: a negative step makes it go backwards. */
        long counterOffsetMillijoules;

        long temperatureC = 35;
        /** {@code nvmlClocksEventReason*} bits; {@code -1}: the driver lacks the call. */
        long clocksEventReasons = 0x4; // SW_POWER_CAP, as a loaded GPU runs

        List<Long> computePids = List.of();
        long smClockMHz = 1980;
        long memClockMHz = 2619;

        Board(String uuid, String pciBusId, double watts) {
            this.uuid = uuid;
            this.pciBusId = pciBusId;
            this.watts = watts;
        }
    }

    final AtomicLong nanos;
    final List<Board> boards;
    /** Energy each board had accumulated at the last power change, mJ, and when. */
    private final double[] baseMillijoules;

    private final long[] baseNanos;
    boolean closed;

    FakeNvml(AtomicLong nanos, List<Board> boards) {
        this.nanos = nanos;
        this.boards = List.copyOf(boards);
        this.baseMillijoules = new double[boards.size()];
        this.baseNanos = new long[boards.size()];
        for (int i = 0; i < boards.size(); i++) {
            baseMillijoules[i] = 1_000_000; // the driver has been up a while
            baseNanos[i] = nanos.get();
        }
    }

    /**
     * {@code n} boards enumerated by NVML in the reverse of their PCI order (as CUDA's fastest-first order
     * may differ from NVML's): board {@code k} in PCI order sits at {@code 0000:(0x19+k):00.0}, has UUID
     * {@code GPU-0000000k-...} and draws {@code 100 + 10k} W.
     */
    static FakeNvml reversed(AtomicLong nanos, int n) {
        List<Board> list = new ArrayList<>();
        for (int k = n - 1; k >= 0; k--) {
            list.add(new Board(uuidOf(k), pciOf(k), 100 + 10 * k));
        }
        return new FakeNvml(nanos, list);
    }

    static String uuidOf(int k) {
        return String.format(Locale.ROOT, "GPU-%08x-1111-2222-3333-444455556666", k);
    }

    /** As NVML spells it: eight-digit domain, upper case. */
    static String pciOf(int k) {
        return String.format(Locale.ROOT, "00000000:%02X:00.0", 0x19 + k);
    }

    /** Changes a board's power from now on (energy so far is kept). */
    void setWatts(int index, double watts) {
        baseMillijoules[index] = energyMillijoules(index);
        baseNanos[index] = nanos.get();
        boards.get(index).watts = watts;
    }

    private double energyMillijoules(int index) {
        Board b = boards.get(index);
        return baseMillijoules[index] + b.watts * (nanos.get() - baseNanos[index]) * 1e-6;
    }

    private Board board(int index) throws SensorException {
        if (index < 0 || index >= boards.size()) {
            throw new NvmlException("nvmlDeviceGetHandleByIndex_v2 failed: invalid argument", 2);
        }
        return boards.get(index);
    }

    @Override
    public int deviceCount() {
        return boards.size();
    }

    @Override
    public String driverVersion() {
        return "999.99";
    }

    @Override
    public String name(int index) throws SensorException {
        board(index);
        return "Fake H200";
    }

    @Override
    public String uuid(int index) throws SensorException {
        return board(index).uuid;
    }

    @Override
    public String pciBusId(int index) throws SensorException {
        return board(index).pciBusId;
    }

    @Override
    public long powerLimitMilliwatts(int index) throws SensorException {
        board(index);
        return 700_000;
    }

    @Override
    public long totalEnergyMillijoules(int index) throws SensorException {
        Board b = board(index);
        if (!b.counterSupported) {
            throw new NvmlException("nvmlDeviceGetTotalEnergyConsumption failed: Not Supported", 3);
        }
        return (long) Math.floor(energyMillijoules(index)) + b.counterOffsetMillijoules;
    }

    @Override
    public long powerUsageMilliwatts(int index) throws SensorException {
        return Math.round(board(index).watts * 1000);
    }

    @Override
    public long temperatureC(int index) throws SensorException {
        return board(index).temperatureC;
    }

    @Override
    public long clockMHz(int index, Clock clock) throws SensorException {
        Board b = board(index);
        return clock == Clock.SM ? b.smClockMHz : b.memClockMHz;
    }

    @Override
    public long clocksEventReasons(int index) throws SensorException {
        long r = board(index).clocksEventReasons;
        if (r < 0) {
            throw new NvmlException("not in this driver", NvmlException.FUNCTION_NOT_FOUND);
        }
        return r;
    }

    @Override
    public List<Long> computeProcessPids(int index) throws SensorException {
        return board(index).computePids;
    }

    @Override
    public void close() {
        closed = true;
    }
}
