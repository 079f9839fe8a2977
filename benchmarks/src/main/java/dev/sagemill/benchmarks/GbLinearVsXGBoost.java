package dev.sagemill.benchmarks;

import dev.sagemill.algo.gbdt.internal.LinearBooster;
import dev.sagemill.algo.xgboost.XGBoostEstimator;
import dev.sagemill.algo.xgboost.XGBoostJson;
import dev.sagemill.algo.xgboost.XGBoostModel;
import dev.sagemill.algo.xgboost.XGBoostParams;
import dev.sagemill.core.data.InMemoryDataset;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.estimator.FitOptions;
import dev.sagemill.core.metrics.Metrics;
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
 * {@code booster=gblinear} against xgboost4j 3.0.4's at the same parameters on the real datasets in
 * {@code ../shared/data}: spambase (ESL split, binary:logistic), California housing (every fifth row held out,
 * reg:squarederror) and LightGBM's multiclass example (multi:softprob). Both use the {@code shotgun} updater with
 * the cyclic selector; xgboost4j runs one thread, where its lock-free {@code shotgun} is deterministic and is the
 * method sagemill implements. xgboost4j's model is read back through {@link XGBoostJson}, so the coefficients are
 * compared directly (largest absolute difference), besides the test metric and the fit time of each.
 *
 * <p>Usage: {@code benchmarks/run.sh GbLinearVsXGBoost [rounds]} (default 100 rounds; eta 0.5, lambda 0.01,
 * alpha 0.001).
 */
public final class GbLinearVsXGBoost {
  private GbLinearVsXGBoost() {}

  /**
   * @param args optional number of rounds
   * @throws Exception on failure
   */
  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    Path data = GbdtQualityVsXGBoost.DATA;
    Path spam = data.resolve("spambase");
    List<String> flags = Files.readAllLines(spam.resolve("spambase.traintest"));
    RowBatch all = GbdtQualityVsXGBoost.read(spam.resolve("spambase.data"), "\\s+", -1, false, -1, false);
    run("spambase (ESL split)", GbdtQualityVsXGBoost.pick(all, flags, false),
        GbdtQualityVsXGBoost.pick(all, flags, true), "binary:logistic", 0, rounds);
    Path cal = data.resolve("california_housing/california_housing.csv");
    run("california housing", GbdtQualityVsXGBoost.read(cal, ",", -1, true, 5, false),
        GbdtQualityVsXGBoost.read(cal, ",", -1, true, 5, true), "reg:squarederror", 0, rounds);
    Path lgb = data.resolve("lightgbm_examples");
    run("lightgbm multiclass", GbdtQualityVsXGBoost.read(lgb.resolve("multiclass.train"), "\t", 0, false, -1, false),
        GbdtQualityVsXGBoost.read(lgb.resolve("multiclass.test"), "\t", 0, false, -1, false), "multi:softprob", 5,
        rounds);
  }

  private static void run(String name, RowBatch train, RowBatch test, String objective, int numClass, int rounds)
      throws Exception {
    Map<String, Object> xp = new HashMap<>();
    xp.put("booster", "gblinear");
    xp.put("objective", objective);
    xp.put("eta", 0.5);
    xp.put("lambda", 0.01);
    xp.put("alpha", 0.001);
    xp.put("nthread", 1);
    xp.put("seed", 0);
    if (numClass > 0) {
      xp.put("num_class", numClass);
    }
    DMatrix dtrain = new DMatrix(train.denseValues(), train.rows(), train.featureDim(), Float.NaN);
    float[] y = new float[train.rows()];
    for (int r = 0; r < y.length; r++) {
      y[r] = train.label(r);
    }
    dtrain.setLabel(y);
    long t0 = System.nanoTime();
    Booster b = XGBoost.train(dtrain, xp, rounds, new HashMap<>(), null, null);
    double theirTime = (System.nanoTime() - t0) / 1e9;
    Path json = Files.createTempFile("gblinear-", ".json");
    b.saveModel(json.toString());
    XGBoostModel theirs = XGBoostJson.read(json);
    Files.delete(json);
    XGBoostParams.Builder pb = XGBoostParams.builder(rounds).set("booster", "gblinear").objective(objective)
        .eta(0.5).set("lambda", "0.01").set("alpha", "0.001").set("nthread", "1");
    if (numClass > 0) {
      pb.numClass(numClass);
    }
    t0 = System.nanoTime();
    XGBoostModel ours = new XGBoostEstimator(pb.build()).fit(InMemoryDataset.of(train),
        FitOptions.builder().threads(1).build());
    double ourTime = (System.nanoTime() - t0) / 1e9;
    LinearBooster a = (LinearBooster) ours.booster();
    LinearBooster c = (LinearBooster) theirs.booster();
    double maxDiff = 0;
    double maxWeight = 0;
    float[] wa = a.weights();
    float[] wc = c.weights();
    for (int i = 0; i < wa.length; i++) {
      maxDiff = Math.max(maxDiff, Math.abs(wa[i] - wc[i]));
      maxWeight = Math.max(maxWeight, Math.abs(wc[i]));
    }
    double[] yt = new double[test.rows()];
    for (int r = 0; r < yt.length; r++) {
      yt[r] = test.label(r);
    }
    double[] po = ours.predictValues(test);
    double[] pt = theirs.predictValues(test);
    int w = po.length / test.rows();
    String metric = objective.startsWith("multi")
        ? String.format(Locale.ROOT, "mlogloss xgboost4j %.5f sagemill %.5f", Metrics.mlogloss(yt, pt, w, null),
            Metrics.mlogloss(yt, po, w, null))
        : objective.startsWith("binary")
            ? String.format(Locale.ROOT, "AUC xgboost4j %.5f sagemill %.5f", Metrics.auc(yt, pt, null),
                Metrics.auc(yt, po, null))
            : String.format(Locale.ROOT, "RMSE xgboost4j %.5f sagemill %.5f", Metrics.rmse(yt, pt, null),
                Metrics.rmse(yt, po, null));
    System.out.printf(Locale.ROOT, "%-22s %s, %d rounds: %s | max |w diff| %.2e (max |w| %.3g) | fit s "
        + "xgboost4j %.3f sagemill %.3f%n", name, objective, rounds, metric, maxDiff, maxWeight, theirTime, ourTime);
    b.dispose();
    dtrain.dispose();
  }
}
