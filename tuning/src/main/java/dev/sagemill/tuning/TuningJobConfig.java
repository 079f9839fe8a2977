package dev.sagemill.tuning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A tuning job: SageMaker's {@code HyperParameterTuningJobConfig} (strategy, objective, ranges, limits, early
 * stopping, Hyperband resources, completion criterion, seed), the training definition it tunes (algorithm and
 * static hyperparameters) and its {@code WarmStartConfig}. Read from the JSON of a
 * {@code CreateHyperParameterTuningJob} request ({@link #fromJson(JsonNode, Path)}) or built in Java ({@link #builder()}).
 *
 * <p>Construction checks everything that does not depend on the algorithm (empty or inverted ranges, Logarithmic
 * scaling below 0, Grid with a numeric range or a job count other than the number of combinations, Hyperband
 * without resources, ...) and reports all problems at once. Immutable and thread-safe.
 */
public final class TuningJobConfig {
  /** The search strategy, SageMaker's {@code Strategy}. */
  public enum Strategy {
    /** Every combination of categorical values. */
    GRID("Grid"),
    /** Independent draws. */
    RANDOM("Random"),
    /** Gaussian-process surrogate with expected improvement. */
    BAYESIAN("Bayesian"),
    /** Li et al.'s brackets of successive halving over the iteration count. */
    HYPERBAND("Hyperband");

    private final String sageMakerName;

    Strategy(String sageMakerName) {
      this.sageMakerName = sageMakerName;
    }

    /** @return SageMaker's name */
    public String sageMakerName() {
      return sageMakerName;
    }

    static Strategy parse(String s) {
      for (Strategy v : values()) {
        if (v.sageMakerName.equalsIgnoreCase(s.trim())) {
          return v;
        }
      }
      throw new IllegalArgumentException("Strategy \"" + s + "\" is not one of Grid, Random, Bayesian, Hyperband");
    }
  }

  /** SageMaker's {@code WarmStartType}. */
  public enum WarmStartType {
    /** Same data and algorithm: the parents' results count as observations of the same objective. */
    IDENTICAL_DATA_AND_ALGORITHM("IdenticalDataAndAlgorithm"),
    /** Other data or static hyperparameters: the parents' results still inform the search. */
    TRANSFER_LEARNING("TransferLearning");

    private final String sageMakerName;

    WarmStartType(String sageMakerName) {
      this.sageMakerName = sageMakerName;
    }

    /** @return SageMaker's name */
    public String sageMakerName() {
      return sageMakerName;
    }

    static WarmStartType parse(String s) {
      for (WarmStartType v : values()) {
        if (v.sageMakerName.equalsIgnoreCase(s.trim()) || v.name().equalsIgnoreCase(s.trim())) {
          return v;
        }
      }
      throw new IllegalArgumentException("WarmStartType \"" + s + "\" is not IdenticalDataAndAlgorithm or "
          + "TransferLearning");
    }
  }

  /**
   * SageMaker's {@code WarmStartConfig}.
   *
   * @param parents the parent tuning jobs' result folders (SageMaker: at most 5)
   * @param type how the parents relate to this job
   */
  public record WarmStart(List<Path> parents, WarmStartType type) {
    /**
     * Copies.
     *
     * @param parents the parents
     * @param type the type
     */
    public WarmStart {
      parents = List.copyOf(parents);
      Objects.requireNonNull(type, "type");
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  /** SageMaker's limit on parent jobs. */
  static final int MAX_PARENTS = 5;

  private final Strategy strategy;
  private final TuningObjective objective;
  private final SearchSpace space;
  private final int maxJobs;
  private final int maxParallel;
  private final long maxRuntimeSeconds;
  private final boolean earlyStopping;
  private final int minResource;
  private final int maxResource;
  private final Double target;
  private final long randomSeed;
  private final String algorithm;
  private final Map<String, String> staticHyperParameters;
  private final WarmStart warmStart;

  private TuningJobConfig(Builder b) {
    List<String> problems = new ArrayList<>(b.problems);
    if (b.objective == null) {
      problems.add("HyperParameterTuningJobObjective is missing (Type and MetricName)");
    } else if (b.objective.metricName().isBlank()) {
      problems.add("HyperParameterTuningJobObjective.MetricName is empty");
    }
    if (b.ranges.isEmpty()) {
      problems.add("ParameterRanges is empty: give at least one range to search");
    }
    List<String> names = new ArrayList<>();
    for (ParameterRange r : b.ranges) {
      r.validate(problems);
      if (names.contains(r.name())) {
        problems.add("range " + r.name() + " is given twice");
      }
      names.add(r.name());
      if (b.staticHyperParameters.containsKey(r.name())) {
        problems.add(r.name() + " is both a searched range and a static hyperparameter");
      }
    }
    SearchSpace sp = new SearchSpace(b.ranges);
    int jobs = b.maxJobs;
    if (b.strategy == Strategy.GRID) {
      List<String> numeric = b.ranges.stream().filter(r -> !(r instanceof ParameterRange.Categorical))
          .map(ParameterRange::name).toList();
      if (!numeric.isEmpty()) {
        problems.add("the Grid strategy searches categorical ranges only; " + numeric + " are continuous or integer"
            + " ranges (use CategoricalParameterRanges, or the Random or Bayesian strategy)");
      } else if (!b.ranges.isEmpty()) {
        long combos = sp.gridSize();
        if (jobs > 0 && jobs != combos) { // 0 or unset: one job per combination
          problems.add("the Grid strategy runs one job per combination, " + combos + "; MaxNumberOfTrainingJobs is "
              + jobs + " (leave it out or set it to " + combos + ")");
        }
        jobs = (int) Math.min(combos, Integer.MAX_VALUE);
      }
    } else if (jobs < 1) {
      problems.add("ResourceLimits.MaxNumberOfTrainingJobs must be >= 1 for the " + b.strategy.sageMakerName()
          + " strategy, got " + (jobs == Builder.UNSET ? "none" : Integer.toString(jobs)));
    }
    if (b.maxParallel < 1) {
      problems.add("ResourceLimits.MaxParallelTrainingJobs must be >= 1, got " + b.maxParallel);
    }
    if (b.maxRuntimeSeconds < 0) {
      problems.add("ResourceLimits.MaxRuntimeInSeconds must be > 0, got " + b.maxRuntimeSeconds);
    }
    if (b.strategy == Strategy.HYPERBAND) {
      if (b.minResource < 1 || b.maxResource < b.minResource) {
        problems.add("the Hyperband strategy needs StrategyConfig.HyperbandStrategyConfig with 1 <= MinResource <= "
            + "MaxResource, got MinResource " + b.minResource + ", MaxResource " + b.maxResource);
      }
      if (b.earlyStopping) {
        problems.add("TrainingJobEarlyStoppingType must be Off with the Hyperband strategy (Hyperband stops jobs "
            + "itself)");
      }
    } else if (b.maxResource > 0) {
      problems.add("StrategyConfig.HyperbandStrategyConfig applies to the Hyperband strategy only, not "
          + b.strategy.sageMakerName());
    }
    if (b.warmStart != null) {
      if (b.warmStart.parents().isEmpty() || b.warmStart.parents().size() > MAX_PARENTS) {
        problems.add("WarmStartConfig.ParentHyperParameterTuningJobs must name 1 to " + MAX_PARENTS
            + " parent jobs, got " + b.warmStart.parents().size());
      }
      if (b.strategy == Strategy.GRID) {
        problems.add("the Grid strategy cannot warm start: it runs every combination anyway");
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidTuningJobException(problems);
    }
    this.strategy = b.strategy;
    this.objective = b.objective;
    this.space = sp;
    this.maxJobs = jobs;
    this.maxParallel = b.maxParallel;
    this.maxRuntimeSeconds = b.maxRuntimeSeconds;
    this.earlyStopping = b.earlyStopping;
    this.minResource = b.minResource;
    this.maxResource = b.maxResource;
    this.target = b.target;
    this.randomSeed = b.randomSeed;
    this.algorithm = b.algorithm;
    this.staticHyperParameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.staticHyperParameters));
    this.warmStart = b.warmStart;
  }

  /** @return a builder with SageMaker's defaults (Bayesian, one job at a time, early stopping Off, seed 0) */
  public static Builder builder() {
    return new Builder();
  }

  /** @return the strategy */
  public Strategy strategy() {
    return strategy;
  }

  /** @return the objective */
  public TuningObjective objective() {
    return objective;
  }

  /** @return the ranges as one unit cube */
  public SearchSpace space() {
    return space;
  }

  /** @return the number of training jobs (Grid: the number of combinations) */
  public int maxJobs() {
    return maxJobs;
  }

  /** @return how many jobs run at once */
  public int maxParallel() {
    return maxParallel;
  }

  /** @return the wall-clock limit of the whole tuning job in seconds, 0 for none */
  public long maxRuntimeSeconds() {
    return maxRuntimeSeconds;
  }

  /** @return whether {@code TrainingJobEarlyStoppingType} is {@code Auto} */
  public boolean earlyStopping() {
    return earlyStopping;
  }

  /** @return Hyperband's smallest iteration count */
  public int minResource() {
    return minResource;
  }

  /** @return Hyperband's largest iteration count */
  public int maxResource() {
    return maxResource;
  }

  /** @return {@code TargetObjectiveMetricValue}: the job ends once a trial reaches it, if set */
  public java.util.Optional<Double> target() {
    return java.util.Optional.ofNullable(target);
  }

  /** @return {@code RandomSeed} */
  public long randomSeed() {
    return randomSeed;
  }

  /** @return the algorithm tuned (a registered name), if the job names one */
  public java.util.Optional<String> algorithm() {
    return java.util.Optional.ofNullable(algorithm);
  }

  /** @return {@code StaticHyperParameters}: every job's fixed hyperparameters */
  public Map<String, String> staticHyperParameters() {
    return staticHyperParameters;
  }

  /** @return {@code WarmStartConfig}, if any */
  public java.util.Optional<WarmStart> warmStart() {
    return java.util.Optional.ofNullable(warmStart);
  }

  /**
   * Reads a {@code CreateHyperParameterTuningJob} request ({@code HyperParameterTuningJobConfig},
   * {@code TrainingJobDefinition} with {@code StaticHyperParameters} and {@code AlgorithmSpecification}, and
   * {@code WarmStartConfig}); a bare {@code HyperParameterTuningJobConfig} object is accepted too. The algorithm is
   * {@code AlgorithmSpecification.AlgorithmName}, or derived from {@code TrainingImage}'s repository
   * ({@code .../sagemaker-xgboost:1.7-1} → {@code xgboost}). Parent job names in {@code WarmStartConfig} are
   * folders, resolved against {@code baseDir}.
   *
   * @param root the request
   * @param baseDir where relative parent folders are resolved
   * @return the job
   * @throws InvalidTuningJobException listing every problem
   */
  public static TuningJobConfig fromJson(JsonNode root, Path baseDir) {
    Builder b = builder();
    JsonNode cfg = root.has("HyperParameterTuningJobConfig") ? root.get("HyperParameterTuningJobConfig") : root;
    unknownKeys(root, "the request", b.problems, "HyperParameterTuningJobConfig", "TrainingJobDefinition",
        "WarmStartConfig", "HyperParameterTuningJobName", "Tags", "Strategy", "HyperParameterTuningJobObjective",
        "ResourceLimits", "ParameterRanges", "TrainingJobEarlyStoppingType", "StrategyConfig",
        "TuningJobCompletionCriteria", "RandomSeed");
    unknownKeys(cfg, "HyperParameterTuningJobConfig", b.problems, "Strategy", "HyperParameterTuningJobObjective",
        "ResourceLimits", "ParameterRanges", "TrainingJobEarlyStoppingType", "StrategyConfig",
        "TuningJobCompletionCriteria", "RandomSeed");
    b.guard(() -> b.strategy(Strategy.parse(cfg.path("Strategy").asText("Bayesian"))));
    JsonNode obj = cfg.get("HyperParameterTuningJobObjective");
    if (obj != null) {
      b.guard(() -> b.objective(TuningObjective.of(obj.path("Type").asText(""), obj.path("MetricName").asText(""))));
    }
    JsonNode limits = cfg.path("ResourceLimits");
    b.maxJobs = intField(limits, "MaxNumberOfTrainingJobs", Builder.UNSET, b.problems);
    b.maxParallel = intField(limits, "MaxParallelTrainingJobs", 1, b.problems);
    b.maxRuntimeSeconds = intField(limits, "MaxRuntimeInSeconds", 0, b.problems);
    JsonNode ranges = cfg.path("ParameterRanges");
    unknownKeys(ranges, "ParameterRanges", b.problems, "IntegerParameterRanges", "ContinuousParameterRanges",
        "CategoricalParameterRanges", "AutoParameters");
    for (JsonNode r : ranges.path("IntegerParameterRanges")) {
      b.guard(() -> b.range(new ParameterRange.Integral(r.path("Name").asText(), parseLong(r, "MinValue"),
          parseLong(r, "MaxValue"), Scaling.parse(r.path("ScalingType").asText("Auto")))));
    }
    for (JsonNode r : ranges.path("ContinuousParameterRanges")) {
      b.guard(() -> b.range(new ParameterRange.Continuous(r.path("Name").asText(), parseDouble(r, "MinValue"),
          parseDouble(r, "MaxValue"), Scaling.parse(r.path("ScalingType").asText("Auto")))));
    }
    for (JsonNode r : ranges.path("CategoricalParameterRanges")) {
      List<String> values = new ArrayList<>();
      r.path("Values").forEach(v -> values.add(v.asText()));
      b.range(new ParameterRange.Categorical(r.path("Name").asText(), values));
    }
    String es = cfg.path("TrainingJobEarlyStoppingType").asText("Off");
    if (es.equalsIgnoreCase("Auto")) {
      b.earlyStopping(true);
    } else if (!es.equalsIgnoreCase("Off")) {
      b.problems.add("TrainingJobEarlyStoppingType must be Off or Auto, got \"" + es + "\"");
    }
    JsonNode hb = cfg.path("StrategyConfig").path("HyperbandStrategyConfig");
    if (!hb.isMissingNode()) {
      b.hyperband(intField(hb, "MinResource", 1, b.problems), intField(hb, "MaxResource", 0, b.problems));
    }
    JsonNode target = cfg.path("TuningJobCompletionCriteria").path("TargetObjectiveMetricValue");
    if (!target.isMissingNode()) {
      b.target(target.asDouble());
    }
    if (cfg.has("RandomSeed")) {
      b.randomSeed(intField(cfg, "RandomSeed", 0, b.problems));
    }
    JsonNode def = root.path("TrainingJobDefinition");
    JsonNode spec = def.path("AlgorithmSpecification");
    if (spec.hasNonNull("AlgorithmName")) {
      b.algorithm(spec.get("AlgorithmName").asText());
    } else if (spec.hasNonNull("TrainingImage")) {
      b.algorithm(algorithmOfImage(spec.get("TrainingImage").asText()));
    }
    Map<String, String> statics = new LinkedHashMap<>();
    def.path("StaticHyperParameters").properties().forEach(e -> statics.put(e.getKey(), e.getValue().asText()));
    b.staticHyperParameters(statics);
    if (b.algorithm != null) {
      // The names are checked here too, so that a job with other problems (an inverted range) lists these with
      // them instead of only after those are fixed; ranges whose own construction failed count as well.
      List<String> rangeNames = new ArrayList<>();
      for (String kind : List.of("IntegerParameterRanges", "ContinuousParameterRanges",
          "CategoricalParameterRanges")) {
        ranges.path(kind).forEach(r -> rangeNames.add(r.path("Name").asText()));
      }
      String metric = obj == null ? "" : obj.path("MetricName").asText("");
      dev.sagemill.core.estimator.Algorithms.find(b.algorithm).ifPresent(provider -> b.problems.addAll(
          AlgorithmTraining.nameProblems(provider, statics.keySet(), rangeNames, metric)));
    }
    JsonNode ws = root.path("WarmStartConfig");
    if (!ws.isMissingNode()) {
      List<Path> parents = new ArrayList<>();
      for (JsonNode p : ws.path("ParentHyperParameterTuningJobs")) {
        parents.add(baseDir.resolve(p.path("HyperParameterTuningJobName").asText()));
      }
      b.guard(() -> b.warmStart(new WarmStart(parents, WarmStartType.parse(ws.path("WarmStartType")
          .asText("IdenticalDataAndAlgorithm")))));
    }
    return b.build();
  }

  /**
   * Reads {@link #fromJson(JsonNode, Path)} from a file; parent folders resolve against the file's folder.
   *
   * @param file the JSON file
   * @return the job
   * @throws IOException if the file cannot be read or is not JSON
   * @throws InvalidTuningJobException listing every problem
   */
  public static TuningJobConfig read(Path file) throws IOException {
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new IOException(file + ": not a JSON tuning job: " + e.getMessage(), e);
    }
    Path dir = file.toAbsolutePath().getParent();
    return fromJson(root, dir);
  }

  /** @return this job as a {@code CreateHyperParameterTuningJob} request, which {@link #fromJson} reads back */
  public ObjectNode toJson() {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode cfg = root.putObject("HyperParameterTuningJobConfig");
    cfg.put("Strategy", strategy.sageMakerName());
    cfg.putObject("HyperParameterTuningJobObjective").put("Type", objective.type())
        .put("MetricName", objective.metricName());
    ObjectNode limits = cfg.putObject("ResourceLimits").put("MaxNumberOfTrainingJobs", maxJobs)
        .put("MaxParallelTrainingJobs", maxParallel);
    if (maxRuntimeSeconds > 0) {
      limits.put("MaxRuntimeInSeconds", maxRuntimeSeconds);
    }
    ObjectNode ranges = cfg.putObject("ParameterRanges");
    for (ParameterRange r : space.ranges()) {
      if (r instanceof ParameterRange.Integral i) {
        ranges.withArray("IntegerParameterRanges").addObject().put("Name", i.name())
            .put("MinValue", Long.toString(i.min())).put("MaxValue", Long.toString(i.max()))
            .put("ScalingType", i.scaling().sageMakerName());
      } else if (r instanceof ParameterRange.Continuous c) {
        ranges.withArray("ContinuousParameterRanges").addObject().put("Name", c.name())
            .put("MinValue", Double.toString(c.min())).put("MaxValue", Double.toString(c.max()))
            .put("ScalingType", c.scaling().sageMakerName());
      } else {
        ParameterRange.Categorical c = (ParameterRange.Categorical) r;
        ArrayNode values = ranges.withArray("CategoricalParameterRanges").addObject().put("Name", c.name())
            .putArray("Values");
        c.values().forEach(values::add);
      }
    }
    cfg.put("TrainingJobEarlyStoppingType", earlyStopping ? "Auto" : "Off");
    if (strategy == Strategy.HYPERBAND) {
      cfg.putObject("StrategyConfig").putObject("HyperbandStrategyConfig").put("MinResource", minResource)
          .put("MaxResource", maxResource);
    }
    if (target != null) {
      cfg.putObject("TuningJobCompletionCriteria").put("TargetObjectiveMetricValue", target);
    }
    cfg.put("RandomSeed", randomSeed);
    ObjectNode def = root.putObject("TrainingJobDefinition");
    if (algorithm != null) {
      def.putObject("AlgorithmSpecification").put("AlgorithmName", algorithm);
    }
    ObjectNode statics = def.putObject("StaticHyperParameters");
    staticHyperParameters.forEach(statics::put);
    if (warmStart != null) {
      ObjectNode ws = root.putObject("WarmStartConfig");
      ArrayNode parents = ws.putArray("ParentHyperParameterTuningJobs");
      warmStart.parents().forEach(p -> parents.addObject().put("HyperParameterTuningJobName", p.toString()));
      ws.put("WarmStartType", warmStart.type().sageMakerName());
    }
    return root;
  }

  /** The algorithm of a SageMaker image URI: its repository name without a {@code sagemaker-} prefix. */
  static String algorithmOfImage(String image) {
    String repo = image.substring(image.lastIndexOf('/') + 1);
    int colon = repo.indexOf(':');
    if (colon >= 0) {
      repo = repo.substring(0, colon);
    }
    int at = repo.indexOf('@');
    if (at >= 0) {
      repo = repo.substring(0, at);
    }
    return repo.startsWith("sagemaker-") ? repo.substring("sagemaker-".length()) : repo;
  }

  private static void unknownKeys(JsonNode node, String where, List<String> problems, String... known) {
    Set<String> ok = Set.of(known);
    for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
      String k = it.next();
      if (!ok.contains(k)) {
        problems.add(where + ": unknown field \"" + k + "\"");
      }
    }
  }

  private static int intField(JsonNode node, String name, int absent, List<String> problems) {
    JsonNode v = node.get(name);
    if (v == null || v.isNull()) {
      return absent;
    }
    try {
      return Integer.parseInt(v.asText().trim());
    } catch (NumberFormatException e) {
      problems.add(name + " must be an integer, got \"" + v.asText() + "\"");
      return absent;
    }
  }

  private static long parseLong(JsonNode r, String field) {
    String s = r.path(field).asText("");
    try {
      return Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("integer range " + r.path("Name").asText() + ": " + field
          + " must be an integer, got \"" + s + "\"");
    }
  }

  private static double parseDouble(JsonNode r, String field) {
    String s = r.path(field).asText("");
    try {
      return Double.parseDouble(s.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("continuous range " + r.path("Name").asText() + ": " + field
          + " must be a number, got \"" + s + "\"");
    }
  }

  @Override
  public String toString() {
    return toJson().toString();
  }

  /** Builds a {@link TuningJobConfig}. Not thread-safe. */
  public static final class Builder {
    private final List<String> problems = new ArrayList<>();
    private Strategy strategy = Strategy.BAYESIAN;
    private TuningObjective objective;
    private final List<ParameterRange> ranges = new ArrayList<>();
    /** {@code MaxNumberOfTrainingJobs} not given (0 is given, and refused). */
    static final int UNSET = Integer.MIN_VALUE;

    private int maxJobs = UNSET;
    private int maxParallel = 1;
    private long maxRuntimeSeconds;
    private boolean earlyStopping;
    private int minResource = 1;
    private int maxResource;
    private Double target;
    private long randomSeed;
    private String algorithm;
    private final Map<String, String> staticHyperParameters = new LinkedHashMap<>();
    private WarmStart warmStart;

    private Builder() {}

    private void guard(Runnable r) {
      try {
        r.run();
      } catch (IllegalArgumentException e) {
        problems.add(e.getMessage());
      }
    }

    /**
     * @param s the strategy
     * @return this builder
     */
    public Builder strategy(Strategy s) {
      this.strategy = Objects.requireNonNull(s, "strategy");
      return this;
    }

    /**
     * @param o the objective
     * @return this builder
     */
    public Builder objective(TuningObjective o) {
      this.objective = o;
      return this;
    }

    /**
     * @param r a range to search
     * @return this builder
     */
    public Builder range(ParameterRange r) {
      ranges.add(Objects.requireNonNull(r, "range"));
      return this;
    }

    /**
     * @param n {@code MaxNumberOfTrainingJobs} (Grid: leave unset or give the number of combinations)
     * @param parallel {@code MaxParallelTrainingJobs}
     * @return this builder
     */
    public Builder limits(int n, int parallel) {
      this.maxJobs = n;
      this.maxParallel = parallel;
      return this;
    }

    /**
     * @param seconds {@code MaxRuntimeInSeconds}
     * @return this builder
     */
    public Builder maxRuntimeSeconds(long seconds) {
      this.maxRuntimeSeconds = seconds;
      return this;
    }

    /**
     * @param auto true for {@code TrainingJobEarlyStoppingType=Auto}
     * @return this builder
     */
    public Builder earlyStopping(boolean auto) {
      this.earlyStopping = auto;
      return this;
    }

    /**
     * @param min {@code MinResource}
     * @param max {@code MaxResource}
     * @return this builder
     */
    public Builder hyperband(int min, int max) {
      this.minResource = min;
      this.maxResource = max;
      return this;
    }

    /**
     * @param value {@code TargetObjectiveMetricValue}
     * @return this builder
     */
    public Builder target(double value) {
      this.target = value;
      return this;
    }

    /**
     * @param seed {@code RandomSeed}
     * @return this builder
     */
    public Builder randomSeed(long seed) {
      this.randomSeed = seed;
      return this;
    }

    /**
     * @param name the algorithm's registered name
     * @return this builder
     */
    public Builder algorithm(String name) {
      this.algorithm = name == null ? null : name.trim().toLowerCase(Locale.ROOT);
      return this;
    }

    /**
     * @param values {@code StaticHyperParameters}
     * @return this builder
     */
    public Builder staticHyperParameters(Map<String, String> values) {
      staticHyperParameters.putAll(values);
      return this;
    }

    /**
     * @param ws {@code WarmStartConfig}
     * @return this builder
     */
    public Builder warmStart(WarmStart ws) {
      this.warmStart = ws;
      return this;
    }

    /**
     * @return the job
     * @throws InvalidTuningJobException listing every problem
     */
    public TuningJobConfig build() {
      return new TuningJobConfig(this);
    }
  }
}
