package dev.sagemill.tuning;

import java.util.List;

/** Hears of each training job as it ends, with the leaderboard as it then stands (a live display, a log). */
@FunctionalInterface
public interface TuningListener {
  /**
   * Called from the tuner's control thread.
   *
   * @param trial the job that just ended (Hyperband: or reached a rung)
   * @param leaderboard every job so far, best first
   */
  void onTrialEnd(Trial trial, List<Trial> leaderboard);
}
