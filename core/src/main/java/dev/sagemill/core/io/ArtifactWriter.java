package dev.sagemill.core.io;

import dev.sagemill.core.estimator.Model;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes a file that a SageMaker training job of this algorithm leaves in its model folder besides sagemill's own
 * model file, in the form other tools read: BlazingText's {@code vectors.txt} (word2vec text, for gensim) and
 * {@code model.bin} (fastText's format), or an evaluation report. Supplied by an algorithm's
 * {@link dev.sagemill.core.estimator.AlgorithmProvider}; {@code train} writes each one atomically.
 *
 * <p>Stateless and thread-safe.
 */
public interface ArtifactWriter {
  /** @return the file's name inside the model folder, e.g. {@code vectors.txt} */
  String fileName();

  /**
   * @param model a trained model of the provider's algorithm
   * @return whether this model has this artifact (a classifier has no {@code vectors.txt})
   */
  boolean writes(Model model);

  /**
   * Writes the artifact.
   *
   * @param model the model
   * @param out where the bytes go (not closed)
   * @throws IOException on failure
   */
  void write(Model model, OutputStream out) throws IOException;
}
