package org.joulebench.backend.conformance;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.joulebench.kernels.DType;
import org.joulebench.kernels.spi.Availability;
import org.joulebench.kernels.spi.Backend;
import org.joulebench.kernels.spi.BackendProvider;
import org.joulebench.kernels.spi.DeviceInfo;
import org.joulebench.kernels.spi.Implementation;
import org.joulebench.kernels.spi.KernelVariant;
import org.joulebench.vocabulary.DeviceKind;
import org.joulebench.vocabulary.ImplementationKind;

/**
 * A fake device backend (triad and noop in plain Java on a worker thread, device memory counted) with one
 * deliberate {@link Defect}, so the kit's own tests show each check catches what it is for. Each defect is a
 * subclass with a public no-argument constructor, as ServiceLoader and the fresh-JVM probe need.
 */
public class FakeProvider implements BackendProvider {

    /** The one thing a fake gets wrong. */
    public enum Defect {
        NONE,
        UNAVAILABLE,
        NOT_REGISTERED,
        CHEAP_CALL_STARTS_A_THREAD,
        BACKEND_LISTS_OTHER_DEVICES,
        IGNORES_THE_TAIL_PAST_A_MULTIPLE_OF_8,
        BATCH_ACCUMULATES,
        WRITES_INTO_ITS_INPUTS,
        ACCEPTS_ANY_IMPLEMENTATION,
        TRUSTS_THE_SHAPE,
        CLOSE_THROWS_AFTER_A_FAILURE,
        KEEPS_EVERY_KERNEL,
        FORGETS_TO_FREE_DEVICE_MEMORY,
        LEAVES_ITS_THREAD_RUNNING
    }

    static final String IMPLEMENTATION = "plain";
    static final String MISSING_LIBRARY = "fakeblas";
    static final Set<KernelVariant> SUPPORTED =
            Set.of(new KernelVariant("triad", DType.FP32), new KernelVariant("noop", DType.FP32));

    private final String id;
    private final Defect defect;

    public FakeProvider() {
        this("fake", Defect.NONE);
    }

    protected FakeProvider(String id, Defect defect) {
        this.id = id;
        this.defect = defect;
    }

    Defect defect() {
        return defect;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String description() {
        return "fake device backend for the conformance kit's tests (" + defect + ")";
    }

    @Override
    public Availability availability() {
        return defect == Defect.UNAVAILABLE
                ? Availability.no("the fake device is switched off")
                : Availability.yes("fake device on");
    }

    @Override
    public List<DeviceInfo> devices() {
        if (defect == Defect.CHEAP_CALL_STARTS_A_THREAD) {
            Thread t = new Thread(
                    () -> {
                        try {
                            Thread.sleep(20_000);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    },
                    "fake-device-scanner");
            t.setDaemon(true);
            t.start();
        }
        return List.of(device("fake0"));
    }

    static DeviceInfo device(String deviceId) {
        return new DeviceInfo(deviceId, "fake accelerator", DeviceKind.ACCELERATOR, "fake-uuid-0", "1.0", Map.of());
    }

    @Override
    public List<Implementation> implementations(DeviceInfo device) {
        return List.of(
                new Implementation(
                        IMPLEMENTATION,
                        ImplementationKind.PORTABLE,
                        "plain Java on a worker thread",
                        Availability.yes("always"),
                        SUPPORTED),
                new Implementation(
                        MISSING_LIBRARY,
                        ImplementationKind.VENDOR_LIBRARY,
                        "the vendor's library",
                        Availability.no("libfakeblas.so not found"),
                        Set.of(new KernelVariant("triad", DType.FP32))));
    }

    @Override
    public Backend create() {
        return new FakeBackend(this);
    }

    public static final class Unavailable extends FakeProvider {
        public Unavailable() {
            super("fake-unavailable", Defect.UNAVAILABLE);
        }
    }

    public static final class NotRegistered extends FakeProvider {
        public NotRegistered() {
            super("fake-not-registered", Defect.NOT_REGISTERED);
        }
    }

    public static final class CheapCallStartsAThread extends FakeProvider {
        public CheapCallStartsAThread() {
            super("fake-cheap-call-starts-a-thread", Defect.CHEAP_CALL_STARTS_A_THREAD);
        }
    }

    public static final class BackendListsOtherDevices extends FakeProvider {
        public BackendListsOtherDevices() {
            super("fake-backend-lists-other-devices", Defect.BACKEND_LISTS_OTHER_DEVICES);
        }
    }

    public static final class IgnoresTheTail extends FakeProvider {
        public IgnoresTheTail() {
            super("fake-ignores-the-tail", Defect.IGNORES_THE_TAIL_PAST_A_MULTIPLE_OF_8);
        }
    }

    public static final class BatchAccumulates extends FakeProvider {
        public BatchAccumulates() {
            super("fake-batch-accumulates", Defect.BATCH_ACCUMULATES);
        }
    }

    public static final class WritesIntoItsInputs extends FakeProvider {
        public WritesIntoItsInputs() {
            super("fake-writes-into-its-inputs", Defect.WRITES_INTO_ITS_INPUTS);
        }
    }

    public static final class AcceptsAnyImplementation extends FakeProvider {
        public AcceptsAnyImplementation() {
            super("fake-accepts-any-implementation", Defect.ACCEPTS_ANY_IMPLEMENTATION);
        }
    }

    public static final class TrustsTheShape extends FakeProvider {
        public TrustsTheShape() {
            super("fake-trusts-the-shape", Defect.TRUSTS_THE_SHAPE);
        }
    }

    public static final class CloseThrowsAfterAFailure extends FakeProvider {
        public CloseThrowsAfterAFailure() {
            super("fake-close-throws-after-a-failure", Defect.CLOSE_THROWS_AFTER_A_FAILURE);
        }
    }

    public static final class KeepsEveryKernel extends FakeProvider {
        public KeepsEveryKernel() {
            super("fake-keeps-every-kernel", Defect.KEEPS_EVERY_KERNEL);
        }
    }

    public static final class ForgetsToFreeDeviceMemory extends FakeProvider {
        public ForgetsToFreeDeviceMemory() {
            super("fake-forgets-to-free-device-memory", Defect.FORGETS_TO_FREE_DEVICE_MEMORY);
        }
    }

    public static final class LeavesItsThreadRunning extends FakeProvider {
        public LeavesItsThreadRunning() {
            super("fake-leaves-its-thread-running", Defect.LEAVES_ITS_THREAD_RUNNING);
        }
    }
}
