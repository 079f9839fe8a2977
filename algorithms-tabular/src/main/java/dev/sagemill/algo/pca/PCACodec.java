package dev.sagemill.algo.pca;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.sagemill.core.io.ModelReader;
import dev.sagemill.core.io.ModelWriter;
import dev.sagemill.core.io.VersionedCodec;
import java.io.IOException;

/**
 * Persists {@link PCAModel}s. Format {@code sagemill.pca}, version 1: {@code v} (float64, {@code feature_dim ×
 * num_components} row-major, ascending singular value), {@code s} (float64), {@code mean} (float64, present when the
 * model centers) and {@code model.json} ({@code num_components}, {@code total_variance}, null when unknown).
 */
public final class PCACodec extends VersionedCodec<PCAModel> {
  /** The codec of {@link PCAModel}. */
  public PCACodec() {
    super("sagemill.pca", 1, 1, PCAModel.class);
  }

  @Override
  public void write(PCAModel m, ModelWriter out) {
    out.putDoubles("v", m.components());
    out.putDoubles("s", m.singularValues());
    if (m.mean() != null) {
      out.putDoubles("mean", m.mean());
    }
    var json = JsonNodeFactory.instance.objectNode().put("num_components", m.numComponents());
    if (Double.isNaN(m.totalVariance())) {
      json.putNull("total_variance");
    } else {
      json.put("total_variance", m.totalVariance());
    }
    out.putJson("model.json", json);
  }

  @Override
  public PCAModel read(ModelReader in, int version) throws IOException {
    var json = in.json("model.json");
    double[] v = in.doubles("v");
    double[] s = in.doubles("s");
    double[] mean = in.has("mean") ? in.doubles("mean") : null;
    int d = in.schema().featureDim();
    in.require(s.length == json.path("num_components").asInt(-1) && v.length == (long) d * s.length
        && (mean == null || mean.length == d), "v holds " + v.length + " values, s " + s.length + " and mean "
        + (mean == null ? "none" : mean.length) + " for " + d + " features");
    double total = json.path("total_variance").isNumber() ? json.path("total_variance").asDouble() : Double.NaN;
    try {
      return new PCAModel(v, s, mean, total, in.schema(), in.card());
    } catch (IllegalArgumentException e) {
      throw new dev.sagemill.core.io.CorruptModelException(e.getMessage());
    }
  }
}
