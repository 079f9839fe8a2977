package dev.sagemill.algo.fm;

import dev.sagemill.algo.fm.FactorizationMachinesParams.PredictorType;
import dev.sagemill.core.data.BatchStream;
import dev.sagemill.core.data.DataSource;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.error.InvalidDataException;
import dev.sagemill.core.metrics.Metrics;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Scores a channel with a model under SageMaker's factorization-machines metric names: {@code <channel>:rmse} for
 * regressors; {@code <channel>:binary_classification_accuracy}, {@code :binary_classification_cross_entropy} and
 * {@code :binary_f_beta} (β = 1, predicted label at score 0.5) for binary classifiers. Streams the channel; memory
 * is one batch.
 */
final class FactorizationMachinesEvaluation {
  private FactorizationMachinesEvaluation() {}

  /**
   * @param m the model
   * @param data the channel
   * @param prefix the metric prefix ({@code test})
   * @param batchRows rows per read batch
   * @return the metrics in print order
   * @throws IOException if reading fails
   */
  static Map<String, Double> evaluate(FactorizationMachinesModel m, DataSource data, String prefix, int batchRows)
      throws IOException {
    boolean binary = m.predictorType() == PredictorType.BINARY_CLASSIFIER;
    double weight = 0;
    double squares = 0;
    double crossEntropy = 0;
    double correct = 0;
    double tp = 0;
    double fp = 0;
    double fn = 0;
    double[] sums = new double[m.numFactors()];
    try (BatchStream s = data.open(batchRows)) {
      for (Optional<RowBatch> ob = s.next(); ob.isPresent(); ob = s.next()) {
        RowBatch b = ob.get();
        RowEntries e = RowEntries.of(b, FactorizationMachinesParams.ALGORITHM);
        for (int r = 0; r < b.rows(); r++) {
          double y = b.label(r);
          double wr = b.weight(r);
          if (binary && !(y == 0 || y == 1)) {
            throw new InvalidDataException(b.origin(), "record", b.firstRecord() + r,
                "binary_classifier needs labels 0 or 1, got " + y);
          }
          double score = m.score(m.margin(e.idx, e.val, e.ptr[r], e.ptr[r + 1], sums));
          weight += wr;
          if (binary) {
            double p = Math.min(1 - Metrics.EPS, Math.max(Metrics.EPS, score));
            crossEntropy -= wr * (y == 1 ? Math.log(p) : Math.log(1 - p));
            boolean predicted = score > 0.5;
            correct += predicted == (y == 1) ? wr : 0;
            tp += predicted && y == 1 ? wr : 0;
            fp += predicted && y == 0 ? wr : 0;
            fn += !predicted && y == 1 ? wr : 0;
          } else {
            squares += wr * (score - y) * (score - y);
          }
        }
      }
    }
    Map<String, Double> out = new LinkedHashMap<>();
    if (weight == 0) {
      return out;
    }
    if (binary) {
      out.put(prefix + ":binary_classification_accuracy", correct / weight);
      out.put(prefix + ":binary_classification_cross_entropy", crossEntropy / weight);
      out.put(prefix + ":binary_f_beta", Metrics.fBetaFromCounts(tp, fp, fn, 1));
    } else {
      out.put(prefix + ":rmse", Math.sqrt(squares / weight));
    }
    return out;
  }
}
