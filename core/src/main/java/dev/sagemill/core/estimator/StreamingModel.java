package dev.sagemill.core.estimator;

import dev.sagemill.core.data.RowBatch;
import java.util.List;

/**
 * A model that learns from a stream as it answers it, as Kinesis' {@code RANDOM_CUT_FOREST} does: each row is
 * answered by the model as it stands and then learned, in order, so an answer never depends on rows after it. The
 * whole state saves with {@link dev.sagemill.core.io.ModelIO}, and a loaded model continues the stream exactly as
 * the saved one would have. Algorithms that offer one declare {@link Capability#STREAMING} and create it with
 * {@link AlgorithmProvider#stream}.
 *
 * <p>{@link #predict} answers without learning. Not thread-safe while learning.
 */
public interface StreamingModel extends Model {
  /**
   * Answers each row, then learns it, row by row in order.
   *
   * @param rows rows of {@link #schema()}'s width
   * @return one answer per row, each given before its row was learned
   * @throws dev.sagemill.core.error.InvalidDataException if a row has the wrong width or a value the model cannot
   *     learn, naming its origin and record (rows before it are answered and learned)
   */
  List<Prediction> answerThenLearn(RowBatch rows);

  /** @return the rows learned so far, across saves and loads */
  long seen();
}
