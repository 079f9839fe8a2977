package dev.sagemill.algo.linear;

import dev.sagemill.core.data.BatchStream;
import dev.sagemill.core.data.DataSource;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.metrics.Metrics;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Scores a channel with a trained model and reports SageMaker's Linear Learner metrics under a channel prefix:
 * {@code objective_loss} always; binary {@code binary_classification_accuracy}, {@code binary_f_beta},
 * {@code precision}, {@code recall}, {@code roc_auc_score}; multiclass {@code multiclass_accuracy},
 * {@code multiclass_top_k_accuracy}, {@code macro_precision}, {@code macro_recall}, {@code macro_f_beta};
 * regressor {@code mse}, {@code rmse}, {@code absolute_loss}. Stateless.
 */
final class LinearEvaluation {
  private LinearEvaluation() {}

  static Map<String, Double> evaluate(LinearLearnerModel model, LinearLearnerParams p, DataSource data,
      String prefix, int batchRows) throws IOException {
    int outputs = model.bias().length;
    double[] y = new double[1024];
    double[] w = new double[1024];
    double[] s = new double[1024 * outputs];
    int n = 0;
    double[] buf = new double[0];
    try (BatchStream st = data.open(batchRows)) {
      for (Optional<RowBatch> ob = st.next(); ob.isPresent(); ob = st.next()) {
        RowBatch b = ob.get();
        if (buf.length < b.rows() * outputs) {
          buf = new double[b.rows() * outputs];
        }
        model.scores(b, buf);
        if (n + b.rows() > y.length) {
          int cap = Math.max(y.length * 2, n + b.rows());
          y = Arrays.copyOf(y, cap);
          w = Arrays.copyOf(w, cap);
          s = Arrays.copyOf(s, cap * outputs);
        }
        for (int r = 0; r < b.rows(); r++) {
          y[n + r] = b.label(r);
          w[n + r] = b.weight(r);
        }
        System.arraycopy(buf, 0, s, n * outputs, b.rows() * outputs);
        n += b.rows();
      }
    }
    y = Arrays.copyOf(y, n);
    w = Arrays.copyOf(w, n);
    s = Arrays.copyOf(s, n * outputs);
    Map<String, Double> m = new LinkedHashMap<>();
    if (n == 0) {
      return m;
    }
    LinearLoss loss = model.loss();
    double param = lossParameter(loss, p);
    double beta = p.values().getDouble("f_beta");
    double tw = 0;
    double lossSum = 0;
    for (int i = 0; i < n; i++) {
      tw += w[i];
      lossSum += w[i] * rowLoss(loss, s, i, outputs, y[i], param, model.predictorType());
    }
    m.put(prefix + ":objective_loss", lossSum / tw);
    switch (model.predictorType()) {
      case BINARY_CLASSIFIER -> {
        double[] label = new double[n];
        for (int i = 0; i < n; i++) {
          label[i] = s[i] > model.threshold() ? 1 : 0;
        }
        m.put(prefix + ":binary_classification_accuracy", Metrics.accuracy(y, label, w));
        m.put(prefix + ":binary_f_beta", Metrics.fBeta(y, label, beta, w));
        m.put(prefix + ":precision", Metrics.precision(y, label, w));
        m.put(prefix + ":recall", Metrics.recall(y, label, w));
        m.put(prefix + ":roc_auc_score", Metrics.auc(y, s, w));
      }
      case MULTICLASS_CLASSIFIER -> {
        double[] label = new double[n];
        for (int i = 0; i < n; i++) {
          label[i] = Metrics.argmax(s, i * outputs, outputs);
        }
        double[] macro = Metrics.macroPrecisionRecallFBeta(y, label, outputs, beta, w);
        m.put(prefix + ":multiclass_accuracy", Metrics.accuracy(y, label, w));
        m.put(prefix + ":multiclass_top_k_accuracy",
            Metrics.topKAccuracy(y, s, outputs, p.values().getInt("accuracy_top_k"), w));
        m.put(prefix + ":macro_precision", macro[0]);
        m.put(prefix + ":macro_recall", macro[1]);
        m.put(prefix + ":macro_f_beta", macro[2]);
      }
      case REGRESSOR -> {
        m.put(prefix + ":mse", Metrics.mse(y, s, w));
        m.put(prefix + ":rmse", Metrics.rmse(y, s, w));
        m.put(prefix + ":absolute_loss", Metrics.mae(y, s, w));
      }
      default -> throw new AssertionError(model.predictorType());
    }
    return m;
  }

  /** The loss parameter in raw label units. */
  static double lossParameter(LinearLoss loss, LinearLearnerParams p) {
    var v = p.values();
    return switch (loss) {
      case HINGE -> v.getDouble("margin");
      case EPS_SQUARED, EPS_ABSOLUTE -> v.getDouble("loss_insensitivity");
      case QUANTILE -> v.getDouble("quantile");
      case HUBER -> v.getDouble("huber_delta");
      default -> 0;
    };
  }

  /** The loss of one row from the model's transformed scores (probabilities are mapped back to margins). */
  private static double rowLoss(LinearLoss loss, double[] s, int i, int outputs, double y, double param,
      PredictorType type) {
    if (type == PredictorType.MULTICLASS_CLASSIFIER) {
      return -Math.log(Math.max(Metrics.EPS, s[i * outputs + (int) y]));
    }
    double z = s[i];
    if (loss == LinearLoss.LOGISTIC) {
      double pr = Math.min(1 - Metrics.EPS, Math.max(Metrics.EPS, z));
      return y > 0.5 ? -Math.log(pr) : -Math.log(1 - pr);
    }
    return loss.value(z, y, param);
  }
}
