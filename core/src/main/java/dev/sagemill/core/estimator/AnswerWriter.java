package dev.sagemill.core.estimator;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/**
 * Writes the answers of one response, in order, in the shape its {@link AnswerFormat} defines. {@link #close()}
 * ends the document (a JSON array's closing bracket) and flushes, without closing the underlying stream.
 *
 * <p>Not thread-safe.
 */
public interface AnswerWriter extends Closeable {
  /**
   * Writes answers.
   *
   * @param answers the answers, in request order
   * @throws IOException if writing fails
   * @throws IllegalArgumentException if an answer holds an output this content type cannot carry (a string in
   *     RecordIO-protobuf), naming it
   */
  void write(List<Prediction> answers) throws IOException;
}
