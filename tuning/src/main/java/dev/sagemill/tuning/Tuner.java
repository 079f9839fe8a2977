package dev.sagemill.tuning;

import dev.sagemill.core.estimator.CancellationToken;
import dev.sagemill.core.estimator.Model;
import dev.sagemill.core.listen.TrainingListener;
import dev.sagemill.core.random.RandomStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletionService;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a tuning job: proposes points by the job's strategy, trains them on a pool of
 * {@code MaxParallelTrainingJobs} threads (each job with its share of the cores), applies the median stopping
 * rule, the time limit and the target value, and records every job (a failing job is recorded as Failed and the
 * search goes on). With an output folder the results are persisted after every job ({@link TuningStore}) and a
 * later job can warm-start from them.
 *
 * <p>Hyperband runs Li et al.'s brackets ({@code η = 3}): bracket {@code s} starts
 * {@code ⌈(s_max+1)/(s+1)·η^s⌉} random points at {@code MaxResource·η^−s} iterations and keeps the best
 * {@code ⌊n/η⌋} of each rung, which continue training from their rung's model.
 *
 * <p>One tuner runs one job; not thread-safe.
 */
public final class Tuner {
  private static final Logger LOG = LoggerFactory.getLogger(Tuner.class);
  /** Hyperband's reduction factor. */
  static final int ETA = 3;

  private final TuningJobConfig config;
  private final TrainingFunction function;
  private final List<TuningListener> listeners = new ArrayList<>();
  private Path outputDir;
  private int threads = Runtime.getRuntime().availableProcessors();

  // State of the run.
  private final Map<Integer, Trial> trials = new TreeMap<>();
  private final List<SearchStrategy.Observation> observations = new ArrayList<>();
  private final List<double[]> completedCurves = new CopyOnWriteArrayList<>();
  private Model bestModel;
  private double bestLoss = Double.POSITIVE_INFINITY;
  private long totalResource;
  private long deadline;
  private boolean targetReached;
  private TuningStore store;

  /**
   * @param config the tuning job
   * @param function what each job trains
   */
  public Tuner(TuningJobConfig config, TrainingFunction function) {
    this.config = Objects.requireNonNull(config, "config");
    this.function = Objects.requireNonNull(function, "function");
  }

  /**
   * @param dir the folder where results are written as they come (created if needed)
   * @return this tuner
   */
  public Tuner outputDir(Path dir) {
    this.outputDir = dir;
    return this;
  }

  /**
   * @param total cores shared by the parallel jobs (default: all)
   * @return this tuner
   */
  public Tuner threads(int total) {
    if (total < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + total);
    }
    this.threads = total;
    return this;
  }

  /**
   * @param listener hears of each job as it ends
   * @return this tuner
   */
  public Tuner listener(TuningListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
    return this;
  }

  /**
   * Checks the job (against the algorithm and the warm-start parents when it trains one), then runs it.
   *
   * @return the leaderboard and the best model
   * @throws InvalidTuningJobException before any job runs, listing every problem
   * @throws IOException if the results cannot be written or a parent read
   * @throws InterruptedException if the calling thread is interrupted
   */
  public TuningResult run() throws IOException, InterruptedException {
    if (function instanceof AlgorithmTraining a) {
      a.validate(config);
    }
    List<SearchStrategy.Observation> parents = WarmStarts.observations(config, function);
    observations.addAll(parents);
    if (outputDir != null) {
      store = TuningStore.create(outputDir, config);
    }
    long start = System.nanoTime();
    deadline = config.maxRuntimeSeconds() > 0 ? start + config.maxRuntimeSeconds() * 1_000_000_000L : Long.MAX_VALUE;
    int parallel = config.maxParallel();
    ExecutorService pool = Executors.newFixedThreadPool(parallel, r -> {
      Thread t = new Thread(r, "sagemill-tuning-job");
      t.setDaemon(true);
      return t;
    });
    try {
      if (config.strategy() == TuningJobConfig.Strategy.HYPERBAND) {
        runHyperband(pool);
      } else {
        runSearch(pool);
      }
    } finally {
      pool.shutdownNow();
    }
    TuningResult result = new TuningResult(leaderboard(), bestModel, totalResource,
        (System.nanoTime() - start) / 1e9);
    LOG.info("tuning job done: {} training jobs, best {}", trials.size(),
        result.best().map(t -> "#" + t.id() + " " + config.objective().metricName() + "=" + t.objective())
            .orElse("none"));
    return result;
  }

  /** A job's result and model, handed from its worker thread. */
  private record Finished(Trial trial, Model model, int addedResource, double[] x) {}

  private void runSearch(ExecutorService pool) throws IOException, InterruptedException {
    RandomStream rng = RandomStream.of(config.randomSeed());
    SearchStrategy strategy = switch (config.strategy()) {
      case GRID -> SearchStrategy.grid(config.space());
      case RANDOM -> SearchStrategy.random(config.space(), rng);
      default -> new BayesianSearch(config.space(), rng);
    };
    CompletionService<Finished> done = new ExecutorCompletionService<>(pool);
    Map<Integer, double[]> running = new LinkedHashMap<>();
    int launched = 0;
    boolean exhausted = false;
    while (true) {
      while (!exhausted && running.size() < config.maxParallel() && launched < config.maxJobs() && !finishing()) {
        Map<String, String> hps = strategy.propose(launched, List.copyOf(observations),
            List.copyOf(running.values()));
        if (hps == null) {
          exhausted = true;
          break;
        }
        double[] x = config.space().encode(hps).orElseThrow();
        int id = launched++;
        running.put(id, x);
        done.submit(() -> trainJob(id, hps, x, null, 0, 0, List.of()));
      }
      if (running.isEmpty()) {
        return;
      }
      Finished f = take(done);
      running.remove(f.trial().id());
      record(f, true);
    }
  }

  private void runHyperband(ExecutorService pool) throws IOException, InterruptedException {
    RandomStream rng = RandomStream.of(config.randomSeed());
    double ratio = (double) config.maxResource() / config.minResource();
    int sMax = (int) Math.floor(Math.log(ratio) / Math.log(ETA) + 1e-9);
    int launched = 0;
    CompletionService<Finished> done = new ExecutorCompletionService<>(pool);
    while (launched < config.maxJobs() && !finishing()) {
      for (int s = sMax; s >= 0 && launched < config.maxJobs() && !finishing(); s--) {
        int n = (int) Math.ceil((sMax + 1.0) / (s + 1) * Math.pow(ETA, s));
        n = Math.min(n, config.maxJobs() - launched);
        double r0 = config.maxResource() * Math.pow(ETA, -s);
        List<Finished> rung = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          int id = launched++;
          Map<String, String> hps = config.space().decode(config.space().sample(rng.fork("hyperband", id)));
          rung.add(new Finished(new Trial(id, hps, TrialStatus.COMPLETED, Double.NaN, List.of(), Map.of(), 0, 0,
              ""), null, 0, config.space().encode(hps).orElseThrow()));
        }
        LOG.info("hyperband bracket s={}: {} configurations from {} iterations", s, n,
            Math.max(config.minResource(), (int) Math.round(r0)));
        for (int i = 0; i <= s && !rung.isEmpty(); i++) {
          int resource = i == s ? config.maxResource()
              : Math.max(config.minResource(), (int) Math.round(r0 * Math.pow(ETA, i)));
          List<Finished> results = trainRung(done, rung, resource);
          if (i == s || finishing()) {
            for (Finished f : results) {
              record(f, true);
            }
            break;
          }
          results.sort(Comparator.comparingDouble((Finished f) -> lossOf(f.trial()))
              .thenComparingInt(f -> f.trial().id()));
          int keep = Math.max(1, results.size() / ETA);
          List<Finished> next = new ArrayList<>();
          for (int k = 0; k < results.size(); k++) {
            Finished f = results.get(k);
            if (k < keep && f.trial().hasObjective()) {
              record(f, false);
              next.add(f);
            } else {
              Trial t = f.trial();
              boolean failed = t.status() == TrialStatus.FAILED;
              record(new Finished(new Trial(t.id(), t.hyperparameters(), failed ? t.status()
                  : TrialStatus.STOPPED, t.objective(), t.curve(), t.metrics(), t.resource(), t.seconds(),
                  failed ? t.failureReason() : "not promoted by Hyperband after " + resource + " iterations"),
                  f.model(), f.addedResource(), f.x()), true);
            }
          }
          rung = next;
        }
      }
    }
  }

  /** Trains every configuration of a rung to {@code resource} iterations in total, in parallel. */
  private List<Finished> trainRung(CompletionService<Finished> done, List<Finished> rung, int resource)
      throws InterruptedException {
    List<Finished> out = new ArrayList<>();
    int next = 0;
    int running = 0;
    while (next < rung.size() || running > 0) {
      while (next < rung.size() && running < config.maxParallel()) {
        Finished f = rung.get(next++);
        Trial t = f.trial();
        done.submit(() -> trainJob(t.id(), t.hyperparameters(), f.x(), f.model(), t.resource(), resource,
            t.curve()));
        running++;
      }
      out.add(take(done));
      running--;
    }
    return out;
  }

  private double lossOf(Trial t) {
    return t.hasObjective() ? config.objective().loss(t.objective()) : Double.POSITIVE_INFINITY;
  }

  private Finished take(CompletionService<Finished> done) throws InterruptedException {
    Future<Finished> f = done.take();
    try {
      return f.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("a tuning worker failed outside its training job", e.getCause());
    }
  }

  private boolean finishing() {
    return targetReached || System.nanoTime() > deadline;
  }

  /** Trains one job on a worker thread; every failure becomes a Failed trial. */
  private Finished trainJob(int id, Map<String, String> hps, double[] x, Model previous, int previousResource,
      int resource, List<Double> priorCurve) {
    CancellationToken token = new CancellationToken();
    List<Double> curve = new ArrayList<>(priorCurve);
    String[] stopReason = {""};
    int[] trained = {0};
    double[] bestLoss = {priorCurve.stream().mapToDouble(config.objective()::loss).min()
        .orElse(Double.POSITIVE_INFINITY)};
    String metric = config.objective().metricName();
    TrainingListener listener = new TrainingListener() {
      @Override
      public void onEpoch(int epoch, int plannedEpochs, Map<String, Double> metrics) {
        // A job that numbers its iterations from 1 again at a later rung retrained from scratch: a new curve.
        if (trained[0]++ == 0 && epoch <= priorCurve.size()) {
          curve.clear();
          bestLoss[0] = Double.POSITIVE_INFINITY;
        }
        Double v = metrics.get(metric);
        if (v == null) {
          return;
        }
        curve.add(v);
        bestLoss[0] = Math.min(bestLoss[0], config.objective().loss(v));
        if (config.earlyStopping() && !token.isCancelled()
            && curve.size() >= MedianStoppingRule.gracePeriod(plannedEpochs)
            && MedianStoppingRule.shouldStop(completedCurves, curve.size(), bestLoss[0])) {
          stopReason[0] = "stopped at iteration " + curve.size() + ": its best " + metric + " so far, "
              + config.objective().value(bestLoss[0]) + ", is worse than the median of the completed jobs' "
              + "running averages";
          token.cancel();
        }
        if (!token.isCancelled() && System.nanoTime() > deadline) {
          stopReason[0] = "stopped at iteration " + curve.size() + ": MaxRuntimeInSeconds reached";
          token.cancel();
        }
      }
    };
    int jobThreads = Math.max(1, threads / config.maxParallel());
    Map<String, String> merged = new LinkedHashMap<>(config.staticHyperParameters());
    merged.putAll(hps);
    long t0 = System.nanoTime();
    double seconds;
    TrialOutcome outcome;
    try {
      outcome = function.train(merged, new TrialContext(jobThreads, token, listener, previous, previousResource,
          resource));
    } catch (Exception | LinkageError | AssertionError e) {
      seconds = (System.nanoTime() - t0) / 1e9;
      String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
      LOG.warn("training job {} failed: {}", id, reason);
      return new Finished(new Trial(id, hps, TrialStatus.FAILED, Double.NaN, curve, Map.of(), previousResource,
          seconds, reason), previous, 0, x);
    }
    seconds = (System.nanoTime() - t0) / 1e9;
    Map<String, Double> metrics = outcome.metrics() == null ? Map.of() : outcome.metrics();
    Double value = metrics.get(metric);
    if (value == null && curve.size() > priorCurve.size()) {
      value = curve.get(curve.size() - 1);
    }
    int reached = resource > 0 && !token.isCancelled() ? resource : curve.size();
    int added = trained[0];
    if (value == null || Double.isNaN(value)) {
      return new Finished(new Trial(id, hps, TrialStatus.FAILED, Double.NaN, curve, metrics, reached, seconds,
          "the job emitted no " + metric + "; it emitted " + metrics.keySet()), outcome.model(), added, x);
    }
    TrialStatus status = token.isCancelled() ? TrialStatus.STOPPED : TrialStatus.COMPLETED;
    return new Finished(new Trial(id, hps, status, value, curve, metrics, reached, seconds, stopReason[0]),
        outcome.model(), added, x);
  }

  /** Books a finished job: leaderboard, observations, best model, persistence, listeners, target. */
  private void record(Finished f, boolean finalResult) throws IOException {
    Trial t = f.trial();
    Trial before = trials.get(t.id());
    // A Hyperband job's time adds up over its rungs.
    trials.put(t.id(), before == null ? t : new Trial(t.id(), t.hyperparameters(), t.status(), t.objective(),
        t.curve(), t.metrics(), t.resource(), t.seconds() + before.seconds(), t.failureReason()));
    totalResource += f.addedResource();
    if (finalResult && t.hasObjective()) {
      double loss = config.objective().loss(t.objective());
      observations.add(new SearchStrategy.Observation(f.x(), loss));
      if (t.status() == TrialStatus.COMPLETED) {
        double[] c = new double[t.curve().size()];
        for (int i = 0; i < c.length; i++) {
          c[i] = config.objective().loss(t.curve().get(i));
        }
        completedCurves.add(c);
      }
      if (loss < bestLoss) {
        bestLoss = loss;
        bestModel = f.model();
        if (store != null && bestModel != null) {
          store.saveBestModel(bestModel);
        }
      }
      if (config.target().isPresent() && loss <= config.objective().loss(config.target().get())) {
        LOG.info("training job {} reached the target {} = {}", t.id(), config.objective().metricName(),
            config.target().get());
        targetReached = true;
      }
    }
    List<Trial> board = leaderboard();
    if (store != null) {
      store.saveTrials(board);
    }
    for (TuningListener l : listeners) {
      l.onTrialEnd(trials.get(t.id()), board);
    }
  }

  /** Every job, best objective first (ties by id), failed jobs last. */
  private List<Trial> leaderboard() {
    List<Trial> board = new ArrayList<>(trials.values());
    board.sort(Comparator.comparingDouble((Trial t) -> t.hasObjective() ? config.objective().loss(t.objective())
        : Double.POSITIVE_INFINITY).thenComparingInt(Trial::id));
    return board;
  }
}
