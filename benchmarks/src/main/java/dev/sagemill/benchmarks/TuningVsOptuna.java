package dev.sagemill.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sagemill.core.data.InMemoryDataset;
import dev.sagemill.core.estimator.CancellationToken;
import dev.sagemill.core.listen.TrainingListener;
import dev.sagemill.tuning.AlgorithmTraining;
import dev.sagemill.tuning.ParameterRange;
import dev.sagemill.tuning.Scaling;
import dev.sagemill.tuning.TestSurfaces;
import dev.sagemill.tuning.TrainingFunction;
import dev.sagemill.tuning.Trial;
import dev.sagemill.tuning.TrialContext;
import dev.sagemill.tuning.TrialOutcome;
import dev.sagemill.tuning.Tuner;
import dev.sagemill.tuning.TuningJobConfig;
import dev.sagemill.tuning.TuningObjective;
import dev.sagemill.tuning.TuningResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Issue #5's search-quality and overhead checks: sagemill's Bayesian search, Random search and Optuna's TPE (run by
 * {@code benchmarks/optuna/tpe_driver.py}, an ask/tell server, so every point is scored by the same Java code) on
 * Branin, Hartmann-6 and XGBoost on the Higgs sample; Hyperband against Random in boosting rounds; and the tuner's
 * own time per proposal with 100 completed trials.
 *
 * <pre>
 * benchmarks/run.sh TuningVsOptuna [branin|hartmann6|higgs|hyperband|overhead|all] [seeds (10)]
 *     [python (/usr/bin/python3)]
 * </pre>
 *
 * <p>Every search runs its jobs one at a time (MaxParallelTrainingJobs 1) with seeds 1..n. "best@k" is the median
 * over seeds of the best objective after k jobs.
 */
public final class TuningVsOptuna {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int RANDOM_BUDGET = 50;
  private static final int BAYES_BUDGET = 25;
  /** Boosting rounds of every Higgs job outside Hyperband, and Hyperband's MaxResource. */
  private static final int HIGGS_ROUNDS = 81;
  private static final int HYPERBAND_MIN_ROUNDS = 3;

  private final int seeds;
  private final String python;

  private TuningVsOptuna(int seeds, String python) {
    this.seeds = seeds;
    this.python = python;
  }

  /** One objective to search: its ranges, its function and the hyperparameters every job shares. */
  private record Task(String name, List<ParameterRange> ranges, TuningObjective objective, TrainingFunction function,
      Map<String, String> statics, String algorithm) {
    TuningJobConfig.Builder job(TuningJobConfig.Strategy strategy, int jobs, long seed) {
      TuningJobConfig.Builder b = TuningJobConfig.builder().strategy(strategy).objective(objective)
          .limits(jobs, 1).randomSeed(seed).staticHyperParameters(statics);
      ranges.forEach(b::range);
      if (algorithm != null) {
        b.algorithm(algorithm);
      }
      return b;
    }

    /** The objective's value (AUC, or the surface's value) from a loss. */
    double value(double loss) {
      return objective.value(loss);
    }
  }

  /**
   * @param args what to run ({@code all} by default), the number of seeds (10) and the Python that has Optuna
   * @throws Exception if a run fails
   */
  public static void main(String[] args) throws Exception {
    String what = args.length > 0 ? args[0] : "all";
    int seeds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    String python = args.length > 2 ? args[2] : "/usr/bin/python3";
    TuningVsOptuna bench = new TuningVsOptuna(seeds, python);
    System.out.printf(Locale.ROOT, "machine: %d cores, Java %s, %s%n", Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"), System.getProperty("os.arch"));
    boolean all = what.equals("all");
    if (all || what.equals("branin")) {
      bench.compareSearches(branin());
    }
    if (all || what.equals("hartmann6")) {
      bench.compareSearches(hartmann6());
    }
    double[][] higgsRandom = null;
    if (all || what.equals("higgs")) {
      higgsRandom = bench.compareSearches(higgs(true));
    }
    if (all || what.equals("hyperband")) {
      bench.hyperband(higgsRandom);
    }
    if (all || what.equals("overhead")) {
      overhead();
    }
  }

  private static Task branin() {
    return new Task("Branin (minimum 0.397887)", List.of(
        new ParameterRange.Continuous("x1", -5, 10, Scaling.LINEAR),
        new ParameterRange.Continuous("x2", 0, 15, Scaling.LINEAR)),
        new TuningObjective(false, TestSurfaces.METRIC), TestSurfaces.braninFunction(), Map.of(), null);
  }

  private static Task hartmann6() {
    List<ParameterRange> ranges = new ArrayList<>();
    for (int j = 0; j < 6; j++) {
      ranges.add(new ParameterRange.Continuous("x" + j, 0, 1, Scaling.LINEAR));
    }
    return new Task("Hartmann-6 (minimum -3.32237)", ranges, new TuningObjective(false, TestSurfaces.METRIC),
        TestSurfaces.hartmannFunction(), Map.of(), null);
  }

  /**
   * XGBoost on the Higgs sample (6,000 training rows, 1,000 validation rows), maximising validation AUC over eta,
   * max_depth, min_child_weight, subsample and lambda.
   *
   * @param fixedRounds whether every job trains {@link #HIGGS_ROUNDS} rounds (false: Hyperband allots them)
   */
  private static Task higgs(boolean fixedRounds) throws IOException {
    InMemoryDataset train = BenchData.higgs("train.csv.gz");
    InMemoryDataset validation = BenchData.higgs("validation.csv.gz");
    String metric = "validation:auc";
    Map<String, String> statics = new LinkedHashMap<>();
    statics.put("objective", "binary:logistic");
    statics.put("eval_metric", "auc");
    if (fixedRounds) {
      statics.put("num_round", Integer.toString(HIGGS_ROUNDS));
    }
    return new Task("XGBoost on Higgs, validation:auc", List.of(
        new ParameterRange.Continuous("eta", 0.01, 0.5, Scaling.LOGARITHMIC),
        new ParameterRange.Integral("max_depth", 1, 10, Scaling.LINEAR),
        new ParameterRange.Continuous("min_child_weight", 0.1, 100, Scaling.LOGARITHMIC),
        new ParameterRange.Continuous("subsample", 0.5, 1, Scaling.LINEAR),
        new ParameterRange.Continuous("lambda", 0.01, 100, Scaling.LOGARITHMIC)),
        new TuningObjective(true, metric), new AlgorithmTraining("xgboost", metric, train, validation, null),
        statics, "xgboost");
  }

  /**
   * Runs Random@50, Bayesian@25 and TPE@25 over the seeds and prints the medians.
   *
   * @return Random's best-so-far losses, [seed][job]
   */
  private double[][] compareSearches(Task task) throws Exception {
    System.out.printf(Locale.ROOT, "%n== %s: %d seeds ==%n", task.name(), seeds);
    double[][] random = new double[seeds][];
    double[][] bayes = new double[seeds][];
    double[][] tpe = new double[seeds][];
    double[] bayesSeconds = new double[seeds];
    for (int s = 0; s < seeds; s++) {
      long seed = s + 1;
      random[s] = bestSoFar(new Tuner(task.job(TuningJobConfig.Strategy.RANDOM, RANDOM_BUDGET, seed).build(),
          task.function()).threads(2).run(), task.objective());
      TuningResult b = new Tuner(task.job(TuningJobConfig.Strategy.BAYESIAN, BAYES_BUDGET, seed).build(),
          task.function()).threads(2).run();
      bayes[s] = bestSoFar(b, task.objective());
      bayesSeconds[s] = b.seconds();
      tpe[s] = tpe(task, BAYES_BUDGET, seed);
      System.out.printf(Locale.ROOT, "seed %2d  random@50 %.5f  bayesian@25 %.5f  tpe@25 %.5f%n", seed,
          task.value(random[s][RANDOM_BUDGET - 1]), task.value(bayes[s][BAYES_BUDGET - 1]),
          task.value(tpe[s][BAYES_BUDGET - 1]));
    }
    double randomTarget = medianAt(random, RANDOM_BUDGET);
    int reach = 0;
    for (int k = 1; k <= BAYES_BUDGET && reach == 0; k++) {
      if (medianAt(bayes, k) <= randomTarget) {
        reach = k;
      }
    }
    System.out.printf(Locale.ROOT, "median best     @10        @25        @50%n");
    System.out.printf(Locale.ROOT, "random      %.5f    %.5f    %.5f%n", task.value(medianAt(random, 10)),
        task.value(medianAt(random, 25)), task.value(randomTarget));
    System.out.printf(Locale.ROOT, "bayesian    %.5f    %.5f%n", task.value(medianAt(bayes, 10)),
        task.value(medianAt(bayes, 25)));
    System.out.printf(Locale.ROOT, "optuna-tpe  %.5f    %.5f%n", task.value(medianAt(tpe, 10)),
        task.value(medianAt(tpe, 25)));
    System.out.printf(Locale.ROOT, "bayesian reaches random@50's median best after %s jobs (goal <= 25): %s%n",
        reach == 0 ? "> 25" : Integer.toString(reach), reach > 0 ? "PASS" : "FAIL");
    boolean beatsTpe = medianAt(bayes, BAYES_BUDGET) <= medianAt(tpe, BAYES_BUDGET);
    System.out.printf(Locale.ROOT, "bayesian@25 %.5f vs optuna-tpe@25 %.5f (goal: at least as good): %s%n",
        task.value(medianAt(bayes, BAYES_BUDGET)), task.value(medianAt(tpe, BAYES_BUDGET)),
        beatsTpe ? "PASS" : "FAIL");
    Arrays.sort(bayesSeconds);
    System.out.printf(Locale.ROOT, "bayesian@25 wall time per seed, median %.2f s%n", bayesSeconds[seeds / 2]);
    return random;
  }

  /** Best loss after each job, in launch order. */
  private static double[] bestSoFar(TuningResult r, TuningObjective objective) {
    List<Trial> byId = new ArrayList<>(r.leaderboard());
    byId.sort(Comparator.comparingInt(Trial::id));
    double[] out = new double[byId.size()];
    double best = Double.POSITIVE_INFINITY;
    for (int i = 0; i < out.length; i++) {
      Trial t = byId.get(i);
      if (t.hasObjective()) {
        best = Math.min(best, objective.loss(t.objective()));
      }
      out[i] = best;
    }
    return out;
  }

  /** Median over seeds of the best loss after {@code k} jobs. */
  private static double medianAt(double[][] curves, int k) {
    double[] v = new double[curves.length];
    for (int s = 0; s < v.length; s++) {
      v[s] = curves[s][Math.min(k, curves[s].length) - 1];
    }
    return median(v);
  }

  private static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }

  /** Optuna TPE proposes, this process trains: best-so-far losses of {@code jobs} jobs. */
  private double[] tpe(Task task, int jobs, long seed) throws Exception {
    ObjectNode request = JSON.createObjectNode().put("seed", seed).put("trials", jobs);
    ArrayNode space = request.putArray("space");
    for (ParameterRange r : task.ranges()) {
      ObjectNode p = space.addObject().put("name", r.name());
      if (r instanceof ParameterRange.Continuous c) {
        p.put("type", "float").put("low", c.min()).put("high", c.max()).put("log", c.scaling() == Scaling.LOGARITHMIC);
      } else if (r instanceof ParameterRange.Integral i) {
        p.put("type", "int").put("low", i.min()).put("high", i.max()).put("log", i.scaling() == Scaling.LOGARITHMIC);
      } else {
        throw new IllegalArgumentException("the TPE driver takes numeric ranges only: " + r.name());
      }
    }
    Process process = new ProcessBuilder(python, "benchmarks/optuna/tpe_driver.py")
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    double[] out = new double[jobs];
    try (Writer in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        BufferedReader reply = new BufferedReader(new InputStreamReader(process.getInputStream(),
            StandardCharsets.UTF_8))) {
      in.write(JSON.writeValueAsString(request) + "\n");
      in.flush();
      double best = Double.POSITIVE_INFINITY;
      for (int i = 0; i < jobs; i++) {
        String line = reply.readLine();
        if (line == null) {
          throw new IOException("the TPE driver ended after " + i + " of " + jobs + " trials (is python3-optuna "
              + "installed for " + python + "?)");
        }
        Map<String, String> hps = new LinkedHashMap<>(task.statics());
        JSON.readTree(line).get("params").properties().forEach(e -> hps.put(e.getKey(), e.getValue().asText()));
        double loss = train(task, hps);
        best = Math.min(best, loss);
        out[i] = best;
        in.write(JSON.writeValueAsString(JSON.createObjectNode().put("loss",
            Double.isFinite(loss) ? loss : 1e300)) + "\n");
        in.flush();
      }
      JsonNode done = JSON.readTree(reply.readLine());
      if (done == null || !done.path("done").asBoolean()) {
        throw new IOException("the TPE driver did not end its study: " + done);
      }
    }
    if (process.waitFor() != 0) {
      throw new IOException("the TPE driver exited with " + process.exitValue());
    }
    return out;
  }

  /** Trains one point outside the tuner, as a tuner job would; a failure scores +infinity. */
  private static double train(Task task, Map<String, String> hps) {
    try {
      TrialOutcome o = task.function().train(hps, new TrialContext(2, new CancellationToken(),
          new TrainingListener() {}, null, 0, 0));
      return task.objective().loss(o.metrics().get(task.objective().metricName()));
    } catch (Exception e) {
      return Double.POSITIVE_INFINITY;
    }
  }

  /**
   * Hyperband (η = 3, rounds from {@value #HYPERBAND_MIN_ROUNDS} to {@value #HIGGS_ROUNDS}, brackets repeated)
   * against Random@50 at {@value #HIGGS_ROUNDS} rounds a job: the median over seeds of Hyperband's best validation
   * AUC once it has trained a third of Random's boosting rounds, against the median of Random's best after its 50
   * jobs, as the Bayesian check compares medians; and the fewest rounds after which Hyperband's median reaches it.
   */
  private void hyperband(double[][] randomCurves) throws Exception {
    Task fixed = higgs(true);
    Task task = higgs(false);
    System.out.printf(Locale.ROOT, "%n== Hyperband vs Random@50 on Higgs (XGBoost, validation:auc), %d seeds ==%n",
        seeds);
    int sMax = (int) Math.floor(Math.log((double) HIGGS_ROUNDS / HYPERBAND_MIN_ROUNDS) / Math.log(3) + 1e-9);
    int configs = 0;
    for (int s = sMax; s >= 0; s--) {
      configs += (int) Math.ceil((sMax + 1.0) / (s + 1) * Math.pow(3, s));
    }
    long randomRounds = (long) RANDOM_BUDGET * HIGGS_ROUNDS;
    long budget = randomRounds / 3;
    double[] randomBest = new double[seeds];
    // best[seed][rounds]: Hyperband's best loss once it has trained that many rounds
    double[][] best = new double[seeds][(int) budget * 2 + 1];
    for (int s = 0; s < seeds; s++) {
      long seed = s + 1;
      randomBest[s] = randomCurves != null ? randomCurves[s][RANDOM_BUDGET - 1]
          : bestSoFar(new Tuner(fixed.job(TuningJobConfig.Strategy.RANDOM, RANDOM_BUDGET, seed).build(),
              fixed.function()).threads(2).run(), fixed.objective())[RANDOM_BUDGET - 1];
      double[] curve = best[s];
      Arrays.fill(curve, Double.POSITIVE_INFINITY);
      int[] rounds = {0};
      TrainingFunction counted = (hps, ctx) -> {
        TrialOutcome o = task.function().train(hps, ctx);
        int from = rounds[0];
        rounds[0] += ctx.resource() - (ctx.previous() != null ? ctx.previousResource() : 0);
        Double v = o.metrics().get(task.objective().metricName());
        double before = from == 0 ? Double.POSITIVE_INFINITY : curve[Math.min(from, curve.length - 1)];
        double now = v == null ? before : Math.min(before, task.objective().loss(v));
        for (int i = from + 1; i < curve.length; i++) {
          curve[i] = i < rounds[0] ? before : now;
        }
        return o;
      };
      // Two passes over the brackets: more than a third of Random's rounds, so the budget is always spent.
      new Tuner(task.job(TuningJobConfig.Strategy.HYPERBAND, 2 * configs, seed)
          .hyperband(HYPERBAND_MIN_ROUNDS, HIGGS_ROUNDS).build(), counted).threads(2).run();
      System.out.printf(Locale.ROOT, "seed %2d  random@50 best %.5f after %d rounds; hyperband best %.5f after %d "
          + "rounds (a third of random's)%n", seed, task.value(randomBest[s]), randomRounds,
          task.value(curve[(int) budget]), budget);
    }
    double target = median(randomBest);
    long reach = -1;
    for (int r = 1; r < best[0].length && reach < 0; r++) {
      double[] at = new double[seeds];
      for (int s = 0; s < seeds; s++) {
        at[s] = best[s][r];
      }
      if (median(at) <= target) {
        reach = r;
      }
    }
    double[] atBudget = new double[seeds];
    for (int s = 0; s < seeds; s++) {
      atBudget[s] = best[s][(int) budget];
    }
    System.out.printf(Locale.ROOT, "median best: random@50 %.5f (%d rounds); hyperband %.5f after %d rounds%n",
        task.value(target), randomRounds, task.value(median(atBudget)), budget);
    System.out.printf(Locale.ROOT, "hyperband's median best reaches random's after %s rounds, %s of random's "
        + "(goal <= 0.333): %s%n", reach < 0 ? "more than " + (best[0].length - 1) : Long.toString(reach),
        reach < 0 ? "more than " + String.format(Locale.ROOT, "%.3f", (best[0].length - 1.0) / randomRounds)
            : String.format(Locale.ROOT, "%.3f", (double) reach / randomRounds),
        reach > 0 && reach <= budget ? "PASS" : "FAIL");
  }

  /**
   * The tuner's own time per Bayesian proposal on Hartmann-6 (training costs microseconds there): the gap between
   * consecutive job ends, for jobs 101 to 130.
   */
  private static void overhead() throws Exception {
    Task task = hartmann6();
    int jobs = 130;
    long[] ends = new long[jobs];
    int[] n = {0};
    new Tuner(task.job(TuningJobConfig.Strategy.BAYESIAN, jobs, 1).build(), task.function()).threads(2)
        .listener((trial, board) -> ends[n[0]++] = System.nanoTime()).run();
    System.out.printf(Locale.ROOT, "%n== Tuner overhead per Bayesian proposal, Hartmann-6 ==%n");
    for (int[] window : new int[][] {{20, 30}, {50, 60}, {100, jobs}}) {
      double[] gaps = new double[window[1] - window[0]];
      for (int i = window[0]; i < window[1]; i++) {
        gaps[i - window[0]] = (ends[i] - ends[i - 1]) / 1e6;
      }
      double max = Arrays.stream(gaps).max().orElseThrow();
      System.out.printf(Locale.ROOT, "with %3d-%3d completed jobs: median %.1f ms, max %.1f ms%s%n", window[0],
          window[1] - 1, median(gaps), max, window[0] == 100 ? (median(gaps) < 50 ? "  (goal < 50 ms): PASS"
              : "  (goal < 50 ms): FAIL") : "");
    }
  }
}
