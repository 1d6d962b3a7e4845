/**
 * Joules per operation: energy sensors behind an SPI, read inside the JMH fork around every measured
 * iteration, turned into the run record's energy section.
 *
 * <ul>
 *   <li>Sensors: {@link org.joulebench.energy.spi.EnergySensorProvider} via {@link
 *       java.util.ServiceLoader} (built in: {@code rapl}, {@code msr}, {@code nvml}, {@code ptd}, {@code
 *       model}); a jar with a services file adds one.
 *   <li>CLI: {@link org.joulebench.harness.energy.EnergySensors#list} for {@code joulebench list};
 *       {@link org.joulebench.harness.energy.EnergySensors#resolve} turns {@code --sensor} into a {@link
 *       org.joulebench.harness.energy.SensorSelection}, whose {@code profilerOptions(dir)} is the
 *       option string of {@link org.joulebench.harness.energy.EnergyProfiler}.
 *   <li>Orchestrator: {@link org.joulebench.harness.energy.EnergyQuality#minimumIterationMillis} before
 *       setting JMH's measurement time; after the run {@link
 *       org.joulebench.harness.energy.EnergyRecords#fromJmh} per {@code RunResult}.
 *   <li>Fork to parent: numbers travel as JMH secondary results named {@code
 *       energy.<sensor>.<tier>.<domain>.<quantity>} (see {@link org.joulebench.harness.energy.EnergyLabels});
 *       text (zones, meter identity, errors, warnings) in a JSON details file per fork, {@code
 *       <detailsDir>/energy-<id>.json}, whose id is the secondary result {@code energy.detailsFileId}
 *       (see {@link org.joulebench.harness.energy.EnergyDetailsFile}).
 * </ul>
 */
package org.joulebench.harness.energy;
