package dev.sagemill.algo.fm;

import dev.sagemill.algo.fm.FactorizationMachinesParams.PredictorType;
import dev.sagemill.core.io.CorruptModelException;
import dev.sagemill.core.io.ModelReader;
import dev.sagemill.core.io.ModelWriter;
import dev.sagemill.core.io.VersionedCodec;
import java.io.IOException;

/**
 * Persists {@link FactorizationMachinesModel}s. Format {@code sagemill.factorization-machines}, version 1:
 * {@code w0} (float32, one value), {@code w} (float32, {@code feature_dim}), {@code v} (float32,
 * {@code feature_dim × num_factors} row-major) and {@code model.json} ({@code predictor_type}, {@code num_factors}).
 */
public final class FactorizationMachinesCodec extends VersionedCodec<FactorizationMachinesModel> {
  /** The codec of {@link FactorizationMachinesModel}. */
  public FactorizationMachinesCodec() {
    super("sagemill.factorization-machines", 1, 1, FactorizationMachinesModel.class);
  }

  @Override
  public void write(FactorizationMachinesModel m, ModelWriter out) {
    out.putFloats("w0", new float[] {m.bias()});
    out.putFloats("w", m.linearView());
    out.putFloats("v", m.factorsView());
    out.putJson("model.json", com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
        .put("predictor_type", m.predictorType().value()).put("num_factors", m.numFactors()));
  }

  @Override
  public FactorizationMachinesModel read(ModelReader in, int version) throws IOException {
    var json = in.json("model.json");
    String type = json.path("predictor_type").asText("");
    int k = json.path("num_factors").asInt(-1);
    in.require(type.equals("binary_classifier") || type.equals("regressor"), "predictor_type is \"" + type
        + "\", expected binary_classifier or regressor");
    float[] w0 = in.floats("w0");
    float[] w = in.floats("w");
    float[] v = in.floats("v");
    int d = in.schema().featureDim();
    in.require(w0.length == 1 && w.length == d && k > 0 && v.length == (long) d * k, "w0 holds " + w0.length
        + " values, w " + w.length + " and v " + v.length + " for " + d + " features x " + k + " factors");
    try {
      return new FactorizationMachinesModel(type.equals("binary_classifier") ? PredictorType.BINARY_CLASSIFIER
          : PredictorType.REGRESSOR, w0[0], w, v, in.schema(), in.card());
    } catch (IllegalArgumentException e) {
      throw new CorruptModelException(e.getMessage());
    }
  }
}
