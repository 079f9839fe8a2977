package dev.sagemill.benchmarks;

import com.microsoft.ml.lightgbm.PredictionType;
import dev.sagemill.algo.lightgbm.LightGBMEstimator;
import dev.sagemill.algo.lightgbm.LightGBMModel;
import dev.sagemill.algo.lightgbm.LightGBMParams;
import dev.sagemill.core.data.InMemoryDataset;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.estimator.FitOptions;
import dev.sagemill.core.estimator.Prediction;
import dev.sagemill.core.metrics.Metrics;
import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMDataset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * sagemill's {@code lightgbm} against lightgbm4j 4.3.0 (native LightGBM) on the same rows with the same parameters
 * and thread count, in one run: training time (dataset construction included on both sides) and test AUC. Both
 * grow leaf-wise trees (255 leaves, depth 8), learning rate 0.1, 255 bins, no bagging, and both evaluate the
 * training AUC every iteration.
 *
 * <p>Usage: {@code benchmarks/run.sh -Xmx8g GbdtVsLightGBM [rows=1000000] [rounds=200] [threads=2]}.
 */
public final class GbdtVsLightGBM {
  private GbdtVsLightGBM() {}

  /**
   * @param args rows, rounds, threads
   * @throws Exception on failure
   */
  public static void main(String[] args) throws Exception {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    InMemoryDataset train = BenchData.synthetic(rows, 42);
    RowBatch test = BenchData.synthetic(200_000, 4242).data();
    RowBatch tr = train.data();
    int d = tr.featureDim();
    double[] yTest = BenchData.labels(test);
    System.out.printf(Locale.ROOT, "data: %,d x %d train, %,d test (synthetic Higgs-like); %d iterations, 255 leaves,"
        + " max_depth 8, learning_rate 0.1, max_bin 255, %d threads%n", tr.rows(), d, test.rows(), rounds, threads);
    Map<String, String> p = new HashMap<>();
    p.put("objective", "binary");
    p.put("num_leaves", "255");
    p.put("max_depth", "8");
    p.put("learning_rate", "0.1");
    p.put("min_data_in_leaf", "20");
    p.put("feature_fraction", "1.0");
    p.put("bagging_fraction", "1.0");
    p.put("bagging_freq", "0");
    p.put("max_bin", "255");
    p.put("num_threads", Integer.toString(threads));
    p.put("metric", "auc");
    p.put("seed", "0");

    // lightgbm4j
    float[] labels = GbdtQualityVsLightGBM.labels(tr);
    StringBuilder params = new StringBuilder("verbosity=-1 is_provide_training_metric=true");
    p.forEach((k, v) -> params.append(' ').append(k).append('=').append(v));
    long t0 = System.nanoTime();
    LGBMDataset ds = LGBMDataset.createFromMat(tr.denseValues(), tr.rows(), d, true, params.toString(), null);
    ds.setField("label", labels);
    LGBMBooster booster = LGBMBooster.create(ds, params.toString());
    double sink = 0;
    for (int i = 0; i < rounds; i++) {
      booster.updateOneIter();
      sink += booster.getEval(0)[0];
    }
    double lgbTrain = (System.nanoTime() - t0) / 1e9;
    double lgbAuc = Metrics.auc(yTest, booster.predictForMat(test.denseValues(), test.rows(), d, true,
        PredictionType.C_API_PREDICT_NORMAL), null);

    // sagemill
    Map<String, String> hp = new HashMap<>(p);
    hp.put("num_boost_round", Integer.toString(rounds));
    long t1 = System.nanoTime();
    LightGBMModel model = new LightGBMEstimator(LightGBMParams.parse(hp)).fit(train,
        FitOptions.builder().threads(threads).build());
    double smTrain = (System.nanoTime() - t1) / 1e9;
    List<Prediction> preds = model.predict(test);
    double[] ours = new double[test.rows()];
    for (int r = 0; r < ours.length; r++) {
      ours[r] = preds.get(r).get("probability");
    }
    double smAuc = Metrics.auc(yTest, ours, null);
    System.out.printf(Locale.ROOT, "train  lightgbm4j 4.3.0: %.2f s, test AUC %.4f [%.1f]%n", lgbTrain, lgbAuc,
        sink / rounds);
    System.out.printf(Locale.ROOT, "train  sagemill        : %.2f s, test AUC %.4f%n", smTrain, smAuc);
    System.out.printf(Locale.ROOT, "train time ratio sagemill/lightgbm4j = %.2f (goal <= 1.0); AUC diff %+.4f%n",
        smTrain / lgbTrain, smAuc - lgbAuc);
    booster.close();
    ds.close();
  }
}
