/**
 * Dense single-precision linear algebra on row-major {@code float[]} matrices, behind small static helpers
 * ({@link dev.sagemill.core.linalg.DenseOps}). Large products run on ND4J (OpenBLAS) when a deployment puts ND4J
 * on the class path, small ones in plain Java where the copy into native memory would cost more than the work.
 * No ND4J type appears in this API.
 */
package dev.sagemill.core.linalg;
