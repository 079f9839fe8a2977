package dev.sagemill.algo.deepar;

import dev.sagemill.core.param.AlgorithmParams;
import dev.sagemill.core.param.Hyperparameters;
import dev.sagemill.core.param.ParamSpec;
import dev.sagemill.core.param.ParamType;
import dev.sagemill.core.param.ParamsBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * DeepAR's hyperparameters with SageMaker's names, defaults and ranges: {@code context_length},
 * {@code prediction_length}, {@code time_freq} and {@code epochs} required; {@code likelihood} student-T,
 * {@code num_cells} 40, {@code num_layers} 2, {@code dropout_rate} 0.1, {@code learning_rate} 1e-3,
 * {@code mini_batch_size} 128, {@code embedding_dimension} 10, {@code cardinality} and {@code num_dynamic_feat}
 * {@code auto}, {@code early_stopping_patience} unset, {@code num_eval_samples} 100, {@code test_quantiles}
 * [0.1, ..., 0.9]; {@code seed} is a sagemill addition. Immutable and thread-safe.
 */
public final class DeepArParams extends AlgorithmParams {
  /** The algorithm name. */
  public static final String ALGORITHM = "forecasting-deepar";
  /** SageMaker's default quantiles of the test metrics. */
  static final String DEFAULT_QUANTILES = "[0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]";

  /** The hyperparameter specification. */
  public static final ParamSpec SPEC = ParamSpec.builder(ALGORITHM)
      .requiredNumber("context_length", ParamType.INT, 1, 10_000,
          "Time points the network sees before it forecasts (lags reach further back).")
      .requiredNumber("prediction_length", ParamType.INT, 1, 10_000, "Time points forecast.")
      .requiredText("time_freq", "The series' frequency: [multiple]M, W, D, H or min, for example 5min or 2H.")
      .requiredNumber("epochs", ParamType.INT, 1, 100_000, "Most passes over the training data.")
      .choice("likelihood", List.of(Likelihood.names()), "student-T", false,
          "Noise model: student-T, gaussian, beta, negative-binomial or deterministic-L1.")
      .number("num_cells", ParamType.INT, 30, true, 200, true, "40", false, "Cells in each LSTM layer.")
      .number("num_layers", ParamType.INT, 1, true, 8, true, "2", false, "LSTM layers.")
      .number("dropout_rate", ParamType.DOUBLE, 0, true, 0.2, true, "0.1", false,
          "Dropout between LSTM layers while training.")
      .number("learning_rate", ParamType.DOUBLE, 1e-5, true, 1e-1, true, "1e-3", false, "Adam's step size.")
      .number("mini_batch_size", ParamType.INT, 32, true, 1028, true, "128", false, "Training windows per batch.")
      .number("embedding_dimension", ParamType.INT, 1, true, 50, true, "10", false,
          "Size of each categorical feature's learned embedding.")
      .text("cardinality", "auto", "Values of each cat feature: auto (from the data), ignore, or a list such as "
          + "[3, 10].")
      .text("num_dynamic_feat", "auto", "Dynamic features per series: auto (from the data), ignore, or a number.")
      .number("early_stopping_patience", ParamType.INT, 1, true, 100_000, true, null, false,
          "Epochs without a lower loss before training stops; unset trains every epoch.")
      .number("num_eval_samples", ParamType.INT, 1, true, 10_000, true, "100", false,
          "Sample paths per series when the test channel is scored.")
      .text("test_quantiles", DEFAULT_QUANTILES, "Quantile levels of the test channel's quantile losses.")
      .number("seed", ParamType.LONG, Double.NEGATIVE_INFINITY, true, Double.POSITIVE_INFINITY, true, "0", false,
          "Seed of the window sampling, dropout and sample paths (sagemill addition).")
      .crossCheck(DeepArParams::check)
      .build();

  private DeepArParams(Hyperparameters values) {
    super(values);
  }

  private static void check(Map<String, Object> v, List<String> problems) {
    if (v.get("time_freq") != null) {
      try {
        TimeFrequency.parse((String) v.get("time_freq"));
      } catch (IllegalArgumentException e) {
        problems.add(e.getMessage());
      }
    }
    collect(problems, () -> cardinality((String) v.get("cardinality")));
    collect(problems, () -> dynamicFeatures((String) v.get("num_dynamic_feat")));
    collect(problems, () -> quantiles((String) v.get("test_quantiles")));
  }

  private static void collect(List<String> problems, Runnable parse) {
    try {
      parse.run();
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
    }
  }

  /**
   * @param hyperparameters the string map of {@code hyperparameters.json}
   * @return the parameters
   * @throws dev.sagemill.core.error.InvalidHyperparametersException listing every problem
   */
  public static DeepArParams parse(Map<String, String> hyperparameters) {
    return new DeepArParams(SPEC.parse(hyperparameters));
  }

  /**
   * @param contextLength context_length
   * @param predictionLength prediction_length
   * @param timeFreq time_freq
   * @param epochs epochs
   * @return a builder with the required values set
   */
  public static Builder builder(int contextLength, int predictionLength, String timeFreq, int epochs) {
    return new Builder().set("context_length", Integer.toString(contextLength))
        .set("prediction_length", Integer.toString(predictionLength)).set("time_freq", timeFreq)
        .set("epochs", Integer.toString(epochs));
  }

  int contextLength() {
    return values().getInt("context_length");
  }

  int predictionLength() {
    return values().getInt("prediction_length");
  }

  TimeFrequency frequency() {
    return TimeFrequency.parse(values().getString("time_freq"));
  }

  Likelihood likelihood() {
    return Likelihood.of(values().getString("likelihood"));
  }

  /** @return the given cardinalities, empty for auto, null for ignore */
  Cardinality cardinality() {
    return cardinality(values().getString("cardinality"));
  }

  /** @return the dynamic features wanted: -1 for auto, -2 for ignore, else the count */
  int dynamicFeatures() {
    return dynamicFeatures(values().getString("num_dynamic_feat"));
  }

  double[] testQuantiles() {
    return quantiles(values().getString("test_quantiles"));
  }

  OptionalInt patience() {
    return values().isSet("early_stopping_patience") ? OptionalInt.of(values().getInt("early_stopping_patience"))
        : OptionalInt.empty();
  }

  /** What {@code cardinality} says: from the data, ignored, or given. */
  record Cardinality(boolean auto, boolean ignore, int[] given) {}

  static Cardinality cardinality(String s) {
    String t = s.trim();
    if (t.equalsIgnoreCase("auto")) {
      return new Cardinality(true, false, new int[0]);
    }
    if (t.equalsIgnoreCase("ignore") || t.equals("[]") || t.equals("")) {
      return new Cardinality(false, true, new int[0]);
    }
    double[] v = list("cardinality", t);
    int[] out = new int[v.length];
    for (int i = 0; i < v.length; i++) {
      if (v[i] != Math.rint(v[i]) || v[i] < 1 || v[i] > 100_000_000) {
        throw new IllegalArgumentException("cardinality must be auto, ignore or a list of positive integers, got "
            + s);
      }
      out[i] = (int) v[i];
    }
    return new Cardinality(false, false, out);
  }

  static int dynamicFeatures(String s) {
    String t = s.trim();
    if (t.equalsIgnoreCase("auto")) {
      return -1;
    }
    if (t.equalsIgnoreCase("ignore")) {
      return -2;
    }
    try {
      int n = Integer.parseInt(t);
      if (n >= 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("num_dynamic_feat must be auto, ignore or a non-negative integer, got " + s);
  }

  static double[] quantiles(String s) {
    double[] q = list("test_quantiles", s.trim());
    if (q.length == 0) {
      throw new IllegalArgumentException("test_quantiles must list at least one level, got " + s);
    }
    for (double x : q) {
      if (!(x > 0 && x < 1)) {
        throw new IllegalArgumentException("test_quantiles must lie in (0, 1), got " + s);
      }
    }
    return q;
  }

  private static double[] list(String name, String t) {
    if (!t.startsWith("[") || !t.endsWith("]")) {
      throw new IllegalArgumentException(name + " must be a list such as [1, 2], got " + t);
    }
    String body = t.substring(1, t.length() - 1).trim();
    if (body.isEmpty()) {
      return new double[0];
    }
    List<Double> out = new ArrayList<>();
    for (String part : body.split(",")) {
      String p = part.trim().replace("\"", "");
      try {
        out.add(Double.parseDouble(p));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(name + " must be a list of numbers, got " + t + " (\"" + p + "\")");
      }
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** A typed builder; optional hyperparameters are set by name. */
  public static final class Builder extends ParamsBuilder<DeepArParams, Builder> {
    private Builder() {
      super(DeepArParams::parse);
    }
  }
}
