package org.joulebench.results.check;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.joulebench.results.json.Json;
import org.joulebench.results.names.DisplayNames;
import org.joulebench.results.record.BenchmarkResult;
import org.joulebench.results.record.DomainEnergy;
import org.joulebench.results.record.RawWindow;
import org.joulebench.vocabulary.PowerSample;

/**
 * What identifies one measurement: what cannot be re-typed without re-measuring. Two identities, either of which
 * names a copy: the score's raw iterations (each a measured time per op, to the last bit), and the shape of the energy
 * domains' raw windows — each window's length, invocations, energy and sample powers, which stay the same when every
 * timestamp or counter reading is shifted by a constant. Not the run id, the order of results, the environment or
 * any label: a replay changes those freely.
 */
final class Measurements {
    private Measurements() {}

    /** Where a measurement was first seen. */
    record Seen(Path file, String path) {}

    /** The identities (SHA-256 hex) of a result's measurement; empty when it carries nothing measured. */
    static List<String> identities(BenchmarkResult r) {
        List<String> out = new ArrayList<>();
        if (r.score() != null && r.score().rawIterations().size() > 1) {
            out.add("iterations:"
                    + DisplayNames.sha256Hex(Json.toBytes(r.score().rawIterations())));
        }
        if (r.energy() != null) {
            List<Object> shape = new ArrayList<>();
            for (DomainEnergy d : r.energy().domains()) {
                if (d.raw() != null) {
                    for (RawWindow w : d.raw().windows()) {
                        shape.add(List.of(
                                w.endNanos() - w.startNanos(),
                                w.invocations(),
                                w.startJoules() == null || w.endJoules() == null
                                        ? 0.0
                                        : w.endJoules() - w.startJoules(),
                                w.samples().stream().map(PowerSample::watts).toList()));
                    }
                }
            }
            if (!shape.isEmpty()) {
                out.add("windows:" + DisplayNames.sha256Hex(Json.toBytes(shape)));
            }
        }
        return out;
    }
}
