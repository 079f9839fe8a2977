package dev.sagemill.algo.linear;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sagemill.core.io.CorruptModelException;
import dev.sagemill.core.io.ModelReader;
import dev.sagemill.core.io.ModelWriter;
import dev.sagemill.core.io.VersionedCodec;
import java.io.IOException;

/**
 * Persists {@link LinearLearnerModel}s. Format {@code sagemill.linear-learner}, version 1: entries {@code weights}
 * (float64, outputs × feature_dim, row-major, raw feature space), {@code bias} (float64, one per output) and
 * {@code model.json} ({@code predictor_type}, {@code loss}, {@code threshold} as a string so NaN survives).
 */
public final class LinearLearnerCodec extends VersionedCodec<LinearLearnerModel> {
  /** The codec of {@link LinearLearnerModel}. */
  public LinearLearnerCodec() {
    super("sagemill.linear-learner", VERSION, 1, LinearLearnerModel.class);
  }
  /** The format version this codec writes. */
  public static final int VERSION = 1;

  @Override
  public void write(LinearLearnerModel m, ModelWriter out) {
    out.putDoubles("weights", m.weights());
    out.putDoubles("bias", m.bias());
    ObjectNode meta = JsonNodeFactory.instance.objectNode();
    meta.put("predictor_type", m.predictorType().value());
    meta.put("loss", m.loss().wireName());
    meta.put("threshold", Double.toString(m.threshold()));
    out.putJson("model.json", meta);
  }

  @Override
  public LinearLearnerModel read(ModelReader in, int version) throws IOException {
    JsonNode meta = in.json("model.json");
    PredictorType type;
    LinearLoss loss;
    double threshold;
    try {
      type = PredictorType.fromValue(meta.path("predictor_type").asText());
      loss = LinearLoss.fromWireName(meta.path("loss").asText());
      threshold = Double.parseDouble(meta.path("threshold").asText());
    } catch (IllegalArgumentException e) {
      throw new CorruptModelException("model.json: " + e.getMessage(), e);
    }
    double[] w = in.doubles("weights");
    double[] b = in.doubles("bias");
    int d = in.schema().featureDim();
    in.require(b.length >= 1 && (long) b.length * d == w.length, "weights has " + w.length + " values, expected "
        + b.length + " outputs × " + d + " features");
    return new LinearLearnerModel(type, loss, in.schema(), w, b, threshold, in.card());
  }
}
