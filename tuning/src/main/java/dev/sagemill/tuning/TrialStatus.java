package dev.sagemill.tuning;

/** How a training job of a tuning job ended, as SageMaker's {@code TrainingJobStatus}. */
public enum TrialStatus {
  /** Trained to the end. */
  COMPLETED("Completed"),
  /** Stopped early (the median rule, Hyperband not promoting it, or the tuning job's time limit). */
  STOPPED("Stopped"),
  /** Failed; the trial records why. */
  FAILED("Failed");

  private final String sageMakerName;

  TrialStatus(String sageMakerName) {
    this.sageMakerName = sageMakerName;
  }

  /** @return SageMaker's name */
  public String sageMakerName() {
    return sageMakerName;
  }

  /**
   * @param s SageMaker's name
   * @return the status
   */
  static TrialStatus parse(String s) {
    for (TrialStatus t : values()) {
      if (t.sageMakerName.equalsIgnoreCase(s)) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown trial status \"" + s + "\"");
  }
}
