package dev.sagemill.core.estimator;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/**
 * How an algorithm's {@link Prediction}s are written for each response content type, as SageMaker's inference
 * container for that algorithm writes them: the document around the answers ({@code {"predictions": [...]}} or a
 * bare list), one line or record per answer, and how nested outputs flatten. An algorithm whose answers take the
 * common shape of SageMaker's first-party algorithms needs none: {@link AlgorithmProvider#answerFormat()} is then
 * empty and {@code dev.sagemill.io.answer.StandardAnswers} writes them.
 *
 * <p>Implementations are immutable and thread-safe; each {@link AnswerWriter} they open is used by one thread.
 */
public interface AnswerFormat {
  /**
   * @return the media types this format writes ({@code text/csv}, {@code application/json}, ...); the first is
   *     the default when a request accepts anything
   */
  List<String> mediaTypes();

  /**
   * Opens a writer of answers.
   *
   * @param mediaType one of {@link #mediaTypes()}
   * @param parameters the Accept type's parameters ({@code verbose=true}), lower-case names
   * @param out where the answers go; not closed by the writer
   * @return the writer
   * @throws IOException if writing the document's start fails
   * @throws IllegalArgumentException if the media type is not one of {@link #mediaTypes()}, naming those
   */
  AnswerWriter open(String mediaType, Map<String, String> parameters, OutputStream out) throws IOException;
}
