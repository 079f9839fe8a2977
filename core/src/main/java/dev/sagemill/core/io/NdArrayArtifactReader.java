package dev.sagemill.core.io;

import dev.sagemill.core.estimator.Model;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Reads the {@code model_algo-1} artifact of a SageMaker first-party (MXNet-era) algorithm, unpacked or inside its
 * {@code model.tar.gz}: an MXNet NDArray file that several algorithms share, told apart by the arrays it holds
 * (k-means a list of one, PCA a dict of {@code s}, {@code v} and {@code mean}).
 *
 * <p>Immutable and thread-safe.
 */
public final class NdArrayArtifactReader implements ArtifactReader {
  /** The artifact's file name in a SageMaker job's model folder. */
  public static final String FILE_NAME = "model_algo-1";

  /** Loads a model from the artifact file. */
  @FunctionalInterface
  public interface Loader {
    /**
     * @param file the artifact
     * @return the model
     * @throws IOException if reading fails
     */
    Model load(Path file) throws IOException;
  }

  private final Predicate<Map<String, MxNdArrays.NdArray>> recognises;
  private final Loader loader;

  /**
   * @param recognises whether the artifact's arrays (by name in file order; a list's are named "0", "1", ...) are
   *     this algorithm's
   * @param loader loads the model
   */
  public NdArrayArtifactReader(Predicate<Map<String, MxNdArrays.NdArray>> recognises, Loader loader) {
    this.recognises = Objects.requireNonNull(recognises, "recognises");
    this.loader = Objects.requireNonNull(loader, "loader");
  }

  @Override
  public List<String> fileNames() {
    return List.of(FILE_NAME);
  }

  @Override
  public boolean accepts(Path file, byte[] head) throws IOException {
    if (!MxNdArrays.looksLikeArtifact(head)) {
      return false;
    }
    try {
      return recognises.test(MxNdArrays.readArtifact(file, FILE_NAME));
    } catch (CorruptModelException e) {
      return false; // another gzip or NDArray file: some other reader's, or none
    }
  }

  @Override
  public Model read(Path file) throws IOException {
    return loader.load(file);
  }
}
