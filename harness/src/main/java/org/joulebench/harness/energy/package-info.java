/**
 * Joules per operation: energy sensors behind the SPI of module {@code energy-spi} ({@link
 * org.joulebench.energy.spi}), read inside the JMH fork around every measured iteration, turned into the
 * run record's energy section with the raw readings behind it.
 *
 * <ul>
 *   <li>Sensors: {@link org.joulebench.energy.spi.EnergySensorProvider} via {@link java.util.ServiceLoader}
 *       (built in: {@code rapl}, {@code msr}, {@code nvml}, {@code ptd}, {@code model}); a jar with a
 *       services file adds one. Each domain declares its scope ({@link org.joulebench.energy.spi.DomainInfo});
 *       {@link org.joulebench.harness.energy.EnergyScopes} keeps DEVICE only for the case's own devices.
 *   <li>CLI: {@link org.joulebench.harness.energy.EnergySensors#list} for {@code joulebench list};
 *       {@link org.joulebench.harness.energy.EnergySensors#resolve} turns {@code --sensor} into a {@link
 *       org.joulebench.harness.energy.SensorSelection}, whose {@code profilerOptions(targetDevices)} is the
 *       option string of {@link org.joulebench.harness.energy.EnergyProfiler} for one case.
 *   <li>Orchestrator: {@link org.joulebench.harness.energy.EnergyQuality#minimumIterationMillis} before
 *       setting JMH's measurement time; after the run {@link
 *       org.joulebench.harness.energy.EnergyRecords#fromJmh} per {@code RunResult}.
 *   <li>Fork to parent: one typed JMH result per measured iteration, {@link
 *       org.joulebench.harness.energy.EnergyReportResult} (sensors, idle window, every domain's raw window,
 *       errors, warnings), carried by JMH's own result mechanism; no side files, no label parsing.
 * </ul>
 */
package org.joulebench.harness.energy;
