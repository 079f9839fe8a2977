package dev.sagemill.algo.linear;

import dev.sagemill.core.data.BatchStream;
import dev.sagemill.core.data.DataSource;
import dev.sagemill.core.data.RowBatch;
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
    int wanted = p.values().getInt("num_point_for_scaler");
    double[] sum = new double[d];
    double[] sumSq = new double[d];
    double ySum = 0;
    double ySq = 0;
    long n = 0;
    boolean sparse = false;
    int classes = p.predictorType() == PredictorType.REGRESSOR ? 0 : p.outputs() == 1 ? 2 : p.outputs();
    double[] counts = new double[classes];
    try (BatchStream s = train.open(Math.min(wanted, 10_000))) {
      for (Optional<RowBatch> ob = s.next(); ob.isPresent() && n < wanted; ob = s.next()) {
        RowBatch b = ob.get();
        sparse |= b.isSparse();
        int take = (int) Math.min(b.rows(), wanted - n);
        for (int r = 0; r < take; r++) {
          if (b.isSparse()) {
            for (int k = b.rowPointers()[r]; k < b.rowPointers()[r + 1]; k++) {
              double v = b.sparseValues()[k];
              sum[b.indices()[k]] += v;
              sumSq[b.indices()[k]] += v * v;
            }
          } else {
            int off = r * d;
            for (int j = 0; j < d; j++) {
              double v = b.denseValues()[off + j];
              sum[j] += v; // a NaN here is reported with its row by the training pass
              sumSq[j] += v * v;
            }
          }
          double y = b.label(r);
          ySum += y;
          ySq += y * y;
          int c = (int) y;
          if (classes > 0 && c == y && c >= 0 && c < classes) {
            counts[c]++;
          }
        }
        n += take;
      }
    }
    if (n == 0) {
      throw new dev.sagemill.core.error.InvalidDataException(train.description() + " holds no rows to train on");
    }
    if (classes > 0) {
      int present = 0;
      for (double c : counts) {
        present += c > 0 ? 1 : 0;
      }
      if (present < 2) {
        LOG.warn("{}: the first {} rows of {} hold a single class; Linear Learner passes over the data in order and"
            + " needs it shuffled (data sorted by label trains badly)", LinearLearnerParams.ALGORITHM, n,
            train.description());
      }
    }
    boolean useBias = p.values().getBoolean("use_bias");
    boolean normalize = p.values().getBoolean("normalize_data", true);
    boolean shift = !sparse && p.values().getBoolean("unbias_data", useBias);
    double[] featureShift = new double[d];
    double[] featureScale = new double[d];
    for (int j = 0; j < d; j++) {
      double mean = sum[j] / n;
      double spread = shift ? Math.sqrt(Math.max(0, sumSq[j] / n - mean * mean)) : Math.sqrt(sumSq[j] / n);
      featureShift[j] = shift && Double.isFinite(mean) ? mean : 0;
      featureScale[j] = normalize && spread > 1e-12 && Double.isFinite(spread) ? 1 / spread : 1;
    }
    double labelShift = 0;
    double labelScale = 1;
    if (p.predictorType() == PredictorType.REGRESSOR) {
      double mean = ySum / n;
      double sd = Math.sqrt(Math.max(0, ySq / n - mean * mean));
      if (p.values().getBoolean("unbias_label", useBias) && Double.isFinite(mean)) {
        labelShift = mean;
      }
      if (p.values().getBoolean("normalize_label", true) && sd > 1e-12 && Double.isFinite(sd)) {
        labelScale = sd;
      }
    }
    return new Scaler(featureShift, featureScale, labelShift, labelScale, counts, sparse);
  }
}
