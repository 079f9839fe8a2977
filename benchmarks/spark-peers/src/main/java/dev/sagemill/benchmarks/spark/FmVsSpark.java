package dev.sagemill.benchmarks.spark;

import dev.sagemill.algo.fm.FactorizationMachinesEstimator;
import dev.sagemill.algo.fm.FactorizationMachinesModel;
import dev.sagemill.algo.fm.FactorizationMachinesParams;
import dev.sagemill.algo.fm.FactorizationMachinesParams.PredictorType;
import dev.sagemill.benchmarks.FactorizationMachinesMovieLens;
import dev.sagemill.core.data.InMemoryDataset;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.estimator.FitOptions;
import dev.sagemill.core.metrics.Metrics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.classification.FMClassificationModel;
import org.apache.spark.ml.classification.FMClassifier;
import org.apache.spark.ml.regression.FMRegressionModel;
import org.apache.spark.ml.regression.FMRegressor;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Issue 25: sagemill's {@code factorization-machines} against Spark MLlib 4.2's {@code FMRegressor} in
 * {@code local[2]} on MovieLens 100K's five official folds (one-hot user + item), same {@code num_factors} (64) and
 * passes over the data: test RMSE, fit seconds and training rows per second (rows × passes / seconds). Spark's AdamW
 * solver runs {@code passes / miniBatchFraction} iterations of the given step, regularisation and fraction (its
 * defaults: 1.0, 0, 1.0); sagemill with the MovieLens harness's defaults (Rendle's SGD).
 *
 * <pre>benchmarks/spark-peers/run.sh FmVsSpark [passes, default 30] [spark stepSize] [spark regParam]
 * [spark miniBatchFraction] [regressor|binary]</pre>
 *
 * <p>{@code binary} runs the rating ≥ 4 task against {@code FMClassifier} and compares test AUC.
 */
public final class FmVsSpark {
  private FmVsSpark() {}

  /**
   * @param args passes, Spark's step size, regularisation and mini-batch fraction
   * @throws Exception on failure
   */
  public static void main(String[] args) throws Exception {
    int passes = args.length > 0 ? Integer.parseInt(args[0]) : 30;
    double step = args.length > 1 ? Double.parseDouble(args[1]) : 1.0;
    double reg = args.length > 2 ? Double.parseDouble(args[2]) : 0.0;
    double fraction = args.length > 3 ? Double.parseDouble(args[3]) : 1.0;
    boolean binary = args.length > 4 && args[4].equals("binary");
    PredictorType type = binary ? PredictorType.BINARY_CLASSIFIER : PredictorType.REGRESSOR;
    String metric = binary ? "AUC" : "RMSE";
    Path data = Path.of("../shared/data/movielens_100k");
    SparkSession spark = LocalSpark.start(LocalSpark.builder("fm-peer", 2));
    System.out.printf(Locale.ROOT, "machine: %d cores, java %s; Spark %s local[2]; %d passes; Spark adamW "
        + "stepSize %s regParam %s miniBatchFraction %s; %s%n", Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"), spark.version(), passes, step, reg, fraction, type.value());
    double smRmse = 0;
    double skRmse = 0;
    double smSeconds = 0;
    double skSeconds = 0;
    long rows = 0;
    for (int fold = 1; fold <= 5; fold++) {
      RowBatch train = FactorizationMachinesMovieLens.read(data.resolve("u" + fold + ".base"), type, null);
      RowBatch test = FactorizationMachinesMovieLens.read(data.resolve("u" + fold + ".test"), type, null);
      rows += (long) train.rows() * passes;
      double[] y = labels(test);

      Map<String, String> hp = new HashMap<>(Map.of("num_factors", "64", "optimizer", "sgd", "mini_batch_size", "1",
          "bias_lr", "0.01", "linear_lr", "0.01", "factors_lr", "0.01", "factors_init_sigma", "0.01", "bias_wd", "0",
          "linear_wd", "0.05", "factors_wd", "0.05"));
      hp.put("epochs", Integer.toString(passes));
      hp.put("feature_dim", Integer.toString(train.featureDim()));
      hp.put("predictor_type", type.value());
      long t0 = System.nanoTime();
      FactorizationMachinesModel m = new FactorizationMachinesEstimator(FactorizationMachinesParams.parse(hp))
          .fit(InMemoryDataset.of(train), FitOptions.builder().threads(2).build());
      smSeconds += (System.nanoTime() - t0) / 1e9;
      double[] ours = m.predict(test).stream().mapToDouble(q -> q.get("score")).toArray();
      double sm = binary ? Metrics.auc(y, ours, null) : Metrics.rmse(y, ours, null);
      smRmse += sm;

      Dataset<Row> trainDf = frame(spark, train).cache();
      trainDf.count();
      Dataset<Row> testDf = frame(spark, test);
      // Each Spark iteration samples miniBatchFraction of the rows: passes / fraction iterations make the passes.
      int iterations = (int) Math.round(passes / fraction);
      t0 = System.nanoTime();
      Dataset<Row> scored;
      if (binary) {
        FMClassificationModel sk = new FMClassifier().setFactorSize(64).setMaxIter(iterations).setStepSize(step)
            .setRegParam(reg).setMiniBatchFraction(fraction).setInitStd(0.01).setSeed(0).fit(trainDf);
        skSeconds += (System.nanoTime() - t0) / 1e9;
        scored = sk.transform(testDf).select(functions.col("label"),
            org.apache.spark.ml.functions.vector_to_array(functions.col("probability"), "float64").getItem(1));
      } else {
        FMRegressionModel sk = new FMRegressor().setFactorSize(64).setMaxIter(iterations).setStepSize(step)
            .setRegParam(reg).setMiniBatchFraction(fraction).setInitStd(0.01).setSeed(0).fit(trainDf);
        skSeconds += (System.nanoTime() - t0) / 1e9;
        scored = sk.transform(testDf).select("label", "prediction");
      }
      List<Row> out = scored.collectAsList();
      double[] yy = new double[out.size()];
      double[] theirs = new double[out.size()];
      for (int r = 0; r < out.size(); r++) {
        yy[r] = out.get(r).getDouble(0);
        theirs[r] = out.get(r).getDouble(1);
      }
      double sp = binary ? Metrics.auc(yy, theirs, null) : Metrics.rmse(yy, theirs, null);
      skRmse += sp;
      trainDf.unpersist();
      System.out.printf(Locale.ROOT, "  fold u%d: %s sagemill %.4f, Spark %.4f%n", fold, metric, sm, sp);
    }
    System.out.printf(Locale.ROOT, "mean %s sagemill %.4f (%.1f s, %.0f rows/s), Spark %s %.4f (%.1f s, "
        + "%.0f rows/s); throughput ratio %.1fx%n", metric, smRmse / 5, smSeconds, rows / smSeconds,
        binary ? "FMClassifier" : "FMRegressor", skRmse / 5, skSeconds, rows / skSeconds, skSeconds / smSeconds);
    spark.stop();
  }

  private static double[] labels(RowBatch b) {
    double[] y = new double[b.rows()];
    for (int r = 0; r < y.length; r++) {
      y[r] = b.label(r);
    }
    return y;
  }

  /** The rows as a DataFrame of (label, features) with Spark sparse vectors. */
  private static Dataset<Row> frame(SparkSession spark, RowBatch b) {
    List<Row> rows = new ArrayList<>(b.rows());
    int[] p = b.rowPointers();
    for (int r = 0; r < b.rows(); r++) {
      int n = p[r + 1] - p[r];
      int[] idx = new int[n];
      double[] val = new double[n];
      for (int e = 0; e < n; e++) {
        idx[e] = b.indices()[p[r] + e];
        val[e] = b.sparseValues()[p[r] + e];
      }
      rows.add(RowFactory.create((double) b.label(r), Vectors.sparse(b.featureDim(), idx, val)));
    }
    StructType schema = new StructType(new StructField[] {
        DataTypes.createStructField("label", DataTypes.DoubleType, false),
        DataTypes.createStructField("features", SQLDataTypes.VectorType(), false)});
    return spark.createDataFrame(rows, schema).repartition(2);
  }
}
