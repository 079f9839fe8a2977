package dev.sagemill.algo.linear;

import dev.sagemill.core.data.BatchStream;
import dev.sagemill.core.data.DataSource;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.distributed.Message;
import java.io.IOException;
import java.util.Optional;

/**
 * The affine normalisation learned from the head of the training channel, as SageMaker's Linear Learner does:
 * features are always scaled (to unit standard deviation, or unit root-mean-square when not shifted) and shifted
 * to zero mean only for dense data; the label of a regressor is shifted and scaled. Also counts classes for
 * balanced weights. Immutable once built.
 */
final class Scaler {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Scaler.class);
  final double[] featureShift;
  final double[] featureScale;
  final double labelShift;
  final double labelScale;
  final double[] classCounts;
  final boolean sparse;

  private Scaler(double[] featureShift, double[] featureScale, double labelShift, double labelScale,
      double[] classCounts, boolean sparse) {
    this.featureShift = featureShift;
    this.featureScale = featureScale;
    this.labelShift = labelShift;
    this.labelScale = labelScale;
    this.classCounts = classCounts;
    this.sparse = sparse;
  }

  void saveTo(dev.sagemill.core.io.ModelWriter out) {
    out.putDoubles("scaler.shift", featureShift);
    out.putDoubles("scaler.scale", featureScale);
    out.putDoubles("scaler.class_counts", classCounts);
    out.putDoubles("scaler.label", new double[] {labelShift, labelScale, sparse ? 1 : 0});
  }

  static Scaler restore(dev.sagemill.core.io.ModelReader in, int d) throws java.io.IOException {
    double[] shift = in.doubles("scaler.shift");
    double[] scale = in.doubles("scaler.scale");
    double[] label = in.doubles("scaler.label");
    in.require(shift.length == d && scale.length == d && label.length == 3, "scaler entries do not match " + d
        + " features");
    return new Scaler(shift, scale, label[0], label[1], in.doubles("scaler.class_counts"), label[2] != 0);
  }

  /**
   * Reads up to {@code num_point_for_scaler} rows and derives the normalisation.
   *
   * @param train the training channel
   * @param p the hyperparameters
   * @param d the feature dimension
   * @return the scaler
   * @throws IOException if reading fails
   */
  static Scaler learn(DataSource train, LinearLearnerParams p, int d) throws IOException {
    return of(Sums.read(train, p, d, p.values().getInt("num_point_for_scaler")), p, d, train.description());
  }

  /**
   * The first rows' sums the normalisation is derived from: per feature Σx and Σx², the label's Σy and Σy², the
   * rows, the class counts and whether any row was sparse. A sharded fit adds every shard's, in shard order.
   */
  static final class Sums {
    final double[] sum;
    final double[] sumSq;
    final double[] counts;
    double ySum;
    double ySq;
    long n;
    boolean sparse;

    private Sums(double[] sum, double[] sumSq, double[] counts) {
      this.sum = sum;
      this.sumSq = sumSq;
      this.counts = counts;
    }

    private static int classes(LinearLearnerParams p) {
      return p.predictorType() == PredictorType.REGRESSOR ? 0 : p.outputs() == 1 ? 2 : p.outputs();
    }

    /** Sums up to {@code wanted} leading rows of a channel. */
    static Sums read(DataSource train, LinearLearnerParams p, int d, int wanted) throws IOException {
      Sums out = new Sums(new double[d], new double[d], new double[classes(p)]);
      int classes = out.counts.length;
      try (BatchStream s = train.open(Math.max(1, Math.min(wanted, 10_000)))) {
        for (Optional<RowBatch> ob = s.next(); ob.isPresent() && out.n < wanted; ob = s.next()) {
          RowBatch b = ob.get();
          out.sparse |= b.isSparse();
          int take = (int) Math.min(b.rows(), wanted - out.n);
          for (int r = 0; r < take; r++) {
            if (b.isSparse()) {
              for (int k = b.rowPointers()[r]; k < b.rowPointers()[r + 1]; k++) {
                double v = b.sparseValues()[k];
                out.sum[b.indices()[k]] += v;
                out.sumSq[b.indices()[k]] += v * v;
              }
            } else {
              int off = r * d;
              for (int j = 0; j < d; j++) {
                double v = b.denseValues()[off + j];
                out.sum[j] += v; // a NaN here is reported with its row by the training pass
                out.sumSq[j] += v * v;
              }
            }
            double y = b.label(r);
            out.ySum += y;
            out.ySq += y * y;
            int c = (int) y;
            if (classes > 0 && c == y && c >= 0 && c < classes) {
              out.counts[c]++;
            }
          }
          out.n += take;
        }
      }
      return out;
    }

    /** Adds the next shard's sums. */
    void add(Sums o) {
      for (int j = 0; j < sum.length; j++) {
        sum[j] += o.sum[j];
        sumSq[j] += o.sumSq[j];
      }
      for (int c = 0; c < counts.length; c++) {
        counts[c] += o.counts[c];
      }
      ySum += o.ySum;
      ySq += o.ySq;
      n += o.n;
      sparse |= o.sparse;
    }

    void writeTo(Message.Writer out) {
      out.putDoubles(sum).putDoubles(sumSq).putDoubles(counts).putDouble(ySum).putDouble(ySq).putLong(n)
          .putInt(sparse ? 1 : 0);
    }

    static Sums readFrom(Message.Reader in) {
      Sums out = new Sums(in.getDoubles(), in.getDoubles(), in.getDoubles());
      out.ySum = in.getDouble();
      out.ySq = in.getDouble();
      out.n = in.getLong();
      out.sparse = in.getInt() != 0;
      return out;
    }
  }

  /**
   * Derives the normalisation from the first rows' sums.
   *
   * @param sums the sums
   * @param p the hyperparameters
   * @param d the feature dimension
   * @param data what the rows are, for messages
   * @return the scaler
   */
  static Scaler of(Sums sums, LinearLearnerParams p, int d, String data) {
    long n = sums.n;
    if (n == 0) {
      throw new dev.sagemill.core.error.InvalidDataException(data + " holds no rows to train on");
    }
    if (sums.counts.length > 0) {
      int present = 0;
      for (double c : sums.counts) {
        present += c > 0 ? 1 : 0;
      }
      if (present < 2) {
        LOG.warn("{}: the first {} rows of {} hold a single class; Linear Learner passes over the data in order and"
            + " needs it shuffled (data sorted by label trains badly)", LinearLearnerParams.ALGORITHM, n, data);
      }
    }
    boolean useBias = p.values().getBoolean("use_bias");
    boolean normalize = p.values().getBoolean("normalize_data", true);
    boolean shift = !sums.sparse && p.values().getBoolean("unbias_data", useBias);
    double[] featureShift = new double[d];
    double[] featureScale = new double[d];
    for (int j = 0; j < d; j++) {
      double mean = sums.sum[j] / n;
      double spread = shift ? Math.sqrt(Math.max(0, sums.sumSq[j] / n - mean * mean)) : Math.sqrt(sums.sumSq[j] / n);
      featureShift[j] = shift && Double.isFinite(mean) ? mean : 0;
      featureScale[j] = normalize && spread > 1e-12 && Double.isFinite(spread) ? 1 / spread : 1;
    }
    double labelShift = 0;
    double labelScale = 1;
    if (p.predictorType() == PredictorType.REGRESSOR) {
      double mean = sums.ySum / n;
      double sd = Math.sqrt(Math.max(0, sums.ySq / n - mean * mean));
      if (p.values().getBoolean("unbias_label", useBias) && Double.isFinite(mean)) {
        labelShift = mean;
      }
      if (p.values().getBoolean("normalize_label", true) && sd > 1e-12 && Double.isFinite(sd)) {
        labelScale = sd;
      }
    }
    return new Scaler(featureShift, featureScale, labelShift, labelScale, sums.counts, sums.sparse);
  }

  /** @param o another scaler, or null
   *  @return whether it normalises exactly as this one */
  boolean sameAs(Scaler o) {
    return o != null && java.util.Arrays.equals(featureShift, o.featureShift)
        && java.util.Arrays.equals(featureScale, o.featureScale) && Double.compare(labelShift, o.labelShift) == 0
        && Double.compare(labelScale, o.labelScale) == 0 && java.util.Arrays.equals(classCounts, o.classCounts)
        && sparse == o.sparse;
  }

  /** Writes the normalisation into a sharded fit's message. */
  void writeTo(Message.Writer out) {
    out.putDoubles(featureShift).putDoubles(featureScale).putDouble(labelShift).putDouble(labelScale)
        .putDoubles(classCounts).putInt(sparse ? 1 : 0);
  }

  /** Reads what {@link #writeTo} wrote. */
  static Scaler readFrom(Message.Reader in) {
    return new Scaler(in.getDoubles(), in.getDoubles(), in.getDouble(), in.getDouble(), in.getDoubles(),
        in.getInt() != 0);
  }
}
