package dev.sagemill.core.error;

import java.util.List;

/**
 * Thrown when hyperparameters are rejected. It lists <em>every</em> problem found (unknown names, wrong types,
 * out-of-range values, missing required values, inconsistent combinations), not only the first, so a user fixes
 * a {@code hyperparameters.json} in one round.
 */
public class InvalidHyperparametersException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final transient List<String> problems;

  /**
   * Creates the exception.
   *
   * @param algorithm the SageMaker algorithm name, e.g. {@code linear-learner}
   * @param problems one sentence per problem, each naming the parameter, the allowed values and the value given
   */
  public InvalidHyperparametersException(String algorithm, List<String> problems) {
    super(format(algorithm, problems));
    this.problems = List.copyOf(problems);
  }

  private static String format(String algorithm, List<String> problems) {
    StringBuilder sb = new StringBuilder(algorithm).append(": ").append(problems.size())
        .append(problems.size() == 1 ? " invalid hyperparameter" : " invalid hyperparameters");
    for (String p : problems) {
      sb.append("\n  - ").append(p);
    }
    return sb.toString();
  }

  /**
   * The problems found, one sentence each.
   *
   * @return an unmodifiable list, never empty
   */
  public List<String> problems() {
    return problems;
  }
}
