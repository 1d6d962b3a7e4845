/**
 * The project's one vocabulary: the words a record, {@code check}, the site and the harness share (headline unit
 * and the units derived from it, energy method, tier and the tier-method mapping, energy scope, device kind,
 * implementation kind), and the two values every side exchanges: a device's hardware id ({@link
 * org.joulebench.vocabulary.HardwareIds}, spelled, normalized and compared in one place) and a {@link
 * org.joulebench.vocabulary.PowerSample}. Each word is an enum whose {@code name()} is the word written in
 * records; {@code parse} reads a record's text. The module depends on nothing but the JDK, so the kernels SPI,
 * the sensor SPI, results, harness and site all use it.
 */
package org.joulebench.vocabulary;
