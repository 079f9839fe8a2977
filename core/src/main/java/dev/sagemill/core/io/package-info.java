/**
 * Model persistence: one documented, versioned container file per model (a zip holding {@code manifest.json}
 * and little-endian binary arrays, each with its SHA-256), written atomically and read with bounded
 * allocation. Algorithm modules plug in a {@link dev.sagemill.core.io.ModelCodec}; no Java serialization is used.
 * The container layout is documented in {@link dev.sagemill.core.io.ModelIO}.
 */
package dev.sagemill.core.io;
