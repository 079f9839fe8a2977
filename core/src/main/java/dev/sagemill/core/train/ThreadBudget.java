package dev.sagemill.core.train;

import dev.sagemill.core.estimator.FitOptions;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one rule for how many threads a fit uses: {@link FitOptions.Builder#threads(int)} when the caller set it (the
 * CLI's {@code --threads}, a tuner's share of the cores), else the algorithm's own hyperparameter (XGBoost's
 * {@code nthread}, LightGBM's {@code num_threads}, CatBoost's {@code thread_count}) when given, else every core.
 * When both are given and differ the caller's wins, and a warning says so.
 */
public final class ThreadBudget {
  private static final Logger LOG = LoggerFactory.getLogger(ThreadBudget.class);

  private ThreadBudget() {}

  /**
   * @param options the fit's options
   * @param algorithm the algorithm, for the warning
   * @param hyperparameter the hyperparameter's name, for the warning
   * @param fromHyperparameter the hyperparameter's thread count, empty when not given or "all cores"
   * @return the thread count, at least 1
   */
  public static int threads(FitOptions options, String algorithm, String hyperparameter,
      OptionalInt fromHyperparameter) {
    OptionalInt requested = options.requestedThreads();
    if (requested.isPresent()) {
      if (fromHyperparameter.isPresent() && fromHyperparameter.getAsInt() != requested.getAsInt()) {
        LOG.warn("{}: {}={} is overridden by the fit's thread setting {}", algorithm, hyperparameter,
            fromHyperparameter.getAsInt(), requested.getAsInt());
      }
      return requested.getAsInt();
    }
    return fromHyperparameter.orElse(Runtime.getRuntime().availableProcessors());
  }

  /**
   * @param options the fit's options
   * @return the thread count of an algorithm without a thread hyperparameter
   */
  public static int threads(FitOptions options) {
    return options.requestedThreads().orElse(Runtime.getRuntime().availableProcessors());
  }
}
