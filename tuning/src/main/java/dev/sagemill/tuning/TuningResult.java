package dev.sagemill.tuning;

import dev.sagemill.core.estimator.Model;
import java.util.List;
import java.util.Optional;

/**
 * What a tuning job found.
 *
 * @param leaderboard every training job, best objective first (ties: lower id), failed jobs last
 * @param bestModel the best job's model, if it produced one
 * @param totalResource iterations trained over all jobs (Hyperband promotions count only their added iterations)
 * @param seconds wall-clock time of the whole tuning job
 */
public record TuningResult(List<Trial> leaderboard, Model bestModel, long totalResource, double seconds) {
  /**
   * Copies.
   *
   * @param leaderboard jobs
   * @param bestModel model or null
   * @param totalResource iterations
   * @param seconds time
   */
  public TuningResult {
    leaderboard = List.copyOf(leaderboard);
  }

  /** @return the best job, if any job produced an objective */
  public Optional<Trial> best() {
    return leaderboard.isEmpty() || !leaderboard.get(0).hasObjective() ? Optional.empty()
        : Optional.of(leaderboard.get(0));
  }
}
