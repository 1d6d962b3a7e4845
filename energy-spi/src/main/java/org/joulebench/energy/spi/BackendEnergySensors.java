package org.joulebench.energy.spi;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Energy readings a backend's own tool makes, published in the JMH fork so that the harness reads them around the
 * same measured windows as its own sensors: the {@code external} backend's runner reporting joules for each {@code
 * run n} ({@code org.joulebench.vocabulary.RunnerEnergy}). A published sensor is read at the start and end of every
 * measured window it was published before; its domains are recorded beside the selected sensors' (never instead of
 * them), with no idle window (a backend's tool reports only the work it ran).
 *
 * <p>The backend's sensor is created when the backend first has a reading, which is after the harness opened its
 * own sensors (the energy profiler starts before the benchmark's set-up), hence a registry, not the {@link
 * EnergySensorProvider} discovery.
 */
public final class BackendEnergySensors {
    private static final CopyOnWriteArrayList<EnergySensor> PUBLISHED = new CopyOnWriteArrayList<>();

    private BackendEnergySensors() {}

    /** Makes {@code sensor} read around the next measured windows (once; publishing it again changes nothing). */
    public static void publish(EnergySensor sensor) {
        PUBLISHED.addIfAbsent(sensor);
    }

    /** Stops reading {@code sensor} from the next window on (a window it started in still ends with it). */
    public static void withdraw(EnergySensor sensor) {
        PUBLISHED.remove(sensor);
    }

    /** The sensors published now, in order of publication. */
    public static List<EnergySensor> published() {
        return List.copyOf(PUBLISHED);
    }
}
