package org.joulebench.results.json;

import java.util.Set;
import org.joulebench.results.record.ImplementationRecord;
import org.joulebench.vocabulary.DeviceKind;
import org.joulebench.vocabulary.Method;
import org.joulebench.vocabulary.Scope;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a schema-version-1 record into the version-2 model: fills every field version 2 added with what a
 * version-1 record meant, on the JSON tree, after the version-1 schema has validated it (so every object is where
 * the schema says). {@code schemaVersion} stays 1: the model says which version the file was. What is filled
 * (results/SCHEMAS.md, "Reading version-1 records"):
 *
 * <ul>
 *   <li>each device: {@code hardwareId} null (v1 had none), {@code implementations} empty, kind {@code ASIC} read
 *       as {@code ACCELERATOR};
 *   <li>each result: {@code implementation} {@link ImplementationRecord#V1_DEFAULT} (v1 knew only the backend's own
 *       portable kernels), {@code deviceKind} from the environment's device record (else {@code CPU} for the
 *       {@code cpu} backend, {@code OTHER} otherwise), {@code deviceHardwareId} null, {@code overhead} null;
 *   <li>each result's {@code jmh}: {@code javaExecutable} null (the harness's own), {@code batchSize} 1,
 *       {@code batchRule} saying so;
 *   <li>each energy domain: the scope inferred by {@link #scope}, {@code scopeDevice} the result's hardware id for
 *       DEVICE scope (null in v1), {@code summedInstances} empty, {@code raw} null (v1 kept no raw readings; {@code
 *       check} applies the raw-reading rules to version 2 only).
 * </ul>
 */
final class RecordV1Upgrade {
    /** The batch rule a v1 record is read with. */
    static final String V1_BATCH_RULE = "one invocation per call (record v1)";

    /** Domains of the CPU package itself and its memory: the device when the kernel ran on the CPU. */
    private static final Set<String> CPU_DEVICE_DOMAINS = Set.of("cpu-package", "package", "dram", "core", "uncore");

    private RecordV1Upgrade() {}

    static void upgrade(JsonNode tree) {
        JsonNode env = tree.get("environment");
        for (JsonNode backend : env.get("backends")) {
            for (JsonNode device : backend.get("devices")) {
                ObjectNode d = (ObjectNode) device;
                d.put("kind", DeviceKind.parse(d.get("kind").asString()).name());
                d.putNull("hardwareId");
                d.putArray("implementations");
            }
        }
        for (JsonNode result : tree.get("results")) {
            upgradeResult(env, (ObjectNode) result);
        }
    }

    private static void upgradeResult(JsonNode env, ObjectNode r) {
        ObjectNode impl = r.putObject("implementation");
        ImplementationRecord v1 = ImplementationRecord.V1_DEFAULT;
        impl.put("id", v1.id());
        impl.put("kind", v1.kind());
        impl.put("description", v1.description());
        impl.putNull("available");
        impl.putNull("reason");
        String backend = r.get("backend").asString();
        String kind = deviceKind(env, backend, r.get("device").asString());
        r.put("deviceKind", kind);
        r.putNull("deviceHardwareId");
        r.putNull("overhead");
        if (r.get("jmh") instanceof ObjectNode jmh) {
            jmh.putNull("javaExecutable");
            jmh.put("batchSize", 1);
            jmh.put("batchRule", V1_BATCH_RULE);
        }
        if (r.get("energy") instanceof ObjectNode energy) {
            for (JsonNode domain : energy.get("domains")) {
                ObjectNode d = (ObjectNode) domain;
                Scope scope = scope(d.get("domain").asString(), d.get("method").asString(), kind);
                d.put("scope", scope.name());
                d.putNull("scopeDevice"); // the result's hardware id: none in v1
                d.putArray("summedInstances");
                d.putNull("raw");
            }
        }
    }

    /** The kind of the result's device as the environment lists it; else CPU for the cpu backend, else OTHER. */
    static String deviceKind(JsonNode env, String backend, String deviceId) {
        for (JsonNode b : env.get("backends")) {
            if (b.get("id").asString().equals(backend)) {
                for (JsonNode d : b.get("devices")) {
                    if (d.get("id").asString().equals(deviceId)) {
                        return DeviceKind.parse(d.get("kind").asString()).name();
                    }
                }
            }
        }
        return "cpu".equals(backend) ? DeviceKind.CPU.name() : DeviceKind.OTHER.name();
    }

    /**
     * A v1 domain's scope: a wall meter ({@code node*} domains or an external meter) is the NODE; the CPU package
     * and its DRAM are the DEVICE when the kernel ran on a CPU; a GPU's {@code gpu*} domains are the DEVICE when it
     * ran on a GPU; everything else is the HOST.
     */
    static Scope scope(String domain, String method, String deviceKind) {
        if (domain.startsWith("node") || Method.EXTERNAL_METER.name().equals(method)) {
            return Scope.NODE;
        }
        if (DeviceKind.CPU.name().equals(deviceKind) && CPU_DEVICE_DOMAINS.contains(domain)) {
            return Scope.DEVICE;
        }
        if (DeviceKind.GPU.name().equals(deviceKind) && domain.startsWith("gpu")) {
            return Scope.DEVICE;
        }
        return Scope.HOST;
    }
}
