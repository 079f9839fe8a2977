package dev.sagemill.tuning;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a job's {@code WarmStartConfig} parents into observations for the search. Every parent must be a tuning
 * job's folder, of the same algorithm and objective metric; {@code IdenticalDataAndAlgorithm} also requires the
 * same static hyperparameters (use {@code TransferLearning} when they differ). A parent's job whose values lie
 * outside this job's ranges cannot be placed in the search space and is left out.
 */
final class WarmStarts {
  private static final Logger LOG = LoggerFactory.getLogger(WarmStarts.class);

  private WarmStarts() {}

  static List<SearchStrategy.Observation> observations(TuningJobConfig config, TrainingFunction function)
      throws IOException {
    List<SearchStrategy.Observation> out = new ArrayList<>();
    if (config.warmStart().isEmpty()) {
      return out;
    }
    TuningJobConfig.WarmStart ws = config.warmStart().get();
    List<String> problems = new ArrayList<>();
    Optional<String> algorithm = function instanceof AlgorithmTraining a
        ? Optional.of(a.provider().algorithmName()) : config.algorithm();
    int skipped = 0;
    for (var dir : ws.parents()) {
      TuningStore.Saved parent;
      try {
        parent = TuningStore.read(dir);
      } catch (IllegalArgumentException e) {
        problems.add(e.getMessage());
        continue;
      }
      TuningJobConfig pc = parent.config();
      if (!pc.algorithm().equals(algorithm)) {
        problems.add("warm-start parent " + dir + " tuned " + pc.algorithm().orElse("no named algorithm")
            + "; this job tunes " + algorithm.orElse("no named algorithm"));
        continue;
      }
      if (!pc.objective().metricName().equals(config.objective().metricName())) {
        problems.add("warm-start parent " + dir + " optimised " + pc.objective().metricName() + "; this job "
            + "optimises " + config.objective().metricName() + " (SageMaker requires the same objective metric)");
        continue;
      }
      if (ws.type() == TuningJobConfig.WarmStartType.IDENTICAL_DATA_AND_ALGORITHM
          && !pc.staticHyperParameters().equals(config.staticHyperParameters())) {
        problems.add("warm-start parent " + dir + " ran with static hyperparameters " + pc.staticHyperParameters()
            + ", this job with " + config.staticHyperParameters() + "; IdenticalDataAndAlgorithm needs them equal "
            + "(use TransferLearning)");
        continue;
      }
      for (Trial t : parent.trials()) {
        if (!t.hasObjective()) {
          continue;
        }
        Optional<double[]> x = config.space().encode(t.hyperparameters());
        if (x.isPresent()) {
          out.add(new SearchStrategy.Observation(x.get(), config.objective().loss(t.objective())));
        } else {
          skipped++;
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidTuningJobException(problems);
    }
    LOG.info("warm start ({}): {} observations from {} parent jobs; {} outside this job's ranges left out",
        ws.type().sageMakerName(), out.size(), ws.parents().size(), skipped);
    return out;
  }
}
