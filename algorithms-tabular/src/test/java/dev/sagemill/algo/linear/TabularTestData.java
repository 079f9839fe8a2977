package dev.sagemill.algo.linear;

import dev.sagemill.core.data.InMemoryDataset;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.metrics.Metrics;
import dev.sagemill.core.random.RandomStream;
import dev.sagemill.core.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;

/**
 * Loads the real datasets of {@code ../shared/data} into memory for tests (skipping the test when they are absent, see {@link SharedData}), and fits the independent reference
 * models the quality tests compare against: logistic regression by Newton's method (IRLS) and least squares by QR,
 * both with Apache Commons Math.
 */
public final class TabularTestData {
  private TabularTestData() {}

  /** A split of rows into train and test batches. */
  public record Split(RowBatch train, RowBatch test) {
    /** @return the training rows as a data source */
    public InMemoryDataset trainSet() {
      return InMemoryDataset.of(train);
    }

    /** @return the test rows as a data source */
    public InMemoryDataset testSet() {
      return InMemoryDataset.of(test);
    }
  }

  /**
   * Reads a delimited numeric file; the label column is moved out of the features.
   *
   * @param file the file
   * @param delimiterRegex the cell separator
   * @param labelColumn the label's column; negative counts from the end
   * @param header whether the first line is a header
   * @return the rows
   * @throws IOException on a read failure
   */
  public static RowBatch delimited(Path file, String delimiterRegex, int labelColumn, boolean header) throws IOException {
    List<String> lines = Files.readAllLines(file);
    RowBatch.Builder b = null;
    for (int i = header ? 1 : 0; i < lines.size(); i++) {
      String line = lines.get(i).trim();
      if (line.isEmpty()) {
        continue;
      }
      String[] cells = line.split(delimiterRegex);
      int lc = labelColumn < 0 ? cells.length + labelColumn : labelColumn;
      if (b == null) {
        b = RowBatch.builder(cells.length - 1, 1, false);
      }
      float[] x = new float[cells.length - 1];
      int j = 0;
      for (int c = 0; c < cells.length; c++) {
        if (c != lc) {
          x[j++] = Float.parseFloat(cells[c]);
        }
      }
      b.addDense(x, 0, new float[] {Float.parseFloat(cells[lc])}, 1f);
    }
    return b.build();
  }

  /**
   * @return LightGBM's binary example (a HIGGS sample): 7,000 training and 500 test rows
   * @throws IOException on a read failure
   */
  public static Split higgs() throws IOException {
    Path dir = SharedData.dataset("lightgbm_examples");
    return new Split(delimited(dir.resolve("binary.train"), "\t", 0, false),
        delimited(dir.resolve("binary.test"), "\t", 0, false));
  }

  /**
   * Spambase with the ESL train/test split (spambase.traintest: 1 = test). The file lists all spam first, so the
   * training rows are shuffled (seeded), as SageMaker requires of Linear Learner's input.
   *
   * @return the split
   * @throws IOException on a read failure
   */
  public static Split spambase() throws IOException {
    Path dir = SharedData.dataset("spambase");
    RowBatch all = delimited(dir.resolve("spambase.data"), "\\s+", -1, false);
    List<String> flags = Files.readAllLines(dir.resolve("spambase.traintest"));
    RowBatch.Builder tr = RowBatch.builder(all.featureDim(), 1, false);
    RowBatch.Builder te = RowBatch.builder(all.featureDim(), 1, false);
    for (int r = 0; r < all.rows(); r++) {
      (flags.get(r).trim().equals("1") ? te : tr).addRowOf(all, r);
    }
    return new Split(InMemoryDataset.of(tr.build()).shuffled(5).data(), te.build());
  }

  /** California housing, label (median value) last, split 80/20 with a seeded shuffle. *
   * @return the split
   * @throws IOException on a read failure
   */
  public static Split californiaHousing() throws IOException {
    RowBatch all = delimited(SharedData.file("california_housing/california_housing.csv"), ",", -1, true);
    return shuffleSplit(all, 0.8, 2026);
  }

  /** UCI Adult: numeric columns as they are, categorical columns one-hot (categories from the training file). *
   * @return the split
   * @throws IOException on a read failure
   */
  public static Split adult() throws IOException {
    Path dir = SharedData.dataset("uci_adult");
    List<String[]> train = csvRows(dir.resolve("adult_train.csv"));
    List<String[]> test = csvRows(dir.resolve("adult_test.csv"));
    int[] numeric = {0, 2, 4, 10, 11, 12};
    int[] categorical = {1, 3, 5, 6, 7, 8, 9, 13};
    List<Map<String, Integer>> codes = new ArrayList<>();
    int dim = numeric.length;
    for (int c : categorical) {
      Map<String, Integer> m = new HashMap<>();
      for (String[] r : train) {
        if (!m.containsKey(r[c])) {
          m.put(r[c], dim + m.size());
        }
      }
      dim += m.size();
      codes.add(m);
    }
    return new Split(encodeAdult(train, numeric, categorical, codes, dim),
        encodeAdult(test, numeric, categorical, codes, dim));
  }

  /**
   * Dense labelled rows.
   *
   * @param x features per row
   * @param y one label per row
   * @return the batch
   */
  public static RowBatch rows(float[][] x, float[] y) {
    RowBatch.Builder b = RowBatch.builder(x[0].length, 1, false);
    for (int i = 0; i < x.length; i++) {
      b.addDense(x[i], 0, new float[] {y[i]}, 1f);
    }
    return b.build();
  }

  /**
   * A noisy nonlinear binary task over 5 Gaussian features: {@code P(y=1) = σ(1.5 x0 x1 − |x2| + 0.8 x3)}.
   *
   * @param n rows
   * @param seed the random seed
   * @return the batch
   */
  public static RowBatch nonlinearBinary(int n, long seed) {
    dev.sagemill.core.random.RandomStream rng = dev.sagemill.core.random.RandomStream.of(seed);
    float[][] x = new float[n][5];
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < 5; j++) {
        x[i][j] = (float) rng.nextGaussian();
      }
      double z = 1.5 * x[i][0] * x[i][1] - Math.abs(x[i][2]) + 0.8 * x[i][3];
      y[i] = rng.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
    }
    return rows(x, y);
  }

  /** Adult's feature indices (in {@link #adultCoded()}) that are categorical: columns 1, 3, 5-9 and 13. */
  public static final int[] ADULT_CATEGORICAL = {1, 3, 5, 6, 7, 8, 9, 13};

  /**
   * UCI Adult with its 14 columns in order: numeric ones as they are, categorical ones as integer codes (in order
   * of first appearance in the training file; a category unseen in training is missing, NaN), as SageMaker's
   * LightGBM and CatBoost take them with a {@code categorical_index.json}.
   *
   * @return the split
   * @throws IOException on a read failure
   */
  public static Split adultCoded() throws IOException {
    Path dir = SharedData.dataset("uci_adult");
    List<String[]> train = csvRows(dir.resolve("adult_train.csv"));
    List<String[]> test = csvRows(dir.resolve("adult_test.csv"));
    List<Map<String, Integer>> codes = new ArrayList<>();
    for (int c = 0; c < 14; c++) {
      Map<String, Integer> m = new HashMap<>();
      for (String[] r : train) {
        m.putIfAbsent(r[c], m.size());
      }
      codes.add(m);
    }
    return new Split(encodeAdultCoded(train, codes), encodeAdultCoded(test, codes));
  }

  private static RowBatch encodeAdultCoded(List<String[]> rows, List<Map<String, Integer>> codes) {
    RowBatch.Builder b = RowBatch.builder(14, 1, false);
    for (String[] r : rows) {
      float[] x = new float[14];
      for (int c = 0; c < 14; c++) {
        if (java.util.Arrays.binarySearch(ADULT_CATEGORICAL, c) >= 0) {
          Integer k = codes.get(c).get(r[c]);
          x[c] = k == null ? Float.NaN : k;
        } else {
          x[c] = Float.parseFloat(r[c]);
        }
      }
      b.addDense(x, 0, new float[] {r[14].startsWith(">50K") ? 1 : 0}, 1f);
    }
    return b.build();
  }

  private static List<String[]> csvRows(Path f) throws IOException {
    List<String[]> rows = new ArrayList<>();
    List<String> lines = Files.readAllLines(f);
    for (int i = 1; i < lines.size(); i++) {
      if (!lines.get(i).isBlank()) {
        String[] cells = lines.get(i).split(",");
        for (int c = 0; c < cells.length; c++) {
          cells[c] = cells[c].trim();
        }
        rows.add(cells);
      }
    }
    return rows;
  }

  private static RowBatch encodeAdult(List<String[]> rows, int[] numeric, int[] categorical,
      List<Map<String, Integer>> codes, int dim) {
    RowBatch.Builder b = RowBatch.builder(dim, 1, false);
    for (String[] r : rows) {
      float[] x = new float[dim];
      for (int i = 0; i < numeric.length; i++) {
        x[i] = Float.parseFloat(r[numeric[i]]);
      }
      for (int i = 0; i < categorical.length; i++) {
        Integer k = codes.get(i).get(r[categorical[i]]);
        if (k != null) { // a category unseen in training has no column, as one-hot encoders do
          x[k] = 1f;
        }
      }
      b.addDense(x, 0, new float[] {r[14].startsWith(">50K") ? 1 : 0}, 1f);
    }
    return b.build();
  }

  /**
   * @param all the rows
   * @param trainFraction the share that trains
   * @param seed the shuffle seed
   * @return the split
   */
  public static Split shuffleSplit(RowBatch all, double trainFraction, long seed) {
    int[] order = new int[all.rows()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    RandomStream.of(seed).shuffle(order);
    int cut = (int) (order.length * trainFraction);
    RowBatch.Builder tr = RowBatch.builder(all.featureDim(), 1, false);
    RowBatch.Builder te = RowBatch.builder(all.featureDim(), 1, false);
    for (int i = 0; i < order.length; i++) {
      (i < cut ? tr : te).addRowOf(all, order[i]);
    }
    return new Split(tr.build(), te.build());
  }

  /** Design matrix [1, standardised x] with standardisation from {@code fit}. */
  private static double[][] design(RowBatch b, RowBatch fit) {
    int d = b.featureDim();
    double[] mean = new double[d];
    double[] sd = new double[d];
    for (int r = 0; r < fit.rows(); r++) {
      for (int j = 0; j < d; j++) {
        mean[j] += fit.denseValues()[r * d + j];
      }
    }
    for (int j = 0; j < d; j++) {
      mean[j] /= fit.rows();
    }
    for (int r = 0; r < fit.rows(); r++) {
      for (int j = 0; j < d; j++) {
        double v = fit.denseValues()[r * d + j] - mean[j];
        sd[j] += v * v;
      }
    }
    double[][] x = new double[b.rows()][d + 1];
    for (int j = 0; j < d; j++) {
      sd[j] = Math.sqrt(sd[j] / fit.rows());
    }
    for (int r = 0; r < b.rows(); r++) {
      x[r][0] = 1;
      for (int j = 0; j < d; j++) {
        x[r][j + 1] = sd[j] > 0 ? (b.denseValues()[r * d + j] - mean[j]) / sd[j] : 0;
      }
    }
    return x;
  }

  /**
   * Test-set scores of L2-regularised logistic regression fitted to convergence by Newton's method.
   *
   * @param s the split
   * @param ridge the L2 penalty on the (standardised) weights, not the intercept
   * @return probabilities for the test rows
   */
  static double[] logisticReference(Split s, double ridge) {
    double[][] x = design(s.train(), s.train());
    int p = x[0].length;
    RealVector beta = new ArrayRealVector(p);
    for (int iter = 0; iter < 50; iter++) {
      double[] grad = new double[p];
      double[][] h = new double[p][p];
      for (int r = 0; r < x.length; r++) {
        double z = 0;
        for (int j = 0; j < p; j++) {
          z += x[r][j] * beta.getEntry(j);
        }
        double mu = 1 / (1 + Math.exp(-z));
        double w = mu * (1 - mu);
        double e = mu - s.train().label(r);
        for (int j = 0; j < p; j++) {
          grad[j] += e * x[r][j];
          for (int k = 0; k <= j; k++) {
            h[j][k] += w * x[r][j] * x[r][k];
          }
        }
      }
      for (int j = 0; j < p; j++) {
        for (int k = 0; k < j; k++) {
          h[k][j] = h[j][k];
        }
        if (j > 0) {
          grad[j] += ridge * beta.getEntry(j);
          h[j][j] += ridge;
        }
      }
      RealVector step = new CholeskyDecomposition(new Array2DRowRealMatrix(h)).getSolver()
          .solve(new ArrayRealVector(grad));
      beta = beta.subtract(step);
      if (step.getNorm() < 1e-10) {
        break;
      }
    }
    double[][] t = design(s.test(), s.train());
    double[] out = new double[t.length];
    for (int r = 0; r < t.length; r++) {
      double z = 0;
      for (int j = 0; j < p; j++) {
        z += t[r][j] * beta.getEntry(j);
      }
      out[r] = 1 / (1 + Math.exp(-z));
    }
    return out;
  }

  /** Test-set predictions of ordinary least squares (QR). */
  static double[] leastSquaresReference(Split s) {
    double[][] x = design(s.train(), s.train());
    double[] y = labels(s.train());
    RealMatrix a = new Array2DRowRealMatrix(x, false);
    RealVector beta = new QRDecomposition(a).getSolver().solve(new ArrayRealVector(y, false));
    double[][] t = design(s.test(), s.train());
    double[] out = new double[t.length];
    for (int r = 0; r < t.length; r++) {
      out[r] = new ArrayRealVector(t[r], false).dotProduct(beta);
    }
    return out;
  }

  /**
   * @param b rows
   * @return their labels
   */
  public static double[] labels(RowBatch b) {
    double[] y = new double[b.rows()];
    for (int r = 0; r < y.length; r++) {
      y[r] = b.label(r);
    }
    return y;
  }

  static double auc(RowBatch test, double[] scores) {
    return Metrics.auc(labels(test), scores, null);
  }
}
