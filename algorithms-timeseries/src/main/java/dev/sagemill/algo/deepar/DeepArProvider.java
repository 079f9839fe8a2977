package dev.sagemill.algo.deepar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sagemill.core.data.SeriesBatch;
import dev.sagemill.core.estimator.AlgorithmProvider;
import dev.sagemill.core.estimator.AnswerRequest;
import dev.sagemill.core.estimator.ChannelSpec;
import dev.sagemill.core.estimator.Model;
import dev.sagemill.core.estimator.RecordEstimator;
import dev.sagemill.core.estimator.RequestFormat;
import dev.sagemill.core.param.ParamSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Registers {@code forecasting-deepar} (also found as {@code deepar}) with
 * {@link dev.sagemill.core.estimator.Algorithms}: SageMaker's {@code train} and optional {@code test} channels of
 * series in JSON Lines or Parquet, its {@code application/json} inference request, and its answer configuration
 * ({@code num_samples}, {@code output_types}, {@code quantiles}).
 */
public final class DeepArProvider implements AlgorithmProvider {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> OUTPUTS = List.of("mean", "quantiles", "samples");

  @Override
  public String algorithmName() {
    return DeepArParams.ALGORITHM;
  }

  @Override
  public Set<String> aliases() {
    return Set.of("deepar");
  }

  @Override
  public ParamSpec spec() {
    return DeepArParams.SPEC;
  }

  @Override
  public RecordEstimator<?, ?> create(Map<String, String> hyperparameters) {
    return new DeepArEstimator(DeepArParams.parse(hyperparameters));
  }

  @Override
  public Set<String> tuningMetrics() {
    return Set.of("test:RMSE", "test:mean_wQuantileLoss", "train:final_loss");
  }

  @Override
  public Optional<String> resourceHyperparameter() {
    return Optional.of("epochs");
  }

  @Override
  public List<ChannelSpec> channels() {
    List<String> types = List.of("application/jsonlines", "application/x-parquet");
    return List.of(new ChannelSpec("train", true, types, "time series, one per JSON line or Parquet row: start, "
        + "target, optional cat and dynamic_feat", SeriesBatch.class),
        new ChannelSpec(DeepArEstimator.TEST, false, types, "series whose last prediction_length points are "
            + "forecast from the rest and scored (test:RMSE, test:mean_wQuantileLoss)", SeriesBatch.class));
  }

  @Override
  public dev.sagemill.core.listen.MetricLog metricLog() {
    return new DeepArMetricLog();
  }

  @Override
  public Optional<RequestFormat> requestFormat() {
    return Optional.of(new DeepArRequests());
  }

  @Override
  public Model answering(Model model, AnswerRequest request) {
    Map<String, String> c = request.configuration();
    if (!request.outputs().isEmpty()) {
      throw new IllegalArgumentException("forecasting-deepar takes its outputs from the request's "
          + "configuration.output_types, not from selectable outputs; got " + request.outputs());
    }
    if (c.isEmpty()) {
      return model;
    }
    for (String key : c.keySet()) {
      if (!Set.of("num_samples", "output_types", "quantiles").contains(key)) {
        throw new IllegalArgumentException("configuration." + key + " is not a DeepAR setting; the settings are "
            + "num_samples, output_types and quantiles");
      }
    }
    DeepArModel m = (DeepArModel) model;
    int samples = m.params().values().getInt("num_eval_samples");
    if (c.containsKey("num_samples")) {
      try {
        samples = Integer.parseInt(c.get("num_samples").trim());
      } catch (NumberFormatException e) {
        samples = -1;
      }
      if (samples < 1 || samples > 10_000) {
        throw new IllegalArgumentException("configuration.num_samples must be an integer in [1, 10000], got "
            + c.get("num_samples"));
      }
    }
    List<String> outputs = c.containsKey("output_types") ? strings(c.get("output_types"), "output_types")
        : List.of("mean", "quantiles");
    for (String o : outputs) {
      if (!OUTPUTS.contains(o)) {
        throw new IllegalArgumentException("configuration.output_types holds \"" + o + "\"; DeepAR answers "
            + OUTPUTS);
      }
    }
    List<String> quantiles = c.containsKey("quantiles") ? strings(c.get("quantiles"), "quantiles")
        : m.answering(samples, outputs, List.of()).defaultQuantileKeys();
    for (String q : quantiles) {
      double v;
      try {
        v = Double.parseDouble(q);
      } catch (NumberFormatException e) {
        v = Double.NaN;
      }
      if (!(v >= 0 && v <= 1)) {
        throw new IllegalArgumentException("configuration.quantiles must hold levels in [0, 1], got \"" + q + "\"");
      }
    }
    return m.answering(samples, outputs, quantiles);
  }

  private static List<String> strings(String json, String name) {
    JsonNode n;
    try {
      n = JSON.readTree(json);
    } catch (java.io.IOException e) {
      n = null;
    }
    if (n == null || !n.isArray()) {
      throw new IllegalArgumentException("configuration." + name + " must be a list, got " + json);
    }
    List<String> out = new ArrayList<>();
    n.forEach(e -> out.add(e.asText()));
    return out;
  }
}
