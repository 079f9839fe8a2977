package dev.sagemill.benchmarks;

import dev.sagemill.algo.linear.LinearLearnerEstimator;
import dev.sagemill.algo.linear.LinearLearnerModel;
import dev.sagemill.algo.linear.LinearLearnerParams;
import dev.sagemill.algo.linear.PredictorType;
import dev.sagemill.core.data.InMemoryDataset;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.estimator.FitOptions;
import dev.sagemill.core.estimator.Prediction;
import dev.sagemill.core.metrics.Metrics;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Issue 32 item 1: Linear Learner against scikit-learn's {@code LogisticRegression(C=1)} / {@code Ridge(alpha=1)} on
 * standardised data (Debian's {@code python3-sklearn}, run by {@code benchmarks/linear/sk_linear.py}) on the same
 * rows. Real tables are scored by 5-fold cross-validation (the same seeded folds for both; metrics on the pooled
 * out-of-fold predictions): iris, wine, breast cancer, digits and diabetes from scikit-learn's bundled files, and
 * {@code ../shared/data}'s spambase and California housing when present. Generated tables (a logistic and a linear
 * model of 20 features of unequal scales) of 100 to 1,000,000 training rows are scored on held-out rows (below
 * 10,000 rows, five independent draws pooled). sagemill
 * runs with SageMaker's defaults ({@code optimizer=auto}: the full-batch solver when the data fits) and with
 * {@code optimizer=adam} (SageMaker's own optimizer) for comparison. Prints each metric, its gap to scikit-learn's
 * (goal: AUC within 0.005, log-loss within 0.02, RMSE within 1%) and the fit times, scikit-learn's with its
 * cross-validated equivalent of sagemill's default ({@code LogisticRegressionCV} / {@code RidgeCV} over the same
 * eight regularisation strengths) too.
 *
 * <pre>apt-get install python3-sklearn
 * benchmarks/run.sh LinearLearnerVsScikitLearn [max generated rows, default 1000000]</pre>
 */
public final class LinearLearnerVsScikitLearn {
  private static final int FOLDS = 5;

  private LinearLearnerVsScikitLearn() {}

  /** A table: features, labels, the task and the class count. */
  private record Table(String name, float[][] x, double[] y, String task, int classes) {}

  /**
   * @param args the largest generated training size (default 1,000,000)
   * @throws Exception on failure
   */
  public static void main(String[] args) throws Exception {
    long maxRows = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
    System.out.printf(Locale.ROOT, "machine: %d cores, java %s%n", Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"));
    System.out.printf(Locale.ROOT, "%-22s %8s %-10s %9s %9s %9s %9s | %8s %8s %8s %8s%n", "table", "rows", "metric",
        "sklearn", "sm auto", "gap", "sm adam", "t sk", "t sk cv", "t auto", "t adam");
    List<Table> tables = new ArrayList<>();
    tables.add(sklearnTable("iris", "iris.csv", 4, 3));
    tables.add(sklearnTable("wine", "wine_data.csv", 13, 3));
    tables.add(sklearnTable("breast cancer", "breast_cancer.csv", 30, 2));
    tables.add(sklearnTable("digits", "digits.csv.gz", 64, 10));
    tables.add(diabetes());
    Path shared = Path.of("../shared/data");
    if (Files.isDirectory(shared.resolve("spambase"))) {
      tables.add(delimited("spambase", shared.resolve("spambase/spambase.data"), " ", false, "binary", 2));
      tables.add(delimited("california housing", shared.resolve("california_housing/california_housing.csv"), ",",
          true, "regression", 0));
    } else {
      System.out.println("../shared/data is missing: spambase and California housing skipped");
    }
    for (Table t : tables) {
      crossValidate(t);
    }
    for (long n = 100; n <= maxRows; n *= 10) {
      for (String task : new String[] {"binary", "regression"}) {
        // Below 10,000 rows one draw is noisy: five independent draws, their test predictions pooled.
        int draws = n < 10_000 ? 5 : 1;
        List<Table> trains = new ArrayList<>();
        List<Table> tests = new ArrayList<>();
        for (int k = 0; k < draws; k++) {
          trains.add(generated(task, (int) n, 1 + 2 * k));
          tests.add(generated(task, (int) Math.max(2000, n / 4), 2 + 2 * k));
        }
        compare(trains.get(0).name(), (int) n, task, trains.get(0).classes(), trains, tests);
      }
    }
  }

  private static void crossValidate(Table t) throws Exception {
    int n = t.y().length;
    int[] order = BenchData.shuffledOrder(n, 0);
    List<Table> trains = new ArrayList<>();
    List<Table> tests = new ArrayList<>();
    for (int f = 0; f < FOLDS; f++) {
      List<Integer> in = new ArrayList<>();
      List<Integer> out = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        (i % FOLDS == f ? out : in).add(order[i]);
      }
      trains.add(subset(t, in));
      tests.add(subset(t, out));
    }
    compare(t.name(), n, t.task(), t.classes(), trains, tests);
  }

  /** Fits scikit-learn and sagemill (auto, adam) on each training part; scores the pooled test predictions. */
  private static void compare(String name, int rows, String task, int classes, List<Table> trains,
      List<Table> tests) throws Exception {
    Path dir = Files.createTempDirectory("linear-vs-sklearn");
    for (int f = 0; f < trains.size(); f++) {
      write(dir.resolve("train" + f + ".csv"), trains.get(f));
      write(dir.resolve("test" + f + ".csv"), tests.get(f));
    }
    Process p = new ProcessBuilder("/usr/bin/python3", "benchmarks/linear/sk_linear.py", task, dir.toString(),
        Integer.toString(trains.size())).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    if (p.waitFor() != 0) {
      throw new IllegalStateException("sk_linear.py failed");
    }
    double skSeconds = Double.parseDouble(out.split(" ")[0]);
    double skCvSeconds = Double.parseDouble(out.split(" ")[1]);
    int width = task.equals("multiclass") ? classes : 1;
    List<double[]> skPred = new ArrayList<>();
    for (int f = 0; f < trains.size(); f++) {
      skPred.add(readPredictions(dir.resolve("pred" + f + ".txt"), tests.get(f).y().length * width));
    }
    double[] y = concat(tests.stream().map(Table::y).toList());
    double[] sk = concat(skPred);
    double[] tAuto = new double[1];
    double[] tAdam = new double[1];
    double[] auto = sagemill(task, classes, trains, tests, "auto", tAuto);
    double[] adam = sagemill(task, classes, trains, tests, "adam", tAdam);
    String[] metrics = switch (task) {
      case "binary" -> new String[] {"auc", "logloss"};
      case "multiclass" -> new String[] {"logloss", "accuracy"};
      default -> new String[] {"rmse"};
    };
    for (String m : metrics) {
      double ref = metric(m, y, sk, classes);
      double a = metric(m, y, auto, classes);
      double gap = switch (m) {
        case "auc", "accuracy" -> ref - a;
        case "logloss" -> a - ref;
        default -> a / ref - 1;
      };
      System.out.printf(Locale.ROOT, "%-22s %8d %-10s %9.4f %9.4f %9s %9.4f | %7.2fs %7.2fs %7.2fs %7.2fs%n", name,
          rows, m, ref, a, m.equals("rmse") ? String.format(Locale.ROOT, "%+.2f%%", 100 * gap)
              : String.format(Locale.ROOT, "%+.4f", gap), metric(m, y, adam, classes), skSeconds, skCvSeconds,
          tAuto[0], tAdam[0]);
    }
  }

  private static double metric(String m, double[] y, double[] pred, int classes) {
    return switch (m) {
      case "auc" -> Metrics.auc(y, pred, null);
      case "logloss" -> classes > 2 ? Metrics.mlogloss(y, pred, classes, null) : Metrics.logloss(y, pred, null);
      case "accuracy" -> 1 - Metrics.merror(y, pred, classes, null);
      default -> Metrics.rmse(y, pred, null);
    };
  }

  /** sagemill's pooled test predictions (P(1), class probabilities or values) with the given optimizer. */
  private static double[] sagemill(String task, int classes, List<Table> trains, List<Table> tests,
      String optimizer, double[] seconds) {
    List<double[]> parts = new ArrayList<>();
    for (int f = 0; f < trains.size(); f++) {
      Table train = trains.get(f);
      PredictorType type = switch (task) {
        case "binary" -> PredictorType.BINARY_CLASSIFIER;
        case "multiclass" -> PredictorType.MULTICLASS_CLASSIFIER;
        default -> PredictorType.REGRESSOR;
      };
      LinearLearnerParams.Builder b = LinearLearnerParams.builder(type).set("optimizer", optimizer);
      if (classes > 2) {
        b.set("num_classes", Integer.toString(classes));
      }
      long t0 = System.nanoTime();
      LinearLearnerModel m = new LinearLearnerEstimator(b.build()).fit(InMemoryDataset.of(batch(train)),
          FitOptions.builder().build());
      seconds[0] += (System.nanoTime() - t0) / 1e9;
      List<Prediction> pr = m.predict(batch(tests.get(f)));
      int width = classes > 2 ? classes : 1;
      double[] out = new double[pr.size() * width];
      for (int r = 0; r < pr.size(); r++) {
        if (width > 1) {
          System.arraycopy(pr.get(r).getVector("score"), 0, out, r * width, width);
        } else {
          out[r] = pr.get(r).get("score");
        }
      }
      parts.add(out);
    }
    return concat(parts);
  }

  private static Table sklearnTable(String name, String file, int d, int classes) throws Exception {
    List<float[]> rows = SklearnData.rows(file);
    float[][] x = new float[rows.size()][];
    double[] y = new double[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      x[i] = Arrays.copyOf(rows.get(i), d);
      y[i] = rows.get(i)[d];
    }
    return new Table(name, x, y, classes > 2 ? "multiclass" : "binary", classes);
  }

  private static Table diabetes() throws Exception {
    Path folder = SklearnData.FOLDER;
    List<String> xs = gunzipLines(folder.resolve("diabetes_data_raw.csv.gz"));
    List<String> ys = gunzipLines(folder.resolve("diabetes_target.csv.gz"));
    float[][] x = new float[xs.size()][];
    double[] y = new double[xs.size()];
    for (int i = 0; i < xs.size(); i++) {
      String[] c = xs.get(i).trim().split("\\s+");
      x[i] = new float[c.length];
      for (int j = 0; j < c.length; j++) {
        x[i][j] = Float.parseFloat(c[j]);
      }
      y[i] = Double.parseDouble(ys.get(i).trim());
    }
    return new Table("diabetes", x, y, "regression", 0);
  }

  private static List<String> gunzipLines(Path file) throws Exception {
    try (BufferedReader r = new BufferedReader(new java.io.InputStreamReader(
        new java.util.zip.GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
      return r.lines().filter(l -> !l.isBlank()).toList();
    }
  }

  /** A table whose label is its last column. */
  private static Table delimited(String name, Path file, String sep, boolean header, String task, int classes)
      throws Exception {
    List<String> lines = Files.readAllLines(file);
    List<float[]> x = new ArrayList<>();
    List<Double> y = new ArrayList<>();
    for (String line : header ? lines.subList(1, lines.size()) : lines) {
      if (line.isBlank()) {
        continue;
      }
      String[] c = line.trim().split(sep.equals(" ") ? "\\s+" : sep);
      float[] v = new float[c.length - 1];
      for (int j = 0; j < v.length; j++) {
        v[j] = Float.parseFloat(c[j]);
      }
      x.add(v);
      y.add(Double.parseDouble(c[c.length - 1]));
    }
    return new Table(name, x.toArray(new float[0][]), y.stream().mapToDouble(Double::doubleValue).toArray(), task,
        classes);
  }

  /** 20 standard-normal signals scaled by 1..20; a logistic (binary) or linear (regression) model of them. */
  private static Table generated(String task, int n, long seed) {
    int d = 20;
    Random coefs = new Random(42);
    double[] g = new double[d];
    for (int j = 0; j < d; j++) {
      g[j] = coefs.nextGaussian() * 2.5 / Math.sqrt(d);
    }
    Random rnd = new Random(seed * 1_000_003L + n);
    float[][] x = new float[n][d];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      double z = 0;
      for (int j = 0; j < d; j++) {
        double u = rnd.nextGaussian();
        x[i][j] = (float) (u * (j + 1) + j);
        z += g[j] * u;
      }
      y[i] = task.equals("binary") ? (rnd.nextDouble() < 1 / (1 + Math.exp(-(z + 0.3))) ? 1 : 0)
          : 50 + 10 * z + 5 * rnd.nextGaussian();
    }
    return new Table("generated " + task, x, y, task, task.equals("binary") ? 2 : 0);
  }

  private static Table subset(Table t, List<Integer> rows) {
    float[][] x = new float[rows.size()][];
    double[] y = new double[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      x[i] = t.x()[rows.get(i)];
      y[i] = t.y()[rows.get(i)];
    }
    return new Table(t.name(), x, y, t.task(), t.classes());
  }

  private static RowBatch batch(Table t) {
    RowBatch.Builder b = RowBatch.builder(t.x()[0].length, 1, false).origin(t.name(), 1);
    for (int i = 0; i < t.y().length; i++) {
      b.addDense(t.x()[i], 0, new float[] {(float) t.y()[i]}, 1f);
    }
    return b.build();
  }

  private static void write(Path file, Table t) throws Exception {
    try (BufferedWriter w = Files.newBufferedWriter(file)) {
      StringBuilder s = new StringBuilder();
      for (int i = 0; i < t.y().length; i++) {
        s.setLength(0);
        s.append(t.y()[i]);
        for (float v : t.x()[i]) {
          s.append(',').append(v);
        }
        w.write(s.append('\n').toString());
      }
    }
  }

  private static double[] readPredictions(Path file, int expected) throws Exception {
    double[] out = new double[expected];
    int k = 0;
    for (String line : Files.readAllLines(file)) {
      for (String c : line.trim().split("\\s+")) {
        if (!c.isEmpty()) {
          out[k++] = Double.parseDouble(c);
        }
      }
    }
    if (k != expected) {
      throw new IllegalStateException(file + ": " + k + " predictions, expected " + expected);
    }
    return out;
  }

  private static double[] concat(List<double[]> parts) {
    int n = 0;
    for (double[] p : parts) {
      n += p.length;
    }
    double[] out = new double[n];
    int o = 0;
    for (double[] p : parts) {
      System.arraycopy(p, 0, out, o, p.length);
      o += p.length;
    }
    return out;
  }
}
