package dev.sagemill.io.recordio;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.data.Schema;
import dev.sagemill.core.error.InvalidDataException;
import dev.sagemill.io.Channel;
import dev.sagemill.io.ContentType;
import dev.sagemill.io.FileSetSource;
import dev.sagemill.io.Inputs;
import dev.sagemill.io.RowParser;
import dev.sagemill.io.SparseRows;
import dev.sagemill.io.recordio.proto.RecordProtos;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * Streams an {@code application/x-recordio-protobuf} channel. Each record's {@code features["values"]} tensor is
 * one row (dense when it has no {@code keys}; sparse with {@code keys} and {@code shape=[dim]} otherwise) and its
 * {@code label["values"]} tensor, if any, the label. Float32, Float64 (rounded to float32) and Int32 tensors are
 * accepted, as SageMaker's algorithms accept them.
 *
 * <p>Thread-safe: passes are independent.
 */
public final class RecordIoProtobufDataSource extends FileSetSource {
  /** The feature and label key SageMaker's SDK writes and its algorithms read. */
  public static final String VALUES = "values";
  /** Default bound on one record: 64 MiB, far above any row SageMaker's SDK writes. */
  public static final int DEFAULT_MAX_RECORD_BYTES = 64 << 20;

  private final int maxRecordBytes;
  /** Set by {@link #inferSchema()}: batches are stored the way the first record is. */
  private volatile boolean firstRecordSparse;

  private RecordIoProtobufDataSource(Channel channel, int maxRecordBytes) {
    super(channel, ContentType.RECORDIO_PROTOBUF, null);
    this.maxRecordBytes = maxRecordBytes;
  }

  /**
   * A RecordIO-protobuf channel with the default record-size bound.
   *
   * @param channel the files
   * @return the source
   */
  public static RecordIoProtobufDataSource of(Channel channel) {
    return new RecordIoProtobufDataSource(channel, DEFAULT_MAX_RECORD_BYTES);
  }

  /**
   * A RecordIO-protobuf channel with an explicit record-size bound.
   *
   * @param channel the files
   * @param maxRecordBytes the largest record accepted
   * @return the source
   */
  public static RecordIoProtobufDataSource of(Channel channel, int maxRecordBytes) {
    return new RecordIoProtobufDataSource(channel, maxRecordBytes);
  }

  /** A decoded tensor: values as floats, keys (sparse) and shape. */
  private static final class Tensor {
    float[] values = new float[0];
    int count;
    long[] keys = new long[0];
    int keyCount;
    long[] shape = new long[0];
  }

  private static RecordProtos.Record parse(byte[] payload, RecordIoReader r, String name) {
    try {
      return RecordProtos.Record.parseFrom(payload);
    } catch (InvalidProtocolBufferException e) {
      throw new InvalidDataException(name, "record", r.recordNumber(), "payload is not an aialgs.data.Record"
          + " protobuf message: " + e.getMessage());
    }
  }

  private static void decode(RecordProtos.Value v, Tensor t, String what, String name, long record) {
    switch (v.getValueCase()) {
      case FLOAT32_TENSOR -> {
        RecordProtos.Float32Tensor x = v.getFloat32Tensor();
        t.count = x.getValuesCount();
        t.values = ensure(t.values, t.count);
        for (int i = 0; i < t.count; i++) {
          t.values[i] = x.getValues(i);
        }
        keysAndShape(t, x.getKeysList(), x.getShapeList());
      }
      case FLOAT64_TENSOR -> {
        RecordProtos.Float64Tensor x = v.getFloat64Tensor();
        t.count = x.getValuesCount();
        t.values = ensure(t.values, t.count);
        for (int i = 0; i < t.count; i++) {
          t.values[i] = (float) x.getValues(i);
        }
        keysAndShape(t, x.getKeysList(), x.getShapeList());
      }
      case INT32_TENSOR -> {
        RecordProtos.Int32Tensor x = v.getInt32Tensor();
        t.count = x.getValuesCount();
        t.values = ensure(t.values, t.count);
        for (int i = 0; i < t.count; i++) {
          t.values[i] = x.getValues(i);
        }
        keysAndShape(t, x.getKeysList(), x.getShapeList());
      }
      case BYTES -> throw new InvalidDataException(name, "record", record, what + " holds a Bytes value; a numeric"
          + " Float32, Float64 or Int32 tensor is expected");
      default -> throw new InvalidDataException(name, "record", record, what + " holds no tensor");
    }
  }

  private static float[] ensure(float[] a, int n) {
    return a.length >= n ? a : new float[Math.max(n, a.length * 2)];
  }

  private static void keysAndShape(Tensor t, java.util.List<Long> keys, java.util.List<Long> shape) {
    t.keyCount = keys.size();
    if (t.keys.length < t.keyCount) {
      t.keys = new long[Math.max(t.keyCount, t.keys.length * 2)];
    }
    for (int i = 0; i < t.keyCount; i++) {
      t.keys[i] = keys.get(i);
    }
    t.shape = shape.stream().mapToLong(Long::longValue).toArray();
  }

  private static boolean isSparse(Tensor t) {
    return t.keyCount > 0 || (t.count == 0 && t.shape.length > 0);
  }

  /** The feature dimension a features tensor implies. */
  private static long dimension(Tensor t, String name, long record) {
    if (isSparse(t)) {
      if (t.shape.length != 1) {
        throw new InvalidDataException(name, "record", record, "sparse features need shape=[feature_dim], got shape "
            + Arrays.toString(t.shape));
      }
      return t.shape[0];
    }
    if (t.shape.length > 0) {
      long product = 1;
      for (long s : t.shape) {
        product *= s;
      }
      if (product != t.count) {
        throw new InvalidDataException(name, "record", record, "shape " + Arrays.toString(t.shape) + " holds "
            + product + " values, but the tensor has " + t.count);
      }
    }
    return t.count;
  }

  @Override
  protected Schema inferSchema() throws IOException {
    for (Path f : channel().files()) {
      try (RecordIoReader r = new RecordIoReader(Inputs.open(f), f.toString(), maxRecordBytes)) {
        Optional<byte[]> payload = r.next();
        if (payload.isPresent()) {
          RecordProtos.Record rec = parse(payload.get(), r, f.toString());
          RecordProtos.Value features = rec.getFeaturesMap().get(VALUES);
          if (features == null) {
            throw new InvalidDataException(f.toString(), "record", 1, "features has no \"" + VALUES
                + "\" tensor; keys present: " + rec.getFeaturesMap().keySet());
          }
          Tensor t = new Tensor();
          decode(features, t, "features[\"values\"]", f.toString(), 1);
          long dim = dimension(t, f.toString(), 1);
          firstRecordSparse = isSparse(t);
          if (dim < 1 || dim > Integer.MAX_VALUE - 8) {
            throw new InvalidDataException(f.toString(), "record", 1, "feature dimension must be in [1, "
                + (Integer.MAX_VALUE - 8) + "], got " + dim);
          }
          int labelDim = 0;
          RecordProtos.Value label = rec.getLabelMap().get(VALUES);
          if (label != null) {
            Tensor l = new Tensor();
            decode(label, l, "label[\"values\"]", f.toString(), 1);
            labelDim = l.count;
          }
          return Schema.of((int) dim, labelDim);
        }
      }
    }
    throw new InvalidDataException("channel " + channel().name() + " holds no RecordIO records");
  }

  @Override
  protected boolean sparse(Schema schema) {
    return firstRecordSparse;
  }

  @Override
  protected RowParser parser(InputStream in, String name, Schema schema) {
    RecordIoReader reader = new RecordIoReader(in, name, maxRecordBytes);
    Tensor t = new Tensor();
    Tensor l = new Tensor();
    int[] idx = new int[64];
    float[] label = new float[Math.max(1, schema.labelDim())];
    return new RowParser() {
      private int[] index = idx;

      @Override
      public boolean next(RowBatch.Builder into) throws IOException {
        Optional<byte[]> payload = reader.next();
        if (payload.isEmpty()) {
          return false;
        }
        long n = reader.recordNumber();
        RecordProtos.Record rec = parse(payload.get(), reader, name);
        RecordProtos.Value features = rec.getFeaturesMap().get(VALUES);
        if (features == null) {
          throw new InvalidDataException(name, "record", n, "features has no \"" + VALUES + "\" tensor; keys present: "
              + rec.getFeaturesMap().keySet());
        }
        decode(features, t, "features[\"values\"]", name, n);
        long dim = dimension(t, name, n);
        if (dim != schema.featureDim()) {
          throw new InvalidDataException(name, "record", n, "feature dimension " + dim + " differs from the "
              + schema.featureDim() + " of the channel's first record");
        }
        RecordProtos.Value labelValue = rec.getLabelMap().get(VALUES);
        int labelCount = 0;
        if (labelValue != null) {
          decode(labelValue, l, "label[\"values\"]", name, n);
          labelCount = l.count;
        }
        if (labelCount != schema.labelDim()) {
          throw new InvalidDataException(name, "record", n, "has " + labelCount + " label values, but the channel's"
              + " first record has " + schema.labelDim());
        }
        for (int i = 0; i < labelCount; i++) {
          label[i] = l.values[i];
        }
        float[] lab = labelCount == 0 ? null : label;
        if (isSparse(t)) {
          if (t.keyCount != t.count) {
            throw new InvalidDataException(name, "record", n, "sparse tensor has " + t.keyCount + " keys but "
                + t.count + " values");
          }
          if (index.length < t.keyCount) {
            index = new int[Math.max(t.keyCount, index.length * 2)];
          }
          for (int i = 0; i < t.keyCount; i++) {
            if (t.keys[i] < 0 || t.keys[i] >= dim) {
              throw new InvalidDataException(name, "record", n, "key " + Long.toUnsignedString(t.keys[i])
                  + " is outside the shape [" + dim + "]");
            }
            index[i] = (int) t.keys[i];
          }
          if (!SparseRows.isStrictlyIncreasing(index, t.keyCount)) {
            long dup = SparseRows.sort(index, t.values, t.keyCount);
            if (dup >= 0) {
              throw new InvalidDataException(name, "record", n, "key " + dup + " appears twice");
            }
          }
          into.addSparse(index, t.values, t.keyCount, lab, 1f);
        } else {
          into.addDense(t.values, 0, lab, 1f);
        }
        return true;
      }

      @Override
      public long position() {
        return reader.recordNumber();
      }

      @Override
      public void close() throws IOException {
        reader.close();
      }
    };
  }
}
