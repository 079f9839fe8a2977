package dev.sagemill.tuning;

import java.util.List;

/** A tuning job that cannot run, with every problem found; thrown before any training job starts. */
public final class InvalidTuningJobException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  /** Kept as an array: exceptions are serializable and a List field would not be. */
  private final String[] problems;

  /**
   * @param problems one sentence per problem
   */
  public InvalidTuningJobException(List<String> problems) {
    super("invalid tuning job:\n  - " + String.join("\n  - ", problems));
    this.problems = problems.toArray(String[]::new);
  }

  /** @return one sentence per problem */
  public List<String> problems() {
    return List.of(problems);
  }
}
