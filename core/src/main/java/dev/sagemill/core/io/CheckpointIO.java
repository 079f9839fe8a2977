package dev.sagemill.core.io;

import dev.sagemill.core.error.InvalidHyperparametersException;
import dev.sagemill.core.data.Schema;
import dev.sagemill.core.estimator.ModelCard;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Saves and restores training state so a stopped or killed job resumes where it was (SageMaker's checkpoint
 * folder, {@code /opt/ml/checkpoints}). A checkpoint is the same container as a model file ({@link ModelIO}):
 * a manifest with a format name and version, SHA-256 per entry, atomic replacement on every save, and the same
 * refusal of corrupt, foreign, too-old or too-new files on load.
 *
 * <p>Thread-safe: stateless.
 */
public final class CheckpointIO {
  /** The checkpoint file name inside a checkpoint folder. */
  public static final String FILE = "checkpoint.sagemill";

  private CheckpointIO() {}

  /** Writes a checkpoint's entries. */
  @FunctionalInterface
  public interface Content {
    /**
     * @param out where to put entries
     * @throws IOException on failure
     */
    void writeTo(ModelWriter out) throws IOException;
  }

  /**
   * Atomically replaces the checkpoint in a folder.
   *
   * @param dir the checkpoint folder (created if needed)
   * @param format the state's format name, e.g. {@code sagemill.linear-learner.checkpoint}
   * @param version the format version written
   * @param card algorithm and hyperparameters the state belongs to (metrics may be empty)
   * @param schema the training data's schema
   * @param content the entries
   * @throws IOException on failure; the previous checkpoint is then intact
   */
  public static void save(Path dir, String format, int version, ModelCard card, Schema schema, Content content)
      throws IOException {
    ModelWriter w = new ModelWriter();
    content.writeTo(w);
    AtomicFiles.write(dir.resolve(FILE), out -> ModelIO.write(format, version, card, schema, w, out));
  }

  /**
   * Reads a job's checkpoint, if the folder holds one, refusing one written with other hyperparameters (a resumed
   * job must continue the same training, never mix two).
   *
   * @param dir the checkpoint folder
   * @param format the expected format name
   * @param version the version the caller reads
   * @param card the job's algorithm and hyperparameters
   * @return the checkpoint's entries; empty when the folder holds none
   * @throws InvalidHyperparametersException if the checkpoint's hyperparameters differ, naming both
   * @throws ModelFormatException if the file is corrupt, of another format or version
   * @throws IOException if reading fails
   */
  public static Optional<ModelReader> loadFor(Path dir, String format, int version, ModelCard card)
      throws IOException {
    Optional<ModelReader> ckpt = load(dir, format, version, version);
    if (ckpt.isPresent() && !ckpt.get().card().hyperparameters().equals(card.hyperparameters())) {
      throw new InvalidHyperparametersException(card.algorithm(), List.of("the checkpoint in " + dir
          + " was written with other hyperparameters " + ckpt.get().card().hyperparameters()
          + "; remove it or train with the same ones"));
    }
    return ckpt;
  }

  /**
   * Reads the checkpoint in a folder, if there is one.
   *
   * @param dir the checkpoint folder
   * @param format the expected format name
   * @param minVersion the oldest version the caller reads
   * @param maxVersion the newest version the caller reads
   * @return the checkpoint's entries, card and schema; empty when the folder holds no checkpoint
   * @throws ModelFormatException if the file is corrupt, of another format, or of an unreadable version
   * @throws IOException if reading fails
   */
  public static Optional<ModelReader> load(Path dir, String format, int minVersion, int maxVersion)
      throws IOException {
    Path file = dir.resolve(FILE);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    ModelIO.Opened o = ModelIO.open(file, (found, name) -> {
      if (!found.equals(format)) {
        throw new ModelFormatException(name + ": a checkpoint of format \"" + found + "\", expected \"" + format
            + "\" (another algorithm's checkpoint in the same folder?)");
      }
      return new int[] {minVersion, maxVersion};
    });
    return Optional.of(o.reader());
  }
}
