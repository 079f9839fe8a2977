package dev.sagemill.core.io;

import dev.sagemill.core.estimator.Model;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a model artifact written by another system, such as the {@code xgboost-model} of a SageMaker XGBoost job or
 * the {@code model_algo-1} of a SageMaker k-means job, so that {@code predict} and {@code serve} take it as they take
 * a sagemill model file. Supplied by an algorithm's {@link dev.sagemill.core.estimator.AlgorithmProvider}; files are
 * told apart by content, not by name.
 *
 * <p>Stateless and thread-safe.
 */
public interface ArtifactReader {
  /**
   * @return the file names this artifact has inside a model folder or {@code model.tar.gz}, looked for in order
   *     when a folder is given ({@code xgboost-model}, {@code model_algo-1})
   */
  List<String> fileNames();

  /**
   * Whether a file is this reader's artifact. May read the file; must not fail on a file of another kind.
   *
   * @param file the file
   * @param head its first bytes (up to 8; fewer if the file is shorter)
   * @return true if {@link #read(Path)} should load it
   * @throws IOException if reading the file fails
   */
  boolean accepts(Path file, byte[] head) throws IOException;

  /**
   * Loads the artifact.
   *
   * @param file the file
   * @return the model
   * @throws IOException if reading fails
   * @throws CorruptModelException if the file is damaged, naming it
   */
  Model read(Path file) throws IOException;
}
