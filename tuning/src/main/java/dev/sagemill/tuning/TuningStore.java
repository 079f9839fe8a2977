package dev.sagemill.tuning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sagemill.core.estimator.Model;
import dev.sagemill.core.io.AtomicFiles;
import dev.sagemill.core.io.ModelIO;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A tuning job's results folder, rewritten atomically after every job so a stopped tuning job leaves consistent
 * results and a later one can warm-start from them:
 * <ul>
 *   <li>{@code tuning-job.json}: the job as a {@code CreateHyperParameterTuningJob} request, plus
 *       {@code "sagemill": {"format": "sagemill.tuning-job", "version": 1}};</li>
 *   <li>{@code trials.json}: the leaderboard as JSON: every job, best first (rank, id, hyperparameters, status,
 *       objective, per-iteration objective curve, final metrics, iterations, seconds, failure reason);</li>
 *   <li>{@code leaderboard.csv}: the same, one row per job, searched hyperparameters as columns;</li>
 *   <li>{@code best/model.sagemill}: the best job's model, ready for {@code predict --model-dir best}.</li>
 * </ul>
 */
public final class TuningStore {
  static final String JOB_FILE = "tuning-job.json";
  /** The leaderboard file of a tuning job's folder. */
  public static final String TRIALS_FILE = "trials.json";
  static final String LEADERBOARD_FILE = "leaderboard.csv";
  static final String FORMAT = "sagemill.tuning-job";
  static final int VERSION = 1;
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path dir;
  private final TuningJobConfig config;

  private TuningStore(Path dir, TuningJobConfig config) {
    this.dir = dir;
    this.config = config;
  }

  /** Creates the folder and writes {@code tuning-job.json}. */
  static TuningStore create(Path dir, TuningJobConfig config) throws IOException {
    Files.createDirectories(dir);
    ObjectNode job = config.toJson();
    job.putObject("sagemill").put("format", FORMAT).put("version", VERSION);
    byte[] bytes = JSON.writeValueAsBytes(job);
    AtomicFiles.write(dir.resolve(JOB_FILE), out -> out.write(bytes));
    return new TuningStore(dir, config);
  }

  /** Rewrites {@code trials.json} and {@code leaderboard.csv}. */
  void saveTrials(List<Trial> board) throws IOException {
    ObjectNode root = JSON.createObjectNode().put("format", "sagemill.tuning-trials").put("version", VERSION);
    root.put("objective", config.objective().metricName()).put("type", config.objective().type());
    ArrayNode arr = root.putArray("trials");
    int rank = 1;
    for (Trial t : board) {
      ObjectNode o = arr.addObject().put("rank", rank++).put("id", t.id()).put("status", t.status().sageMakerName());
      ObjectNode h = o.putObject("hyperparameters");
      t.hyperparameters().forEach(h::put);
      if (t.hasObjective()) {
        o.put("objective", t.objective());
      } else {
        o.putNull("objective");
      }
      ArrayNode c = o.putArray("curve");
      t.curve().forEach(c::add);
      ObjectNode m = o.putObject("metrics");
      t.metrics().forEach(m::put);
      o.put("resource", t.resource()).put("seconds", t.seconds()).put("failure_reason", t.failureReason());
    }
    byte[] bytes = JSON.writeValueAsBytes(root);
    AtomicFiles.write(dir.resolve(TRIALS_FILE), out -> out.write(bytes));
    byte[] csv = csv(board).getBytes(StandardCharsets.UTF_8);
    AtomicFiles.write(dir.resolve(LEADERBOARD_FILE), out -> out.write(csv));
  }

  /** The leaderboard as CSV: rank, job, status, objective, iterations, seconds, each range, failure reason. */
  static String csv(List<Trial> board) {
    Set<String> names = new LinkedHashSet<>();
    board.forEach(t -> names.addAll(t.hyperparameters().keySet()));
    StringBuilder sb = new StringBuilder("rank,trial,status,objective,resource,seconds");
    names.forEach(n -> sb.append(',').append(quote(n)));
    sb.append(",failure_reason\n");
    int rank = 1;
    for (Trial t : board) {
      sb.append(rank++).append(',').append(t.id()).append(',').append(t.status().sageMakerName()).append(',')
          .append(t.hasObjective() ? Double.toString(t.objective()) : "").append(',').append(t.resource())
          .append(',').append(String.format(java.util.Locale.ROOT, "%.3f", t.seconds()));
      for (String n : names) {
        sb.append(',').append(quote(t.hyperparameters().getOrDefault(n, "")));
      }
      sb.append(',').append(quote(t.failureReason())).append('\n');
    }
    return sb.toString();
  }

  private static String quote(String s) {
    return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }

  /** Saves the best model to {@code best/model.sagemill}. */
  void saveBestModel(Model model) throws IOException {
    Files.createDirectories(dir.resolve("best"));
    ModelIO.save(model, dir.resolve("best").resolve("model.sagemill"));
  }

  /**
   * A finished (or stopped) tuning job read back.
   *
   * @param dir its folder
   * @param config its configuration
   * @param trials its jobs, best first (as {@code trials.json} holds them)
   */
  public record Saved(Path dir, TuningJobConfig config, List<Trial> trials) {}

  /**
   * Reads a tuning job's folder.
   *
   * @param dir the folder
   * @return the job and its trials
   * @throws IllegalArgumentException if the folder is missing or is not a tuning job's results, naming it
   * @throws IOException if reading fails
   */
  public static Saved read(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("warm-start parent " + dir + " does not exist (or is not a folder)");
    }
    Path job = dir.resolve(JOB_FILE);
    Path trialsFile = dir.resolve(TRIALS_FILE);
    if (!Files.exists(job) || !Files.exists(trialsFile)) {
      throw new IllegalArgumentException("warm-start parent " + dir + " is not a tuning job's folder: it has no "
          + JOB_FILE + " and " + TRIALS_FILE);
    }
    JsonNode root = JSON.readTree(job.toFile());
    if (!FORMAT.equals(root.path("sagemill").path("format").asText())) {
      throw new IllegalArgumentException(job + " is not a sagemill tuning job (format \""
          + root.path("sagemill").path("format").asText() + "\")");
    }
    int version = root.path("sagemill").path("version").asInt();
    if (version > VERSION) {
      throw new IllegalArgumentException(job + " was written by a newer sagemill (tuning-job version " + version
          + "; this one reads up to " + VERSION + ")");
    }
    ObjectNode cfgOnly = root.deepCopy();
    cfgOnly.remove("sagemill");
    cfgOnly.remove("WarmStartConfig");
    TuningJobConfig config = TuningJobConfig.fromJson(cfgOnly, dir);
    List<Trial> trials = new ArrayList<>();
    for (JsonNode t : JSON.readTree(trialsFile.toFile()).path("trials")) {
      Map<String, String> hps = new LinkedHashMap<>();
      t.path("hyperparameters").properties().forEach(e -> hps.put(e.getKey(), e.getValue().asText()));
      List<Double> curve = new ArrayList<>();
      t.path("curve").forEach(v -> curve.add(v.asDouble()));
      Map<String, Double> metrics = new LinkedHashMap<>();
      t.path("metrics").properties().forEach(e -> metrics.put(e.getKey(), e.getValue().asDouble()));
      trials.add(new Trial(t.path("id").asInt(), hps, TrialStatus.parse(t.path("status").asText()),
          t.path("objective").isNumber() ? t.path("objective").asDouble() : Double.NaN, curve, metrics,
          t.path("resource").asInt(), t.path("seconds").asDouble(), t.path("failure_reason").asText("")));
    }
    return new Saved(dir, config, trials);
  }
}
