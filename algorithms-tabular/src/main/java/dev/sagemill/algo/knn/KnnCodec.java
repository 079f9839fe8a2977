package dev.sagemill.algo.knn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sagemill.core.io.ModelReader;
import dev.sagemill.core.io.ModelWriter;
import dev.sagemill.core.io.VersionedCodec;
import java.io.IOException;

/**
 * Persists {@link KnnModel}s. Format {@code sagemill.knn}, version 1: {@code vectors} (float32, the indexed rows after
 * reduction, {@code rows × dim}), {@code labels} (float32), {@code reduction.matrix} / {@code reduction.sampled}
 * (the sign matrix, or fjlt's signs and sampled coordinates), for IVF indexes {@code centroids} (float32) and
 * {@code list_of} (int32, each row's list), for IVFPQ {@code pq.codebooks} (float32; the codes are recomputed on
 * load, encoding being deterministic), and {@code model.json} (k, predictor_type, index_type, index_metric, the
 * reduction's type and dimensions, nprobe, pq_m, pq_ksub).
 */
public final class KnnCodec extends VersionedCodec<KnnModel> {
  /** The codec of {@link KnnModel}. */
  public KnnCodec() {
    super("sagemill.knn", 1, 1, KnnModel.class);
  }

  @Override
  public void write(KnnModel m, ModelWriter out) {
    KnnIndex index = m.index;
    out.putFloats("vectors", index.vectors());
    out.putFloats("labels", m.labels);
    out.putFloats("reduction.matrix", m.reduction.matrix);
    out.putInts("reduction.sampled", m.reduction.sampled);
    ObjectNode json = JsonNodeFactory.instance.objectNode().put("k", m.k)
        .put("predictor_type", m.classifier ? "classifier" : "regressor").put("index_type", m.indexType)
        .put("index_metric", index.metric.name()).put("reduction", m.reduction.type)
        .put("reduction_in", m.reduction.in).put("reduction_out", m.reduction.out).put("nprobe", index.nprobe);
    if (index.centroids != null) {
      out.putFloats("centroids", index.centroids);
      out.putInts("list_of", index.listOf);
    }
    if (index.pq != null) {
      out.putFloats("pq.codebooks", index.pq.codebooks);
      json.put("pq_m", index.pq.m).put("pq_ksub", index.pq.ksub);
    }
    out.putJson("model.json", json);
  }

  @Override
  public KnnModel read(ModelReader in, int version) throws IOException {
    JsonNode j = in.json("model.json");
    int k = j.path("k").asInt(-1);
    Metric metric;
    try {
      metric = Metric.valueOf(j.path("index_metric").asText());
    } catch (IllegalArgumentException e) {
      throw new dev.sagemill.core.io.CorruptModelException("unknown index_metric " + j.path("index_metric"));
    }
    int dimIn = j.path("reduction_in").asInt(-1);
    int dim = j.path("reduction_out").asInt(-1);
    float[] v = in.floats("vectors");
    float[] labels = in.floats("labels");
    int n = labels.length;
    in.require(dimIn == in.schema().featureDim() && dim >= 1 && v.length == (long) n * dim && k >= 1 && k <= n,
        "vectors hold " + v.length + " values for " + n + " labels of dimension " + dim + ", k = " + k);
    Reduction reduction = new Reduction(j.path("reduction").asText(), dimIn, dim, metric == Metric.COSINE,
        in.floats("reduction.matrix"), in.ints("reduction.sampled"));
    float[] centroids = in.has("centroids") ? in.floats("centroids") : null;
    int[] listOf = centroids == null ? new int[n] : in.ints("list_of");
    int lists = centroids == null ? 1 : centroids.length / dim;
    in.require(listOf.length == n && (centroids == null || centroids.length == lists * dim),
        "list_of holds " + listOf.length + " entries for " + n + " rows");
    for (int l : listOf) {
      in.require(l >= 0 && l < lists, "list " + l + " of " + lists);
    }
    ProductQuantizer pq = null;
    if (in.has("pq.codebooks")) {
      int m = j.path("pq_m").asInt(-1);
      int ksub = j.path("pq_ksub").asInt(-1);
      float[] books = in.floats("pq.codebooks");
      in.require(m >= 1 && dim % m == 0 && ksub >= 1 && ksub <= 256 && books.length == ksub * dim,
          "pq codebooks of " + books.length + " values for m = " + m + ", ksub = " + ksub);
      pq = new ProductQuantizer(dim, m, ksub, books);
    }
    KnnIndex index = KnnIndex.restore(metric, v, n, dim, centroids, listOf, Math.max(1, j.path("nprobe").asInt(1)),
        pq, java.util.concurrent.ForkJoinPool.commonPool());
    return new KnnModel(k, j.path("predictor_type").asText().equals("classifier"), reduction, index, labels,
        j.path("index_type").asText(), in.schema(), in.card(), false);
  }
}
