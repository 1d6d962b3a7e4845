/**
 * The project's one vocabulary: the words a record, {@code check}, the site and the harness share (headline unit
 * and the units derived from it, energy method, tier and the tier-method mapping, energy scope, device kind,
 * implementation kind). Each is an enum whose {@code name()} is the word written in records; {@code parse} reads
 * a record's text. The package depends on nothing but the JDK, so it can move to a module of its own should the
 * kernels module need it without the rest of results.
 */
package org.joulebench.vocabulary;
