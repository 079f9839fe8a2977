package dev.sagemill.algo.xgboost;

import dev.sagemill.algo.gbdt.internal.EvalMetric;
import dev.sagemill.core.estimator.AlgorithmProvider;
import dev.sagemill.core.estimator.AnswerRequest;
import dev.sagemill.core.estimator.Capability;
import dev.sagemill.core.estimator.Estimator;
import dev.sagemill.core.estimator.Model;
import dev.sagemill.core.io.ArtifactReader;
import dev.sagemill.core.listen.MetricLog;
import dev.sagemill.core.param.ParamSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Registers {@code xgboost} with {@link dev.sagemill.core.estimator.Algorithms}. As SageMaker's XGBoost container
 * does, a job given {@link #TUNING_OBJECTIVE_METRIC} (set by the tuner) also evaluates that metric, training logs
 * XGBoost's own evaluation lines ({@link XGBoostLog}), models answer SageMaker's selectable inference outputs, and the
 * {@code xgboost-model} that XGBoost writes (JSON or UBJSON) is read as a model.
 */
public final class XGBoostProvider implements AlgorithmProvider {
  @Override
  public String algorithmName() {
    return XGBoostParams.ALGORITHM;
  }

  @Override
  public ParamSpec spec() {
    return XGBoostParams.SPEC;
  }

  @Override
  public Estimator<?> create(Map<String, String> hyperparameters) {
    return new XGBoostEstimator(XGBoostParams.parse(withTuningObjective(hyperparameters)));
  }

  @Override
  public Set<Capability> capabilities() {
    return EnumSet.of(Capability.CONTINUABLE, Capability.EXPLAINABLE, Capability.SELECTABLE_OUTPUTS);
  }

  @Override
  public MetricLog metricLog() {
    return new XGBoostLog();
  }

  /** Selected outputs as SageMaker's {@code SAGEMAKER_INFERENCE_OUTPUT}, plus SHAP's {@code contributions}. */
  @Override
  public Model answering(Model model, AnswerRequest request) {
    AlgorithmProvider.super.answering(model, new AnswerRequest(List.of(), request.acceptParameters()));
    return request.outputs().isEmpty() ? model : ((XGBoostModel) model).answering(request.outputs());
  }

  @Override
  public List<ArtifactReader> artifactReaders() {
    return List.of(new ArtifactReader() {
      @Override
      public List<String> fileNames() {
        return List.of(XGBoostJson.SAGEMAKER_ARTIFACT);
      }

      @Override
      public boolean accepts(Path file, byte[] head) {
        return head.length > 0 && head[0] == '{'; // a JSON object, or UBJSON's object marker
      }

      @Override
      public Model read(Path file) throws IOException {
        return XGBoostJson.read(file);
      }
    });
  }

  @Override
  public Set<String> tuningMetrics() {
    Set<String> out = new TreeSet<>();
    for (String m : EvalMetric.XGBOOST_NAMES) {
      out.add("train:" + m);
      out.add("validation:" + m);
    }
    return out;
  }

  @Override
  public Optional<String> resourceHyperparameter() {
    return Optional.of("num_round");
  }

  /** Appends the tuner's objective metric to {@code eval_metric} unless it is already there. */
  private static Map<String, String> withTuningObjective(Map<String, String> hyperparameters) {
    String objective = hyperparameters.get(TUNING_OBJECTIVE_METRIC);
    if (objective == null || objective.indexOf(':') < 0) {
      return hyperparameters;
    }
    String metric = objective.substring(objective.indexOf(':') + 1).trim();
    String current = hyperparameters.get("eval_metric");
    if (current != null && Arrays.stream(current.split(",")).map(String::trim).anyMatch(metric::equals)) {
      return hyperparameters;
    }
    Map<String, String> out = new HashMap<>(hyperparameters);
    out.put("eval_metric", current == null || current.isBlank() ? metric : current + "," + metric);
    return out;
  }
}
