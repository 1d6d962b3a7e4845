package org.joulebench.backend.external;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.joulebench.kernels.DType;
import org.joulebench.kernels.KernelCatalogue;
import org.joulebench.kernels.spi.Availability;
import org.joulebench.kernels.spi.DeviceInfo;
import org.joulebench.kernels.spi.Implementation;
import org.joulebench.kernels.spi.KernelVariant;
import org.joulebench.vocabulary.DeviceKind;
import org.joulebench.vocabulary.ImplementationKind;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Protocol version 1 (PROTOCOL.md): the {@code hello} exchange and what it tells about the runner. */
final class RunnerProtocol {
    private RunnerProtocol() {}

    static final int VERSION = 1;
    static final JsonMapper JSON = JsonMapper.builder().build();

    /** Caps on what a hello may list, so a runner cannot make the record or the listing unbounded. */
    private static final int MAX_DEVICES = 64;

    private static final int MAX_TEXT = 200;

    /** A device of the runner with its implementations. */
    record RunnerDevice(DeviceInfo info, List<Implementation> implementations, Map<String, String> versions) {}

    /** What a runner says about itself in its {@code hello}. */
    record Hello(String name, String version, List<RunnerDevice> devices) {
        Optional<RunnerDevice> device(String id) {
            return devices.stream().filter(d -> d.info().id().equals(id)).findFirst();
        }

        String label() {
            return name + " " + version;
        }
    }

    static String helloRequest() {
        ObjectNode n = JSON.createObjectNode();
        n.put("op", "hello");
        n.put("protocol", VERSION);
        n.put("joulebench", "0.1.0");
        return n.toString();
    }

    /** Starts nothing: exchanges {@code hello} with a started runner and reads its answer. */
    static Hello hello(RunnerProcess p) throws RunnerProcess.RunnerFailure {
        JsonNode h = p.request(helloRequest(), "hello", p.helloTimeout());
        p.noteDescendants();
        if (!h.path("op").asString().equals("hello")) {
            throw p.fail("hello", "runner answered hello with \"" + text(h.path("op")) + "\"", true);
        }
        JsonNode v = h.path("protocol");
        if (!v.isIntegralNumber() || v.asLong() != VERSION) {
            throw p.fail(
                    "hello",
                    "runner speaks protocol " + (v.isMissingNode() ? "(none given)" : text(v)) + "; joulebench speaks "
                            + VERSION,
                    false);
        }
        try {
            return parseHello(h);
        } catch (IllegalArgumentException e) {
            throw p.fail("hello", "runner's hello: " + e.getMessage(), false);
        }
    }

    static Hello parseHello(JsonNode h) {
        String name = required(h.path("runner"), "name", "runner");
        String version = required(h.path("runner"), "version", "runner");
        JsonNode devices = h.path("devices");
        if (!devices.isArray() || devices.isEmpty()) {
            throw new IllegalArgumentException("no devices");
        }
        if (devices.size() > MAX_DEVICES) {
            throw new IllegalArgumentException(devices.size() + " devices, more than " + MAX_DEVICES);
        }
        KernelCatalogue catalogue = KernelCatalogue.standard();
        List<RunnerDevice> list = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        for (JsonNode d : devices) {
            String id = required(d, "id", "device");
            if (!id.matches("[a-z0-9][a-z0-9:._-]{0,63}")) {
                throw new IllegalArgumentException("device id '" + id + "' is not [a-z0-9][a-z0-9:._-]*");
            }
            if (!ids.add(id)) {
                throw new IllegalArgumentException("device id '" + id + "' listed twice");
            }
            DeviceKind kind;
            try {
                kind = DeviceKind.parse(required(d, "kind", "device " + id));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("device " + id + ": kind " + text(d.path("kind"))
                        + " is not one of CPU, GPU, ACCELERATOR, FPGA, OTHER");
            }
            String hardwareId = required(d, "hardwareId", "device " + id);
            Map<String, String> props = new LinkedHashMap<>();
            d.path("properties").properties().stream()
                    .limit(32)
                    .forEach(e -> props.put(clip(e.getKey()), clip(text(e.getValue()))));
            props.put("runner", name + " " + version);
            String runtime = optional(d, "runtime");
            if (runtime != null) {
                props.put("runtime", runtime);
            }
            DeviceInfo info = new DeviceInfo(
                    id,
                    optional(d, "name") == null ? id : optional(d, "name"),
                    kind,
                    hardwareId,
                    optional(d, "driver"),
                    props);
            List<Implementation> impls = new ArrayList<>();
            Map<String, String> versions = new LinkedHashMap<>();
            for (JsonNode i : d.path("implementations")) {
                String implId = required(i, "id", "device " + id + " implementation");
                ImplementationKind ik;
                try {
                    ik = ImplementationKind.valueOf(required(i, "kind", "implementation " + implId));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("implementation " + implId + ": kind " + text(i.path("kind"))
                            + " is not PORTABLE or VENDOR_LIBRARY");
                }
                Set<KernelVariant> supported = new LinkedHashSet<>();
                for (JsonNode pair : i.path("supported")) {
                    String[] kd = pair.asString("").split("/", 2);
                    // pairs this joulebench does not know (a newer catalogue) are left out, never guessed at
                    if (kd.length == 2 && catalogue.find(kd[0]).isPresent()) {
                        try {
                            DType dt = DType.parse(kd[1]);
                            if (catalogue.kernel(kd[0]).dtypes().contains(dt)) {
                                supported.add(new KernelVariant(kd[0], dt));
                            }
                        } catch (IllegalArgumentException ignored) {
                            // an unknown dtype: left out too
                        }
                    }
                }
                String unavailable = optional(i, "unavailable");
                String implVersion = optional(i, "version");
                String description = name + " " + version + ": "
                        + (optional(i, "description") == null ? implId : optional(i, "description"));
                try {
                    impls.add(new Implementation(
                            implId,
                            ik,
                            clip(description),
                            unavailable == null ? Availability.yes(description) : Availability.no(unavailable),
                            supported,
                            implVersion == null ? null : clip(implVersion),
                            new Implementation.Runner(clip(name), clip(version))));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("device " + id + ": " + e.getMessage());
                }
                versions.put(implId, implVersion == null ? "" : implVersion);
            }
            if (impls.isEmpty()) {
                throw new IllegalArgumentException("device " + id + " lists no implementations");
            }
            list.add(new RunnerDevice(info, List.copyOf(impls), Map.copyOf(versions)));
        }
        return new Hello(clip(name), clip(version), List.copyOf(list));
    }

    private static String required(JsonNode parent, String field, String what) {
        JsonNode n = parent.path(field);
        if (!n.isString() || n.asString().isBlank()) {
            throw new IllegalArgumentException(what + " has no \"" + field + "\"");
        }
        return clip(n.asString());
    }

    private static String optional(JsonNode parent, String field) {
        JsonNode n = parent.path(field);
        return n.isString() && !n.asString().isBlank() ? clip(n.asString()) : null;
    }

    static String text(JsonNode n) {
        return clip(n.isString() ? n.asString() : n.toString());
    }

    /** One line of at most {@value #MAX_TEXT} characters. */
    static String clip(String s) {
        String t = RunnerSpec.oneLine(s);
        return t.length() > MAX_TEXT ? t.substring(0, MAX_TEXT) + "…" : t;
    }
}
