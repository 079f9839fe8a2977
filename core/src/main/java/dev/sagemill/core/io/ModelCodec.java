package dev.sagemill.core.io;

import dev.sagemill.core.estimator.Model;
import java.io.IOException;

/**
 * Writes and reads one model type's entries inside the model container. Registered in
 * {@code META-INF/services/dev.sagemill.core.io.ModelCodec}. {@link ModelIO} has already checked the container,
 * the checksums and that the file's format version is within [{@link #minReadableVersion()},
 * {@link #currentVersion()}] before {@link #read} is called.
 *
 * @param <M> the model type
 */
public interface ModelCodec<M extends Model> {
  /** @return the format name stored in the manifest, e.g. {@code sagemill.linear-learner} */
  String formatName();

  /** @return the version written by {@link #write} */
  int currentVersion();

  /** @return the oldest version {@link #read} still understands */
  int minReadableVersion();

  /** @return the model class this codec handles */
  Class<M> modelType();

  /**
   * Writes the model's parameters as entries.
   *
   * @param model the model
   * @param out where to put entries
   * @throws IOException on failure
   */
  void write(M model, ModelWriter out) throws IOException;

  /**
   * Rebuilds a model.
   *
   * @param in the entries and manifest
   * @param version the file's format version, already range-checked
   * @return the model
   * @throws IOException if an entry is missing or inconsistent ({@link CorruptModelException})
   */
  M read(ModelReader in, int version) throws IOException;
}
