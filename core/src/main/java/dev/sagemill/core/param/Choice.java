package dev.sagemill.core.param;

import java.util.Arrays;
import java.util.List;

/**
 * One allowed value of a choice hyperparameter, as a constant a typed builder takes instead of a bare string, so an IDE
 * completes it and a typo fails to compile. An algorithm's parameters declare one enum per choice hyperparameter whose
 * constants implement this interface; the enum is the single list of the values its {@link ParamSpec} accepts.
 */
public interface Choice {
  /** @return the value in SageMaker's string form, e.g. {@code binary:logistic} */
  String value();

  /**
   * @param type a choice enum
   * @param <E> its type
   * @return the string form of every constant, in declaration order
   */
  static <E extends Enum<E> & Choice> List<String> values(Class<E> type) {
    return Arrays.stream(type.getEnumConstants()).map(Choice::value).toList();
  }
}
