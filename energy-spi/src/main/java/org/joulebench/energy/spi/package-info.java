/**
 * The energy sensor SPI: what a sensor plug-in compiles against (this module depends on the JDK only).
 *
 * <p>A plug-in implements {@link org.joulebench.energy.spi.EnergySensorProvider} (cheap to load; {@code
 * probe} says whether it can be used here and why not; {@code open} opens native code), lists it in {@code
 * META-INF/services/org.joulebench.energy.spi.EnergySensorProvider}, and is dropped into {@code plugins/}.
 *
 * <p>Every domain says what it covers ({@link org.joulebench.energy.spi.DomainInfo}): {@link
 * org.joulebench.vocabulary.Scope#DEVICE} with the device's hardware id ({@link
 * org.joulebench.vocabulary.HardwareIds}) for a chip a kernel runs on, {@link
 * org.joulebench.vocabulary.Scope#HOST} for other parts of the host, {@link
 * org.joulebench.vocabulary.Scope#NODE} for the node at the wall. The option {@value
 * org.joulebench.energy.spi.SensorOptions#TARGET_DEVICES} names the devices the case runs on; a per-device
 * sensor opens only those, and throws {@link org.joulebench.energy.spi.SensorNotApplicableException} when
 * none of them is its kind.
 *
 * <p>Readings are cumulative joules per domain; a sampling sensor also hands out its power samples
 * ({@link org.joulebench.energy.spi.EnergySensor#drainSamples()}) and a sensor that can read device
 * temperature and clocks reports them ({@link org.joulebench.energy.spi.EnergySensor#conditions()}), so a
 * record carries the raw readings its figures follow from.
 */
package org.joulebench.energy.spi;
