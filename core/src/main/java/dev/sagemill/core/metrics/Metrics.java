package dev.sagemill.core.metrics;


/**
 * Evaluation metrics. Every function takes the true values {@code y}, the predictions, and optional per-row
 * weights ({@code null} = all 1). Binary functions take labels in {0, 1} and scores (probabilities, or any
 * monotone score for the ranking metrics). Multiclass functions take {@code rows × classes} row-major
 * probabilities.
 *
 * <p>Thread-safe: stateless.
 */
public final class Metrics {
  /** Probabilities are clipped to [EPS, 1 - EPS] in log losses, as XGBoost and scikit-learn do. */
  public static final double EPS = 1e-15;

  private Metrics() {}

  private static double w(double[] weights, int i) {
    return weights == null ? 1.0 : weights[i];
  }

  private static void sameLength(int a, int b) {
    if (a != b) {
      throw new IllegalArgumentException("length mismatch: " + a + " labels but " + b + " predictions");
    }
  }

  private static double totalWeight(double[] weights, int n) {
    if (weights == null) {
      return n;
    }
    sameLength(n, weights.length);
    double s = 0;
    for (double v : weights) {
      s += v;
    }
    return s;
  }

  /**
   * Mean squared error.
   *
   * @param y true values
   * @param pred predictions
   * @param weights row weights or null
   * @return Σw(y-p)² / Σw
   */
  public static double mse(double[] y, double[] pred, double[] weights) {
    sameLength(y.length, pred.length);
    double s = 0;
    for (int i = 0; i < y.length; i++) {
      double d = y[i] - pred[i];
      s += w(weights, i) * d * d;
    }
    return s / totalWeight(weights, y.length);
  }

  /**
   * Root mean squared error.
   *
   * @param y true values
   * @param pred predictions
   * @param weights row weights or null
   * @return √mse
   */
  public static double rmse(double[] y, double[] pred, double[] weights) {
    return Math.sqrt(mse(y, pred, weights));
  }

  /**
   * Mean absolute error.
   *
   * @param y true values
   * @param pred predictions
   * @param weights row weights or null
   * @return Σw|y-p| / Σw
   */
  public static double mae(double[] y, double[] pred, double[] weights) {
    sameLength(y.length, pred.length);
    double s = 0;
    for (int i = 0; i < y.length; i++) {
      s += w(weights, i) * Math.abs(y[i] - pred[i]);
    }
    return s / totalWeight(weights, y.length);
  }

  /**
   * Coefficient of determination.
   *
   * @param y true values
   * @param pred predictions
   * @param weights row weights or null
   * @return 1 - SS_res / SS_tot (weighted); NaN when y is constant
   */
  public static double r2(double[] y, double[] pred, double[] weights) {
    sameLength(y.length, pred.length);
    double tw = totalWeight(weights, y.length);
    double mean = 0;
    for (int i = 0; i < y.length; i++) {
      mean += w(weights, i) * y[i];
    }
    mean /= tw;
    double res = 0;
    double tot = 0;
    for (int i = 0; i < y.length; i++) {
      double wi = w(weights, i);
      res += wi * (y[i] - pred[i]) * (y[i] - pred[i]);
      tot += wi * (y[i] - mean) * (y[i] - mean);
    }
    return tot == 0 ? Double.NaN : 1 - res / tot;
  }

  /**
   * Binary log loss (cross entropy).
   *
   * @param y labels in {0, 1}
   * @param prob predicted probabilities of class 1
   * @param weights row weights or null
   * @return -Σw[y log p + (1-y) log(1-p)] / Σw
   */
  public static double logloss(double[] y, double[] prob, double[] weights) {
    sameLength(y.length, prob.length);
    double s = 0;
    for (int i = 0; i < y.length; i++) {
      double p = Math.min(1 - EPS, Math.max(EPS, prob[i]));
      s -= w(weights, i) * (y[i] * Math.log(p) + (1 - y[i]) * Math.log(1 - p));
    }
    return s / totalWeight(weights, y.length);
  }

  /**
   * Area under the ROC curve, with ties between scores counted half (the Mann-Whitney statistic), on the scores'
   * double values ({@link RocArea}).
   *
   * @param y labels in {0, 1}
   * @param score scores, higher = more likely positive
   * @param weights row weights or null
   * @return the AUC, or NaN if only one class is present
   */
  public static double auc(double[] y, double[] score, double[] weights) {
    ScoreCurve curve = ScoreCurve.of(y, score, weights);
    RocArea roc = new RocArea();
    for (int i = 0; i < curve.points(); i++) {
      roc.addGroup(curve.groupPositives(i), curve.groupNegatives(i));
    }
    return roc.auc();
  }

  /**
   * Area under the precision-recall curve as average precision: Σ (R_k − R_{k−1}) · P_k over score thresholds
   * (ties grouped), the step-wise estimate that scikit-learn's {@code average_precision_score} computes.
   *
   * @param y labels in {0, 1}
   * @param score scores, higher = more likely positive
   * @param weights row weights or null
   * @return the area, or NaN if there is no positive
   */
  public static double aucpr(double[] y, double[] score, double[] weights) {
    ScoreCurve curve = ScoreCurve.of(y, score, weights);
    if (curve.positives() == 0) {
      return Double.NaN;
    }
    double area = 0;
    for (int i = 0; i < curve.points(); i++) {
      if (curve.groupPositives(i) > 0) {
        area += (curve.groupPositives(i) / curve.positives()) * (curve.truePositives(i) / (curve.truePositives(i)
            + curve.falsePositives(i)));
      }
    }
    return area;
  }

  /**
   * The weighted confusion counts {tp, fp, tn, fn} of a binary prediction.
   *
   * @param y labels in {0, 1}
   * @param predictedLabel predicted labels in {0, 1}
   * @param weights row weights or null
   * @return {tp, fp, tn, fn}
   */
  public static double[] confusion(double[] y, double[] predictedLabel, double[] weights) {
    sameLength(y.length, predictedLabel.length);
    double[] c = new double[4];
    for (int i = 0; i < y.length; i++) {
      boolean actual = y[i] > 0.5;
      boolean predicted = predictedLabel[i] > 0.5;
      int k = predicted ? (actual ? 0 : 1) : (actual ? 3 : 2);
      c[k] += w(weights, i);
    }
    return c;
  }

  /**
   * Fraction of rows whose predicted label equals the true label (binary or multiclass labels).
   *
   * @param y true labels
   * @param predictedLabel predicted labels
   * @param weights row weights or null
   * @return the accuracy
   */
  public static double accuracy(double[] y, double[] predictedLabel, double[] weights) {
    sameLength(y.length, predictedLabel.length);
    double ok = 0;
    for (int i = 0; i < y.length; i++) {
      if (y[i] == predictedLabel[i]) {
        ok += w(weights, i);
      }
    }
    return ok / totalWeight(weights, y.length);
  }

  /**
   * Binary error rate at a probability threshold, as XGBoost's {@code error} ({@code error@t}).
   *
   * @param y labels in {0, 1}
   * @param prob predicted probabilities
   * @param threshold rows with prob &gt; threshold are predicted positive
   * @param weights row weights or null
   * @return the fraction misclassified
   */
  public static double error(double[] y, double[] prob, double threshold, double[] weights) {
    sameLength(y.length, prob.length);
    double bad = 0;
    for (int i = 0; i < y.length; i++) {
      if ((prob[i] > threshold) != (y[i] > 0.5)) {
        bad += w(weights, i);
      }
    }
    return bad / totalWeight(weights, y.length);
  }

  /**
   * Precision tp / (tp + fp).
   *
   * @param y labels in {0, 1}
   * @param predictedLabel predicted labels in {0, 1}
   * @param weights row weights or null
   * @return the precision; 0 when nothing is predicted positive
   */
  public static double precision(double[] y, double[] predictedLabel, double[] weights) {
    double[] c = confusion(y, predictedLabel, weights);
    return c[0] + c[1] == 0 ? 0 : c[0] / (c[0] + c[1]);
  }

  /**
   * Recall tp / (tp + fn).
   *
   * @param y labels in {0, 1}
   * @param predictedLabel predicted labels in {0, 1}
   * @param weights row weights or null
   * @return the recall; 0 when there is no positive
   */
  public static double recall(double[] y, double[] predictedLabel, double[] weights) {
    double[] c = confusion(y, predictedLabel, weights);
    return c[0] + c[3] == 0 ? 0 : c[0] / (c[0] + c[3]);
  }

  /**
   * F-beta score (1 + β²)·P·R / (β²·P + R).
   *
   * @param y labels in {0, 1}
   * @param predictedLabel predicted labels in {0, 1}
   * @param beta β &gt; 0; 1 gives F1
   * @param weights row weights or null
   * @return the score; 0 when precision and recall are both 0
   */
  public static double fBeta(double[] y, double[] predictedLabel, double beta, double[] weights) {
    double[] c = confusion(y, predictedLabel, weights);
    return fBetaFromCounts(c[0], c[1], c[3], beta);
  }

  /**
   * F-beta from confusion counts.
   *
   * @param tp true positives
   * @param fp false positives
   * @param fn false negatives
   * @param beta β &gt; 0
   * @return the score; 0 when tp is 0
   */
  public static double fBetaFromCounts(double tp, double fp, double fn, double beta) {
    double b2 = beta * beta;
    double denom = (1 + b2) * tp + b2 * fn + fp;
    return denom == 0 ? 0 : (1 + b2) * tp / denom;
  }

  /**
   * F1 score.
   *
   * @param y labels in {0, 1}
   * @param predictedLabel predicted labels in {0, 1}
   * @param weights row weights or null
   * @return F1
   */
  public static double f1(double[] y, double[] predictedLabel, double[] weights) {
    return fBeta(y, predictedLabel, 1.0, weights);
  }

  /**
   * Multiclass log loss.
   *
   * @param y class indices in [0, classes)
   * @param prob row-major {@code rows × classes} probabilities
   * @param classes number of classes
   * @param weights row weights or null
   * @return -Σ w log p[y] / Σw
   */
  public static double mlogloss(double[] y, double[] prob, int classes, double[] weights) {
    sameLength(y.length * classes, prob.length);
    double s = 0;
    for (int i = 0; i < y.length; i++) {
      double p = Math.min(1 - EPS, Math.max(EPS, prob[i * classes + classIndex(y[i], classes, i)]));
      s -= w(weights, i) * Math.log(p);
    }
    return s / totalWeight(weights, y.length);
  }

  /**
   * Multiclass error rate (the arg-max class differs from the label; the first maximum wins ties).
   *
   * @param y class indices
   * @param prob row-major {@code rows × classes} probabilities or scores
   * @param classes number of classes
   * @param weights row weights or null
   * @return the fraction misclassified
   */
  public static double merror(double[] y, double[] prob, int classes, double[] weights) {
    sameLength(y.length * classes, prob.length);
    double bad = 0;
    for (int i = 0; i < y.length; i++) {
      if (argmax(prob, i * classes, classes) != classIndex(y[i], classes, i)) {
        bad += w(weights, i);
      }
    }
    return bad / totalWeight(weights, y.length);
  }

  /**
   * The index of the largest of {@code n} values starting at {@code offset} (first one on ties).
   *
   * @param a the values
   * @param offset where the run starts
   * @param n how many values
   * @return the index in [0, n)
   */
  public static int argmax(double[] a, int offset, int n) {
    int best = 0;
    for (int k = 1; k < n; k++) {
      if (a[offset + k] > a[offset + best]) {
        best = k;
      }
    }
    return best;
  }

  private static int classIndex(double y, int classes, int row) {
    int c = (int) y;
    if (c != y || c < 0 || c >= classes) {
      throw new IllegalArgumentException("row " + row + ": label must be an integer in [0, " + classes + "), got " + y);
    }
    return c;
  }

  /**
   * Top-k accuracy: the fraction of rows whose true class is among the k highest scores, a row counting when
   * fewer than k classes score strictly higher than its true class (ties never count against it).
   *
   * @param y class indices
   * @param scores row-major {@code rows × classes} scores
   * @param classes number of classes
   * @param k how many top classes count
   * @param weights row weights or null
   * @return the accuracy
   */
  public static double topKAccuracy(double[] y, double[] scores, int classes, int k, double[] weights) {
    sameLength(y.length * classes, scores.length);
    double ok = 0;
    for (int i = 0; i < y.length; i++) {
      int c = classIndex(y[i], classes, i);
      double sc = scores[i * classes + c];
      int better = 0;
      for (int j = 0; j < classes; j++) {
        double s = scores[i * classes + j];
        if (s > sc) {
          better++;
        }
      }
      if (better < k) {
        ok += w(weights, i);
      }
    }
    return ok / totalWeight(weights, y.length);
  }

  /**
   * Macro-averaged precision, recall and F-beta: each computed per class (one-vs-rest) and averaged with equal
   * weight per class, as scikit-learn's {@code average="macro"}. A class never predicted has precision 0.
   *
   * @param y class indices
   * @param predicted predicted class indices
   * @param classes number of classes
   * @param beta F-beta's beta
   * @param weights row weights or null
   * @return {macro precision, macro recall, macro F-beta}
   */
  public static double[] macroPrecisionRecallFBeta(double[] y, double[] predicted, int classes, double beta,
      double[] weights) {
    sameLength(y.length, predicted.length);
    double[] tp = new double[classes];
    double[] fp = new double[classes];
    double[] fn = new double[classes];
    for (int i = 0; i < y.length; i++) {
      int a = classIndex(y[i], classes, i);
      int p = classIndex(predicted[i], classes, i);
      if (a == p) {
        tp[a] += w(weights, i);
      } else {
        fp[p] += w(weights, i);
        fn[a] += w(weights, i);
      }
    }
    double[] out = new double[3];
    for (int c = 0; c < classes; c++) {
      out[0] += tp[c] + fp[c] == 0 ? 0 : tp[c] / (tp[c] + fp[c]);
      out[1] += tp[c] + fn[c] == 0 ? 0 : tp[c] / (tp[c] + fn[c]);
      out[2] += fBetaFromCounts(tp[c], fp[c], fn[c], beta);
    }
    for (int k = 0; k < 3; k++) {
      out[k] /= classes;
    }
    return out;
  }

  /**
   * Mean squared distance of points to their closest center (k-means' {@code msd}).
   *
   * @param squaredDistances each point's squared distance to its closest center
   * @param weights row weights or null
   * @return Σw·d² / Σw
   */
  public static double msd(double[] squaredDistances, double[] weights) {
    return ssd(squaredDistances, weights) / totalWeight(weights, squaredDistances.length);
  }

  /**
   * Sum of squared distances of points to their closest center (k-means' {@code ssd}).
   *
   * @param squaredDistances each point's squared distance to its closest center
   * @param weights row weights or null
   * @return Σw·d²
   */
  public static double ssd(double[] squaredDistances, double[] weights) {
    double s = 0;
    for (int i = 0; i < squaredDistances.length; i++) {
      s += w(weights, i) * squaredDistances[i];
    }
    return s;
  }
}
