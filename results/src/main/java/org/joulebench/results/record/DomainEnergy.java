package org.joulebench.results.record;

import java.util.List;
import org.joulebench.vocabulary.Tier;

/**
 * Energy of one domain over the measured iterations of one result. "op" is one kernel invocation
 * (one JMH operation); per-unit figures divide further by the work of one invocation.
 *
 * @param domain {@code cpu-package}, {@code dram}, {@code gpu-board}, {@code node-wall}, ...
 * @param sensor the sensor id ({@code rapl}, {@code msr}, {@code nvml}, {@code ptd}, {@code model})
 * @param method {@code COUNTER}, {@code SAMPLED_POWER}, {@code EXTERNAL_METER} or {@code MODEL}
 * @param tier {@code A} (external meter), {@code B} (energy counter), {@code C} (sampled power) or
 *     {@code ESTIMATE} (a model: never a measurement)
 * @param estimated true exactly when tier is ESTIMATE (kept for readers of the record; joulebench derives
 *     measured/estimated from the tier alone: {@link #tierClass()})
 * @param joules total energy over all measured iterations, in joules
 * @param joulesPerOp mean energy per invocation, in joules
 * @param joulesPerOpError spread of joulesPerOp across iterations (standard deviation), {@code null}
 *     with fewer than two iterations
 * @param joulesPerOpPerIteration every iteration's J/op
 * @param picojoulesPerUnit energy per headline unit in picojoules (pJ/FLOP, pJ/op or pJ/byte)
 * @param unitsPerJoule headline units per joule in giga (GFLOP/J, GOP/J or GB/J)
 * @param averagePowerWatts mean power over the measured windows, in watts
 * @param idlePowerWatts power measured idle before the timed phase ({@code null} if not measured)
 * @param dynamicJoulesPerOp energy per invocation above idle ({@code null} without idle power)
 * @param details the sensor's resolution, update period, zones, meter identity, uncertainty
 * @param scope {@code DEVICE} (the chip the kernel ran on), {@code HOST} (the host's CPU package/DRAM
 *     when the kernel ran elsewhere, or other host parts) or {@code NODE} (the whole node at the wall);
 *     the leaderboard ranks DEVICE scope and shows HOST/NODE beside it, never mixed
 * @param scopeDevice for DEVICE scope, the device's hardware id ({@code DeviceRecord#hardwareId}); else
 *     {@code null}
 * @param summedInstances when the domain is a sum (two PSU meters, two sockets), the instances summed;
 *     empty when it is one instance
 * @param raw the raw readings the figures follow from ({@code null} in v1 records)
 */
public record DomainEnergy(
        String domain,
        String sensor,
        String method,
        String tier,
        boolean estimated,
        double joules,
        double joulesPerOp,
        Double joulesPerOpError,
        List<Double> joulesPerOpPerIteration,
        double picojoulesPerUnit,
        double unitsPerJoule,
        double averagePowerWatts,
        Double idlePowerWatts,
        Double dynamicJoulesPerOp,
        SensorDetails details,
        String scope,
        String scopeDevice,
        List<String> summedInstances,
        RawReadings raw) {
    public static final String SCOPE_DEVICE = "DEVICE";
    public static final String SCOPE_HOST = "HOST";
    public static final String SCOPE_NODE = "NODE";

    public DomainEnergy {
        joulesPerOpPerIteration = List.copyOf(joulesPerOpPerIteration);
        summedInstances = summedInstances == null ? List.of() : List.copyOf(summedInstances);
    }

    /**
     * {@code measured} (tiers A, B, C) or {@code estimated}: the one place a domain's class is derived, from its
     * tier ({@link Tier#tierClass()}; {@code check} holds the tier to the method's), for the site, figures and
     * tables alike. Never from the {@code estimated} flag, which only repeats it.
     */
    public String tierClass() {
        return Tier.parse(tier).tierClass();
    }
}
