package org.joulebench.vocabulary;

/**
 * A runner's own energy reading (the {@code external} backend's runner process reports joules for each {@code run
 * n}): recorded as an energy domain of its own whose sensor is the runner, beside what the harness's sensors measured
 * around the same windows. One place for its sensor id and for the rule that bounds what a runner may claim.
 */
public final class RunnerEnergy {
    /** The sensor id of a runner's reading ({@code runner}, then {@code runner-2}... for further sources). */
    public static final String SENSOR_ID = "runner";

    private RunnerEnergy() {}

    /** Whether a domain's sensor is a runner's own reading. */
    public static boolean isRunnerSensor(String sensorId) {
        return sensorId != null && (sensorId.equals(SENSOR_ID) || sensorId.matches(SENSOR_ID + "-[0-9]+"));
    }

    /**
     * The method a runner's declared method is recorded as: its own where a runner can have it (a counter: at most
     * tier B, sampled power: C, a model: an estimate); an external meter (tier A) is joulebench's own meter measuring
     * the node around the windows ({@code --sensor ptd:...}), never a runner's word, so that claim and any unknown
     * method are recorded as a {@link Method#MODEL}.
     */
    public static Method recordedMethod(String declared) {
        try {
            Method m = Method.parse(declared);
            return m == Method.EXTERNAL_METER ? Method.MODEL : m;
        } catch (IllegalArgumentException | NullPointerException e) {
            return Method.MODEL;
        }
    }
}
