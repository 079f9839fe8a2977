package dev.sagemill.benchmarks;

import dev.sagemill.algo.xgboost.XGBoostEstimator;
import dev.sagemill.algo.xgboost.XGBoostModel;
import dev.sagemill.algo.xgboost.XGBoostParams;
import dev.sagemill.core.data.InMemoryDataset;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.estimator.FitOptions;
import dev.sagemill.core.metrics.Metrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;

/**
 * Test-set quality of sagemill's {@code xgboost} and xgboost4j 3.0.4 ({@code tree_method=hist}) at the same
 * parameters on the real datasets in {@code ../shared/data}: the LightGBM binary (Higgs) and multiclass examples,
 * spambase (ESL split) and California housing (every fifth row held out). The xgboost4j figures are the
 * references that {@code XGBoostQualityTest} asserts against.
 *
 * <p>Usage: {@code benchmarks/run.sh GbdtQualityVsXGBoost}.
 */
public final class GbdtQualityVsXGBoost {
  static final Path DATA = Path.of("../shared/data");

  private GbdtQualityVsXGBoost() {}

  /**
   * @param args unused
   * @throws Exception on failure
   */
  public static void main(String[] args) throws Exception {
    Path lgb = DATA.resolve("lightgbm_examples");
    run("higgs (lightgbm binary)", read(lgb.resolve("binary.train"), "\t", 0, false, -1, false),
        read(lgb.resolve("binary.test"), "\t", 0, false, -1, false), "binary:logistic", 0, 100);
    run("lightgbm multiclass", read(lgb.resolve("multiclass.train"), "\t", 0, false, -1, false),
        read(lgb.resolve("multiclass.test"), "\t", 0, false, -1, false), "multi:softprob", 5, 100);
    Path spam = DATA.resolve("spambase");
    List<String> flags = Files.readAllLines(spam.resolve("spambase.traintest"));
    RowBatch all = read(spam.resolve("spambase.data"), "\\s+", -1, false, -1, false);
    run("spambase (ESL split)", pick(all, flags, false), pick(all, flags, true), "binary:logistic", 0, 100);
    Path cal = DATA.resolve("california_housing/california_housing.csv");
    run("california housing", read(cal, ",", -1, true, 5, false), read(cal, ",", -1, true, 5, true),
        "reg:squarederror", 0, 200);
    rank(lgb);
  }

  /**
   * LambdaMART on LightGBM's ranking example: the query files become libsvm {@code qid}s for sagemill (as a
   * SageMaker job would get them) and {@code setGroup} for xgboost4j; NDCG@10 of both on the test queries.
   */
  private static void rank(Path lgb) throws Exception {
    int[] trainGroups = groups(lgb.resolve("rank.train.query"));
    int[] testGroups = groups(lgb.resolve("rank.test.query"));
    Path trainFile = withQids(lgb.resolve("rank.train"), trainGroups);
    Path testFile = withQids(lgb.resolve("rank.test"), testGroups);
    int dim = 301;
    RowBatch train = InMemoryDataset.collect(dev.sagemill.io.libsvm.LibSvmDataSource.of(
        dev.sagemill.io.Channel.of(trainFile), dev.sagemill.io.libsvm.IndexBase.ZERO, dim)).data();
    RowBatch test = InMemoryDataset.collect(dev.sagemill.io.libsvm.LibSvmDataSource.of(
        dev.sagemill.io.Channel.of(testFile), dev.sagemill.io.libsvm.IndexBase.ZERO, dim)).data();
    Map<String, Object> xp = new HashMap<>();
    xp.put("objective", "rank:ndcg");
    xp.put("tree_method", "hist");
    xp.put("max_depth", 6);
    xp.put("eta", 0.1);
    xp.put("nthread", 2);
    xp.put("seed", 0);
    DMatrix dtrain = dense(train);
    dtrain.setGroup(trainGroups);
    Booster b = XGBoost.train(dtrain, xp, 100, new HashMap<>(), null, null);
    float[][] theirs = b.predict(dense(test), true);
    XGBoostModel m = new XGBoostEstimator(XGBoostParams.builder(100).objective("rank:ndcg").eta(0.1).maxDepth(6)
        .set("nthread", "2").build()).fit(dev.sagemill.io.libsvm.LibSvmDataSource.of(
            dev.sagemill.io.Channel.of(trainFile), dev.sagemill.io.libsvm.IndexBase.ZERO, dim),
        FitOptions.builder().threads(2).build());
    double[] ours = m.ensemble().margins(test, null);
    float[] y = new float[test.rows()];
    double[] t = new double[test.rows()];
    for (int r = 0; r < y.length; r++) {
      y[r] = test.label(r);
      t[r] = theirs[r][0];
    }
    int[] ptr = new int[testGroups.length + 1];
    for (int g = 0; g < testGroups.length; g++) {
      ptr[g + 1] = ptr[g] + testGroups[g];
    }
    dev.sagemill.algo.gbdt.internal.EvalMetric ndcg = dev.sagemill.algo.gbdt.internal.EvalMetric.of("ndcg@10");
    dev.sagemill.algo.gbdt.internal.Objective identity = dev.sagemill.algo.gbdt.internal.Objectives.of("rank:ndcg", 0.7, 1.5, 1);
    double a = ndcg.evaluate(new dev.sagemill.algo.gbdt.internal.EvalData(y, null, ptr, t, 1, identity));
    double c = ndcg.evaluate(new dev.sagemill.algo.gbdt.internal.EvalData(y, null, ptr, ours, 1, identity));
    System.out.printf(Locale.ROOT, "%-26s %s, depth 6, eta 0.1, %d rounds: NDCG@10 xgboost4j %.5f sagemill %.5f%n",
        "lightgbm rank example", "rank:ndcg", 100, a, c);
    b.dispose();
  }

  private static int[] groups(Path file) throws IOException {
    return Files.readAllLines(file).stream().filter(l -> !l.isBlank()).mapToInt(l -> Integer.parseInt(l.trim()))
        .toArray();
  }

  /** A copy of a libsvm file with {@code qid:g} after each label, g counting the query groups. */
  private static Path withQids(Path file, int[] groups) throws IOException {
    List<String> lines = Files.readAllLines(file);
    StringBuilder sb = new StringBuilder();
    int row = 0;
    for (int g = 0; g < groups.length; g++) {
      for (int i = 0; i < groups[g]; i++, row++) {
        String line = lines.get(row);
        int space = line.indexOf(' ');
        sb.append(line, 0, space).append(" qid:").append(g).append(line.substring(space)).append('\n');
      }
    }
    Path out = Files.createTempFile("rank-", ".libsvm");
    Files.writeString(out, sb.toString());
    out.toFile().deleteOnExit();
    return out;
  }

  private static DMatrix dense(RowBatch b) throws Exception {
    int d = b.featureDim();
    float[] x = new float[b.rows() * d];
    java.util.Arrays.fill(x, Float.NaN);
    int[] ptr = b.rowPointers();
    for (int r = 0; r < b.rows(); r++) {
      for (int j = ptr[r]; j < ptr[r + 1]; j++) {
        x[r * d + b.indices()[j]] = b.sparseValues()[j];
      }
    }
    DMatrix m = new DMatrix(x, b.rows(), d, Float.NaN);
    float[] y = new float[b.rows()];
    for (int r = 0; r < y.length; r++) {
      y[r] = b.label(r);
    }
    m.setLabel(y);
    return m;
  }

  private static void run(String name, RowBatch train, RowBatch test, String objective, int numClass, int rounds)
      throws Exception {
    Map<String, Object> xp = new HashMap<>();
    xp.put("objective", objective);
    xp.put("tree_method", "hist");
    xp.put("max_depth", 6);
    xp.put("eta", 0.1);
    xp.put("nthread", 2);
    xp.put("seed", 0);
    if (numClass > 0) {
      xp.put("num_class", numClass);
    }
    DMatrix dtrain = matrix(train);
    Booster b = XGBoost.train(dtrain, xp, rounds, new HashMap<>(), null, null);
    float[][] xgb = b.predict(matrix(test));
    XGBoostParams.Builder pb = XGBoostParams.builder(rounds).objective(objective).eta(0.1).maxDepth(6)
        .set("nthread", "2");
    if (numClass > 0) {
      pb.numClass(numClass);
    }
    XGBoostModel m = new XGBoostEstimator(pb.build()).fit(InMemoryDataset.of(train),
        FitOptions.builder().threads(2).build());
    double[] ours = m.predictValues(test);
    double[] y = new double[test.rows()];
    for (int r = 0; r < y.length; r++) {
      y[r] = test.label(r);
    }
    int w = xgb[0].length;
    double[] theirs = new double[xgb.length * w];
    for (int r = 0; r < xgb.length; r++) {
      System.arraycopy(toDouble(xgb[r]), 0, theirs, r * w, w);
    }
    String metrics;
    if (objective.startsWith("multi")) {
      metrics = String.format(Locale.ROOT, "mlogloss xgboost4j %.5f sagemill %.5f | merror %.5f / %.5f",
          Metrics.mlogloss(y, theirs, w, null), Metrics.mlogloss(y, ours, w, null),
          Metrics.merror(y, theirs, w, null), Metrics.merror(y, ours, w, null));
    } else if (objective.startsWith("binary")) {
      metrics = String.format(Locale.ROOT, "AUC xgboost4j %.5f sagemill %.5f | logloss %.5f / %.5f",
          Metrics.auc(y, theirs, null), Metrics.auc(y, ours, null), Metrics.logloss(y, theirs, null),
          Metrics.logloss(y, ours, null));
    } else {
      metrics = String.format(Locale.ROOT, "RMSE xgboost4j %.5f sagemill %.5f", Metrics.rmse(y, theirs, null),
          Metrics.rmse(y, ours, null));
    }
    System.out.printf(Locale.ROOT, "%-26s %s, depth 6, eta 0.1, %d rounds: %s%n", name, objective, rounds, metrics);
    b.dispose();
    dtrain.dispose();
  }

  static double[] toDouble(float[] a) {
    double[] d = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      d[i] = a[i];
    }
    return d;
  }

  private static DMatrix matrix(RowBatch b) throws Exception {
    DMatrix m = new DMatrix(b.denseValues(), b.rows(), b.featureDim(), Float.NaN);
    float[] y = new float[b.rows()];
    for (int r = 0; r < y.length; r++) {
      y[r] = b.label(r);
    }
    m.setLabel(y);
    return m;
  }

  static RowBatch pick(RowBatch all, List<String> flags, boolean test) {
    RowBatch.Builder out = RowBatch.builder(all.featureDim(), 1, false);
    for (int r = 0; r < all.rows(); r++) {
      if (flags.get(r).trim().equals("1") == test) {
        out.addRowOf(all, r);
      }
    }
    return out.build();
  }

  /** A numeric delimited file; with {@code every > 0}, only rows whose index mod every is 0 (test) or not. */
  static RowBatch read(Path file, String delimiter, int labelColumn, boolean header, int every, boolean held)
      throws IOException {
    List<String> lines = Files.readAllLines(file);
    RowBatch.Builder b = null;
    int row = 0;
    for (int i = header ? 1 : 0; i < lines.size(); i++) {
      String line = lines.get(i).trim();
      if (line.isEmpty()) {
        continue;
      }
      int index = row++;
      if (every > 0 && (index % every == 0) != held) {
        continue;
      }
      String[] cells = line.split(delimiter);
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
}
