package dev.sagemill.io.recordio;

import dev.sagemill.core.data.RowBatch;
import dev.sagemill.io.recordio.proto.RecordProtos;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/**
 * Writes rows as SageMaker's Python SDK does with float32 arrays ({@code write_numpy_to_dense_tensor} and
 * {@code write_spmatrix_to_sparse_tensor}): one record per row, {@code features["values"]} a Float32 tensor (with
 * {@code keys} and {@code shape=[feature_dim]} when sparse), {@code label["values"]} a one-value Float32 tensor when
 * the row is labelled. Also writes inference answers as SageMaker's algorithms do: named Float32 tensors in
 * {@code label}.
 *
 * <p>Not thread-safe.
 */
public final class RecordIoProtobufWriter {
  private final RecordIoWriter out;

  /**
   * @param out where to write (not closed by this writer)
   */
  public RecordIoProtobufWriter(OutputStream out) {
    this.out = new RecordIoWriter(out);
  }

  /**
   * Writes every row of a batch.
   *
   * @param batch the rows
   * @throws IOException on failure
   */
  public void write(RowBatch batch) throws IOException {
    for (int r = 0; r < batch.rows(); r++) {
      RecordProtos.Float32Tensor.Builder f = RecordProtos.Float32Tensor.newBuilder();
      if (batch.isSparse()) {
        int[] ptr = batch.rowPointers();
        for (int k = ptr[r]; k < ptr[r + 1]; k++) {
          f.addValues(batch.sparseValues()[k]);
          f.addKeys(batch.indices()[k]);
        }
        f.addShape(batch.featureDim());
      } else {
        float[] d = batch.denseValues();
        for (int j = 0; j < batch.featureDim(); j++) {
          f.addValues(d[r * batch.featureDim() + j]);
        }
      }
      RecordProtos.Record.Builder rec = RecordProtos.Record.newBuilder()
          .putFeatures(RecordIoProtobufDataSource.VALUES, RecordProtos.Value.newBuilder().setFloat32Tensor(f).build());
      if (batch.labelDim() > 0) {
        RecordProtos.Float32Tensor.Builder l = RecordProtos.Float32Tensor.newBuilder();
        for (int i = 0; i < batch.labelDim(); i++) {
          l.addValues(batch.labels()[r * batch.labelDim() + i]);
        }
        rec.putLabel(RecordIoProtobufDataSource.VALUES, RecordProtos.Value.newBuilder().setFloat32Tensor(l).build());
      }
      out.write(rec.build().toByteArray());
    }
  }

  /**
   * Writes one inference answer: each output becomes a Float32 tensor in the record's {@code label} map (a number
   * one value; a vector, or a list or map of numbers, its values flattened in order).
   *
   * @param outputs output name to a number, {@code double[]}, or list or map of those
   * @throws IOException on failure
   * @throws IllegalArgumentException if an output holds a string, which a Float32 tensor cannot carry
   */
  public void writeAnswer(Map<String, Object> outputs) throws IOException {
    RecordProtos.Record.Builder rec = RecordProtos.Record.newBuilder();
    outputs.forEach((k, v) -> {
      RecordProtos.Float32Tensor.Builder t = RecordProtos.Float32Tensor.newBuilder();
      addValues(k, v, t);
      rec.putLabel(k, RecordProtos.Value.newBuilder().setFloat32Tensor(t).build());
    });
    out.write(rec.build().toByteArray());
  }

  private static void addValues(String name, Object v, RecordProtos.Float32Tensor.Builder t) {
    if (v instanceof double[] a) {
      for (double x : a) {
        t.addValues((float) x);
      }
    } else if (v instanceof Number n) {
      t.addValues(n.floatValue());
    } else if (v instanceof java.util.List<?> l) {
      l.forEach(x -> addValues(name, x, t));
    } else if (v instanceof Map<?, ?> m) {
      m.values().forEach(x -> addValues(name, x, t));
    } else {
      throw new IllegalArgumentException("output " + name + " holds " + v + ", which a RecordIO-protobuf answer "
          + "(Float32 tensors) cannot carry; ask for application/json");
    }
  }
}
