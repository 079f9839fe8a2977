package dev.sagemill.algo.kmeans;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.sagemill.core.io.ModelReader;
import dev.sagemill.core.io.ModelWriter;
import dev.sagemill.core.io.VersionedCodec;
import java.io.IOException;

/**
 * Persists {@link KMeansModel}s. Format {@code sagemill.kmeans}, version 1: {@code centroids} (float32,
 * {@code k × feature_dim} row-major) and {@code model.json} ({@code k}).
 */
public final class KMeansCodec extends VersionedCodec<KMeansModel> {
  /** The codec of {@link KMeansModel}. */
  public KMeansCodec() {
    super("sagemill.kmeans", 1, 1, KMeansModel.class);
  }

  @Override
  public void write(KMeansModel m, ModelWriter out) {
    out.putFloats("centroids", m.centroids());
    out.putJson("model.json", JsonNodeFactory.instance.objectNode().put("k", m.k()));
  }

  @Override
  public KMeansModel read(ModelReader in, int version) throws IOException {
    int k = in.json("model.json").path("k").asInt(-1);
    float[] c = in.floats("centroids");
    int d = in.schema().featureDim();
    in.require(k >= 1 && c.length == (long) k * d, "centroids hold " + c.length + " values; k = " + k + " and "
        + d + " features need " + (long) k * d);
    for (float v : c) {
      in.require(Float.isFinite(v), "a centroid holds " + v);
    }
    return new KMeansModel(c, k, in.schema(), in.card());
  }
}
