package dev.sagemill.tuning;

import dev.sagemill.core.data.DataSource;
import dev.sagemill.core.data.RecordSource;
import dev.sagemill.core.error.InvalidHyperparametersException;
import dev.sagemill.core.estimator.AlgorithmProvider;
import dev.sagemill.core.estimator.Algorithms;
import dev.sagemill.core.estimator.ContinuableEstimator;
import dev.sagemill.core.estimator.RecordEstimator;
import dev.sagemill.core.estimator.FitOptions;
import dev.sagemill.core.estimator.Model;
import dev.sagemill.core.listen.TrainingListener;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Trains a registered algorithm (found by name through {@link Algorithms}) on fixed channels, as a SageMaker tuning
 * job's {@code TrainingJobDefinition}: every job gets the static hyperparameters, the searched values and
 * SageMaker's {@code _tuning_objective_metric}. A Hyperband rung that promotes a job continues its model when the
 * algorithm is a {@link ContinuableEstimator} (only the missing iterations are trained), and retrains it otherwise.
 *
 * <p>Thread-safe: each job creates its own estimator; the channels must allow concurrent reads (files do).
 */
public final class AlgorithmTraining implements TrainingFunction {
  private final AlgorithmProvider provider;
  private final String objectiveMetric;
  private final RecordSource<?> train;
  private final RecordSource<?> validation;
  private final RecordSource<?> test;

  /**
   * @param algorithm the registered algorithm name
   * @param objectiveMetric the tuning job's metric, passed as {@code _tuning_objective_metric}
   * @param train the training channel
   * @param validation the validation channel, or null
   * @param test the test channel, or null
   * @throws IllegalArgumentException if no algorithm has that name
   */
  public AlgorithmTraining(String algorithm, String objectiveMetric, RecordSource<?> train,
      RecordSource<?> validation, RecordSource<?> test) {
    this.provider = Algorithms.get(algorithm);
    this.objectiveMetric = Objects.requireNonNull(objectiveMetric, "objectiveMetric");
    this.train = Objects.requireNonNull(train, "train");
    this.validation = validation;
    this.test = test;
  }

  /**
   * Checks a tuning job against the algorithm before any job runs: every searched and static hyperparameter
   * exists, the static values and each range's ends (every categorical value) are valid values, the objective is
   * one of the algorithm's tuning metrics and its channel is given, and Hyperband has an iteration count to allot.
   *
   * @param job the tuning job
   * @throws InvalidTuningJobException listing every problem
   */
  public void validate(TuningJobConfig job) {
    List<String> problems = problems(provider, job);
    String metric = job.objective().metricName();
    if (metric.startsWith("validation:") && validation == null) {
      problems.add("the objective " + metric + " is measured on the validation channel, which is not given");
    }
    if (metric.startsWith("test:") && test == null) {
      problems.add("the objective " + metric + " is measured on the test channel, which is not given");
    }
    if (!problems.isEmpty()) {
      throw new InvalidTuningJobException(problems);
    }
  }

  /**
   * The problems found from the names alone: static hyperparameters and ranges the algorithm does not have, and an
   * objective it does not emit. {@link TuningJobConfig#fromJson} asks too, so that a job with other problems lists
   * these with them.
   *
   * @param provider the algorithm
   * @param statics the static hyperparameters' names
   * @param ranges the ranges' names
   * @param metric the objective metric
   * @return the problems, in that order
   */
  static List<String> nameProblems(AlgorithmProvider provider, java.util.Collection<String> statics,
      java.util.Collection<String> ranges, String metric) {
    List<String> problems = hyperparameterNameProblems(provider, statics, ranges);
    problems.addAll(metricProblems(provider, metric));
    return problems;
  }

  private static List<String> hyperparameterNameProblems(AlgorithmProvider provider,
      java.util.Collection<String> statics, java.util.Collection<String> ranges) {
    List<String> problems = new ArrayList<>();
    String alg = provider.algorithmName();
    for (String name : statics) {
      if (!provider.spec().has(name) && !name.startsWith("_") && !name.startsWith("sagemaker_")) {
        problems.add("static hyperparameter " + name + " is not a hyperparameter of " + alg);
      }
    }
    for (String name : ranges) {
      if (!provider.spec().has(name)) {
        problems.add("range " + name + " is not a hyperparameter of " + alg);
      }
    }
    return problems;
  }

  private static List<String> metricProblems(AlgorithmProvider provider, String metric) {
    List<String> problems = new ArrayList<>();
    String alg = provider.algorithmName();
    Set<String> metrics = provider.tuningMetrics();
    String base = metric.contains("@") ? metric.substring(0, metric.indexOf('@')) : metric;
    if (metrics.isEmpty()) {
      problems.add(alg + " emits no tuning metrics, so it cannot be tuned");
    } else if (!metric.isEmpty() && !metrics.contains(base)) {
      problems.add("the objective metric " + metric + " is not one that " + alg + " emits; its tuning metrics: "
          + new java.util.TreeSet<>(metrics));
    }
    return problems;
  }

  /** The algorithm-dependent problems of a tuning job (channels aside); also used to check warm-start parents. */
  static List<String> problems(AlgorithmProvider provider, TuningJobConfig job) {
    String alg = provider.algorithmName();
    List<String> problems = hyperparameterNameProblems(provider, job.staticHyperParameters().keySet(),
        job.space().ranges().stream().map(ParameterRange::name).toList());
    List<Map<String, String>> probes = new ArrayList<>();
    for (ParameterRange r : job.space().ranges()) {
      if (!provider.spec().has(r.name())) {
        continue;
      }
      List<String> ends;
      if (r instanceof ParameterRange.Categorical c) {
        ends = c.values();
      } else if (r instanceof ParameterRange.Integral i) {
        ends = List.of(Long.toString(i.min()), Long.toString(i.max()));
      } else {
        ParameterRange.Continuous c = (ParameterRange.Continuous) r;
        ends = List.of(Double.toString(c.min()), Double.toString(c.max()));
      }
      for (String v : ends) {
        probes.add(Map.of(r.name(), v));
      }
    }
    if (problems.isEmpty()) {
      probes.add(Map.of());
      for (Map<String, String> probe : probes) {
        Map<String, String> hps = new LinkedHashMap<>(job.staticHyperParameters());
        if (job.strategy() == TuningJobConfig.Strategy.HYPERBAND) {
          provider.resourceHyperparameter().ifPresent(res -> hps.put(res, Integer.toString(job.maxResource())));
        }
        for (ParameterRange r : job.space().ranges()) {
          hps.put(r.name(), probe.getOrDefault(r.name(), midpoint(r)));
        }
        try {
          provider.spec().parse(hps);
        } catch (InvalidHyperparametersException e) {
          String where = probe.isEmpty() ? "the static hyperparameters" : "range value " + probe;
          String msg = where + ": " + e.getMessage();
          if (!problems.contains(msg)) {
            problems.add(msg);
          }
        }
      }
    }
    problems.addAll(metricProblems(provider, job.objective().metricName()));
    if (job.strategy() == TuningJobConfig.Strategy.HYPERBAND && provider.resourceHyperparameter().isEmpty()) {
      problems.add("Hyperband allots iterations, and " + alg + " has no iteration count hyperparameter");
    }
    if (job.strategy() == TuningJobConfig.Strategy.HYPERBAND && provider.resourceHyperparameter().isPresent()) {
      String res = provider.resourceHyperparameter().get();
      if (job.staticHyperParameters().containsKey(res)
          || job.space().ranges().stream().anyMatch(r -> r.name().equals(res))) {
        problems.add("Hyperband sets " + res + " itself (from MinResource to MaxResource); do not give it");
      }
    }
    return problems;
  }

  /** A value inside the range, to probe other ranges' ends with. */
  private static String midpoint(ParameterRange r) {
    double[] u = new double[r.dims()];
    java.util.Arrays.fill(u, 0.5);
    if (r instanceof ParameterRange.Categorical) {
      u[0] = 1;
    }
    return r.decode(u, 0);
  }

  /** @return the algorithm's provider */
  public AlgorithmProvider provider() {
    return provider;
  }

  @Override
  public TrialOutcome train(Map<String, String> hyperparameters, TrialContext context) throws IOException {
    Map<String, String> hps = new LinkedHashMap<>(hyperparameters);
    hps.put(AlgorithmProvider.TUNING_OBJECTIVE_METRIC, objectiveMetric);
    Model previous = context.previous();
    RecordEstimator<?, ?> estimator;
    if (context.resource() > 0) {
      String res = provider.resourceHyperparameter().orElseThrow();
      hps.put(res, Integer.toString(context.resource()));
      estimator = provider.create(hps);
      if (previous != null && estimator instanceof ContinuableEstimator && train instanceof DataSource) {
        hps.put(res, Integer.toString(context.resource() - context.previousResource()));
        estimator = provider.create(hps);
      } else {
        previous = null;
      }
    } else {
      estimator = provider.create(hps);
    }
    // A continued model's listeners count from 1 again; the tuner numbers iterations over the whole job.
    int offset = previous != null ? context.previousResource() : 0;
    TrainingListener numbered = new TrainingListener() {
      @Override
      public void onEpoch(int epoch, int plannedEpochs, Map<String, Double> metrics) {
        context.listener().onEpoch(epoch + offset, plannedEpochs + offset, metrics);
      }
    };
    FitOptions.Builder options = FitOptions.builder().threads(context.threads())
        .cancellation(context.cancellation()).listener(numbered);
    if (validation != null) {
      options.channel("validation", validation);
    }
    if (test != null) {
      options.channel("test", test);
    }
    Model model = previous != null ? continueFit((ContinuableEstimator<?>) estimator, options.build(), previous)
        : RecordEstimator.fitAny(estimator, train, options.build());
    return new TrialOutcome(model.card().metrics(), model);
  }

  private <M extends Model> M continueFit(ContinuableEstimator<M> estimator, FitOptions options, Model previous)
      throws IOException {
    return estimator.fit((DataSource) train, options, estimator.modelType().cast(previous));
  }
}
