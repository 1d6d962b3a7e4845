package org.joulebench.backend.external;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.joulebench.energy.spi.BackendEnergySensors;
import org.joulebench.kernels.Kernel;
import org.joulebench.kernels.KernelInputs;
import org.joulebench.kernels.Npy;
import org.joulebench.kernels.Tensor;
import org.joulebench.kernels.spi.Backend;
import org.joulebench.kernels.spi.BackendException;
import org.joulebench.kernels.spi.DeviceInfo;
import org.joulebench.kernels.spi.Implementation;
import org.joulebench.kernels.spi.PreparedKernel;
import org.joulebench.vocabulary.RunnerEnergy;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An opened external backend: one runner process, greeted, whose devices must be the ones the provider listed.
 * {@link #prepare} writes the inputs as {@code .npy} files and asks the runner to load them (weights marked);
 * the files are deleted once it answered. {@link #close()} releases what is prepared and ends the runner and
 * its process tree.
 */
final class ExternalBackend implements Backend {
    private final RunnerProcess runner;
    private final RunnerProtocol.Hello hello;
    private final Set<ExternalPreparedKernel> open = new LinkedHashSet<>();
    private final Map<String, RunnerEnergySensor> energySensors = new java.util.LinkedHashMap<>();
    private int nextHandle = 1;
    private boolean closed;

    ExternalBackend(RunnerSpec spec, RunnerProtocol.Hello listed) throws BackendException {
        try {
            runner = RunnerProcess.start(spec);
        } catch (RunnerProcess.RunnerFailure e) {
            throw new BackendException(e.getMessage());
        }
        try {
            hello = RunnerProtocol.hello(runner);
            List<String> now = hello.devices().stream()
                    .map(d -> d.info().id() + "=" + d.info().hardwareId())
                    .toList();
            List<String> before = listed.devices().stream()
                    .map(d -> d.info().id() + "=" + d.info().hardwareId())
                    .toList();
            if (!now.equals(before)) {
                throw new BackendException("runner " + hello.label() + " lists devices " + now + " now but listed "
                        + before + " before: a runner's hello must be the same every time");
            }
        } catch (RunnerProcess.RunnerFailure e) {
            runner.close();
            throw new BackendException(e.getMessage());
        } catch (BackendException e) {
            runner.close();
            throw e;
        }
    }

    @Override
    public String id() {
        return ExternalBackendProvider.ID;
    }

    @Override
    public List<DeviceInfo> devices() {
        return hello.devices().stream().map(RunnerProtocol.RunnerDevice::info).toList();
    }

    @Override
    public List<Implementation> implementations(DeviceInfo device) {
        return hello.device(device.id())
                .map(RunnerProtocol.RunnerDevice::implementations)
                .orElse(List.of());
    }

    /** The runner process (tests check it and its tree are gone after close). */
    RunnerProcess runner() {
        return runner;
    }

    @Override
    public synchronized PreparedKernel prepare(
            Kernel kernel, KernelInputs inputs, DeviceInfo device, String implementationId) throws BackendException {
        if (closed) {
            throw new BackendException("external backend is closed");
        }
        RunnerProtocol.RunnerDevice d = hello.device(device.id())
                .orElseThrow(() -> new BackendException("external backend (runner " + hello.label()
                        + ") has no device " + device.id() + "; it has "
                        + devices().stream().map(DeviceInfo::id).toList()));
        Implementation impl = d.implementations().stream()
                .filter(i -> i.id().equals(implementationId))
                .findFirst()
                .orElseThrow(() -> new BackendException("external backend (runner " + hello.label() + ") has no"
                        + " implementation '" + implementationId + "' on " + device.id() + "; it has "
                        + d.implementations().stream().map(Implementation::id).toList()));
        String what =
                kernel.id() + "/" + inputs.dtype().id() + " " + inputs.shape().dimsText() + " on " + device.id() + " ("
                        + impl.id() + ", runner " + hello.label() + ")";
        if (!impl.availability().available()) {
            throw new BackendException(what + ": implementation " + impl.id() + " is unavailable: "
                    + impl.availability().reason());
        }
        if (!impl.supports(kernel.id(), inputs.dtype())) {
            throw new BackendException(what + ": " + impl.id() + " does not implement " + kernel.id() + "/"
                    + inputs.dtype().id() + "; it implements " + impl.supportedText());
        }
        checkTensors(kernel, inputs, what);
        int handle = nextHandle++;
        ObjectNode req = RunnerProtocol.JSON.createObjectNode();
        req.put("op", "prepare");
        req.put("handle", handle);
        req.put("kernel", kernel.id());
        req.put("dtype", inputs.dtype().id());
        ObjectNode dims = req.putObject("dims");
        inputs.shape().dims().forEach(dims::put);
        req.put("device", device.id());
        req.put("implementation", impl.id());
        ObjectNode scalars = req.putObject("scalars");
        inputs.scalars().forEach(scalars::put);
        ArrayNode files = req.putArray("inputs");
        Path dir = runner.workDir();
        int weights = 0;
        long start = System.nanoTime();
        try {
            for (Tensor t : inputs.tensorList()) {
                Path file = dir.resolve("h" + handle + "-" + t.name() + ".npy");
                Npy.write(file, t);
                ObjectNode f = files.addObject();
                f.put("name", t.name());
                f.put("file", file.toString());
                f.put("descr", Npy.descr(t.type()));
                ArrayNode shape = f.putArray("shape");
                Arrays.stream(Npy.fileShape(t.type(), t.dims())).forEach(shape::add);
                f.put("weight", kernel.isWeight(t.name()));
                weights += kernel.isWeight(t.name()) ? 1 : 0;
            }
        } catch (IOException e) {
            deleteInputs(inputs, handle);
            throw new BackendException(what + ": cannot write the inputs for the runner: " + e.getMessage(), e);
        }
        long written = System.nanoTime();
        ObjectNode out = req.putObject("output");
        out.put("name", "out");
        out.put("descr", Npy.descr(inputs.outputType()));
        ArrayNode shape = out.putArray("shape");
        Arrays.stream(Npy.fileShape(inputs.outputType(), inputs.outputDims())).forEach(shape::add);
        JsonNode reply;
        try {
            reply = runner.request(
                    req.toString(),
                    "prepare " + kernel.id() + "/" + inputs.dtype().id());
        } catch (RunnerProcess.RunnerFailure e) {
            throw new BackendException(what + ": " + e.getMessage());
        } finally {
            deleteInputs(inputs, handle);
        }
        long loaded = System.nanoTime();
        runner.noteDescendants();
        String op = reply.path("op").asString();
        if (op.equals("refused")) {
            throw new BackendException(what + ": refused by the runner: "
                    + RunnerProtocol.clip(reply.path("reason").asString("(no reason given)")));
        }
        if (!op.equals("ready") || reply.path("handle").asInt(-1) != handle) {
            throw new BackendException(what + ": "
                    + runner.fail("prepare", "runner answered prepare with " + RunnerProtocol.text(reply), false)
                            .getMessage());
        }
        boolean weightsPrepared = weights > 0 && reply.path("weightsPrepared").asBoolean(false);
        ExternalPreparedKernel p = new ExternalPreparedKernel(
                this,
                runner,
                hello,
                handle,
                what,
                device.hardwareId(),
                inputs.outputType(),
                inputs.outputDims(),
                weightsPrepared ? weights : 0,
                (written - start) / 1e6,
                (loaded - written) / 1e6);
        open.add(p);
        return p;
    }

    private static void checkTensors(Kernel kernel, KernelInputs inputs, String what) throws BackendException {
        Map<String, int[]> expected = CatalogueTensors.inputDims(kernel.id(), inputs.shape());
        for (var e : expected.entrySet()) {
            Tensor t = inputs.tensors().get(e.getKey());
            if (t == null) {
                throw new BackendException(what + ": no input tensor " + e.getKey() + "; have "
                        + inputs.tensors().keySet());
            }
            if (!Arrays.equals(t.dims(), e.getValue())) {
                throw new BackendException(what + ": input " + e.getKey() + " has dims " + Arrays.toString(t.dims())
                        + ", the shape needs " + Arrays.toString(e.getValue()));
            }
        }
    }

    private void deleteInputs(KernelInputs inputs, int handle) {
        for (String name : inputs.tensors().keySet()) {
            try {
                java.nio.file.Files.deleteIfExists(runner.workDir().resolve("h" + handle + "-" + name + ".npy"));
            } catch (IOException ignored) {
                // the work folder goes at close anyway
            }
        }
    }

    /**
     * The sensor of one energy source the runner reports ({@code source}, method, scope, device), made and published
     * to the harness when its first reading arrives; withdrawn when the backend closes.
     */
    synchronized RunnerEnergySensor energySensor(String source, String method, String scope, String device) {
        String key = source + "\u0000" + method + "\u0000" + scope + "\u0000" + device;
        RunnerEnergySensor s = energySensors.get(key);
        if (s == null) {
            String id = energySensors.isEmpty()
                    ? RunnerEnergy.SENSOR_ID
                    : RunnerEnergy.SENSOR_ID + "-" + (energySensors.size() + 1);
            s = new RunnerEnergySensor(id, hello.label(), source, method, scope, device);
            energySensors.put(key, s);
            BackendEnergySensors.publish(s);
        }
        return s;
    }

    synchronized void released(ExternalPreparedKernel p) {
        open.remove(p);
    }

    synchronized boolean isClosed() {
        return closed;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        open.clear();
        energySensors.values().forEach(BackendEnergySensors::withdraw);
        runner.close();
    }
}
