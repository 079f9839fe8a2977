package dev.sagemill.benchmarks.spark;

import dev.sagemill.algo.kmeans.KMeansModel;
import dev.sagemill.algo.pca.PCAModel;
import dev.sagemill.core.random.SplitMix64;
import dev.sagemill.spark.SagemillEstimator;
import dev.sagemill.spark.SagemillModel;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.ml.classification.GBTClassifier;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.clustering.KMeans;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.feature.PCA;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Issue 28: sagemill's Spark stages against Spark MLlib 4.2 on {@code local[2]}, on the same cached DataFrame of
 * generated rows × 28 features in 4 partitions, one run each, fit time from {@code fit} to the fitted model:
 *
 * <ul>
 *   <li>{@code kmeans} (SageMaker's multi-host scheme, distributed; k = 10, {@code init_method=kmeans++}, 1 epoch,
 *       the SageMaker default) against MLlib {@code KMeans} (k-means||, its defaults: 20 iterations); quality: mean
 *       squared distance of every row to its nearest center, computed the same way for both;</li>
 *   <li>{@code pca} (scatter sums, distributed; 5 components, regular mode) against MLlib {@code PCA}; quality:
 *       explained variance of the components (both centre the data);</li>
 *   <li>{@code linear-learner} (binary classifier, SageMaker's defaults, exact gradient aggregation) against MLlib
 *       {@code LogisticRegression}; quality: training AUC;</li>
 *   <li>{@code xgboost} (no distributed scheme yet: trained on the driver from the collected rows; depth 8,
 *       {@code rounds} rounds, hist) against MLlib {@code GBTClassifier} (depth 8, the same iterations and step 0.1);
 *       quality: training AUC.</li>
 * </ul>
 *
 * <pre>benchmarks/spark-peers/run.sh SparkStagesVsMLlib [rows, default 1000000] [gbdt rounds, default 20]
 * [what: all|kmeans|pca|linear|gbdt]</pre>
 */
public final class SparkStagesVsMLlib {
  private static final int D = 28;
  private static final int K = 10;

  private SparkStagesVsMLlib() {}

  /**
   * @param args rows, boosting rounds, which comparisons
   */
  public static void main(String[] args) {
    long rows = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    String what = args.length > 2 ? args[2] : "all";
    SparkSession spark = LocalSpark.start(LocalSpark.builder("sagemill-vs-mllib", 4)
        .config("spark.driver.maxResultSize", "2g"));
    System.out.printf(Locale.ROOT, "machine: %d cores, java %s, heap %d MB; Spark %s local[2]; %d rows x %d, "
        + "4 partitions%n", Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
        Runtime.getRuntime().maxMemory() >> 20, spark.version(), rows, D);
    Dataset<Row> data = generate(spark, rows).cache();
    System.out.printf(Locale.ROOT, "data cached: %d rows%n", data.count());
    if (what.equals("all") || what.equals("kmeans")) {
      kmeans(data);
    }
    if (what.equals("all") || what.equals("pca")) {
      pca(data);
    }
    if (what.equals("all") || what.equals("linear")) {
      linear(data);
    }
    if (what.equals("all") || what.equals("gbdt")) {
      gbdt(data, rounds);
    }
    spark.stop();
  }

  /** 10 Gaussian blobs (centres at scale 5, unit noise); the label is a noisy linear rule (for the classifiers). */
  static Dataset<Row> generate(SparkSession spark, long rows) {
    double[][] centres = new double[K][D];
    SplitMix64 c = new SplitMix64(42);
    for (double[] centre : centres) {
      for (int j = 0; j < D; j++) {
        centre[j] = 5 * (c.nextDouble() * 2 - 1);
      }
    }
    StructType schema = new StructType().add("features", SQLDataTypes.VectorType(), false)
        .add("label", DataTypes.DoubleType, false);
    return spark.range(0, rows, 1, 4).map((MapFunction<Long, Row>) id -> {
      SplitMix64 rng = new SplitMix64(id * 0x9E3779B97F4A7C15L + 7);
      double[] centre = centres[(int) (id % K)];
      double[] x = new double[D];
      double z = 0;
      for (int j = 0; j < D; j++) {
        x[j] = centre[j] + gaussian(rng);
        z += (j % 3 == 0 ? 0.3 : -0.1) * x[j];
      }
      z += x[0] * x[1] * 0.05 + gaussian(rng);
      return RowFactory.create(Vectors.dense(x), z > 0 ? 1.0 : 0.0);
    }, Encoders.row(schema));
  }

  private static double gaussian(SplitMix64 rng) {
    double u = Math.max(1e-300, rng.nextDouble());
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.nextDouble());
  }

  private static void kmeans(Dataset<Row> data) {
    long t0 = System.nanoTime();
    SagemillModel sm = new SagemillEstimator("kmeans").setHyperparameters(Map.of("k", Integer.toString(K),
        "init_method", "kmeans++", "mini_batch_size", "5000")).setLabelCol("label").fit(data);
    double smSec = (System.nanoTime() - t0) / 1e9;
    float[] smCentres = ((KMeansModel) sm.sagemillModel()).centroids();
    t0 = System.nanoTime();
    org.apache.spark.ml.clustering.KMeansModel ml = new KMeans().setK(K).setSeed(1).fit(data);
    double mlSec = (System.nanoTime() - t0) / 1e9;
    float[] mlCentres = new float[K * D];
    Vector[] centres = ml.clusterCenters();
    for (int j = 0; j < K; j++) {
      for (int f = 0; f < D; f++) {
        mlCentres[j * D + f] = (float) centres[j].apply(f);
      }
    }
    double smMsd = msd(data, smCentres);
    double mlMsd = msd(data, mlCentres);
    System.out.printf(Locale.ROOT, "kmeans: sagemill %.2f s msd %.4f | MLlib KMeans %.2f s msd %.4f (%d iterations) | "
        + "time ratio %.2f%n", smSec, smMsd, mlSec, mlMsd, ml.summary().numIter(), smSec / mlSec);
  }

  /** Mean squared distance of every row to its nearest centre, on the executors. */
  private static double msd(Dataset<Row> data, float[] centres) {
    double[] sum = data.javaRDD().map(r -> {
      double[] x = ((DenseVector) r.get(0)).values();
      double best = Double.POSITIVE_INFINITY;
      for (int j = 0; j < centres.length / D; j++) {
        double d2 = 0;
        for (int f = 0; f < D; f++) {
          double t = x[f] - centres[j * D + f];
          d2 += t * t;
        }
        best = Math.min(best, d2);
      }
      return new double[] {best, 1};
    }).reduce((a, b) -> new double[] {a[0] + b[0], a[1] + b[1]});
    return sum[0] / sum[1];
  }

  private static void pca(Dataset<Row> data) {
    long t0 = System.nanoTime();
    SagemillModel sm = new SagemillEstimator("pca").setHyperparameters(Map.of("num_components", "5",
        "mini_batch_size", "5000")).setLabelCol("label").fit(data);
    double smSec = (System.nanoTime() - t0) / 1e9;
    PCAModel p = (PCAModel) sm.sagemillModel();
    double smRatio = sum(p.explainedVarianceRatio());
    t0 = System.nanoTime();
    org.apache.spark.ml.feature.PCAModel ml = new PCA().setK(5).setInputCol("features").setOutputCol("pc").fit(data);
    double mlSec = (System.nanoTime() - t0) / 1e9;
    double mlRatio = sum(ml.explainedVariance().toArray());
    System.out.printf(Locale.ROOT, "pca: sagemill %.2f s explained %.6f | MLlib PCA %.2f s explained %.6f | "
        + "time ratio %.2f%n", smSec, smRatio, mlSec, mlRatio, smSec / mlSec);
  }

  private static double sum(double[] a) {
    double s = 0;
    for (double v : a) {
      s += v;
    }
    return s;
  }

  /**
   * Linear Learner (binary classifier, SageMaker's defaults: the full-batch solver, distributed) against MLlib's
   * {@code LogisticRegression} (L2, regParam 1e-4, standardization, its default L-BFGS): training AUC.
   */
  private static void linear(Dataset<Row> data) {
    BinaryClassificationEvaluator auc = new BinaryClassificationEvaluator();
    long t0 = System.nanoTime();
    var ml = new LogisticRegression().setRegParam(1e-4).fit(data);
    double mlSec = (System.nanoTime() - t0) / 1e9;
    double mlAuc = auc.setRawPredictionCol("rawPrediction").evaluate(ml.transform(data));
    // SageMaker's default num_models (8 values of wd, each compared by 5-fold cross-validation: 48 solves), and one
    // model, as MLlib fits.
    for (String models : new String[] {"auto", "1"}) {
      t0 = System.nanoTime();
      SagemillModel sm = new SagemillEstimator("linear-learner").setHyperparameters(Map.of("predictor_type",
          "binary_classifier", "num_models", models)).fit(data);
      double smSec = (System.nanoTime() - t0) / 1e9;
      double smAuc = auc.setRawPredictionCol("score").evaluate(sm.transform(data));
      System.out.printf(Locale.ROOT, "linear: sagemill linear-learner (num_models %s) %.2f s AUC %.5f | MLlib "
          + "LogisticRegression %.2f s AUC %.5f (%d iterations) | time ratio %.2f%n", models, smSec, smAuc, mlSec,
          mlAuc, ml.summary().totalIterations(), smSec / mlSec);
    }
  }

  private static void gbdt(Dataset<Row> data, int rounds) {
    BinaryClassificationEvaluator auc = new BinaryClassificationEvaluator();
    long t0 = System.nanoTime();
    SagemillModel sm = new SagemillEstimator("xgboost").setHyperparameters(Map.of("objective", "binary:logistic",
        "num_round", Integer.toString(rounds), "max_depth", "8", "tree_method", "hist", "eta", "0.1")).fit(data);
    double smSec = (System.nanoTime() - t0) / 1e9;
    double smAuc = auc.setRawPredictionCol("score").evaluate(sm.transform(data));
    t0 = System.nanoTime();
    var ml = new GBTClassifier().setMaxDepth(8).setMaxIter(rounds).setStepSize(0.1).setSeed(1).fit(data);
    double mlSec = (System.nanoTime() - t0) / 1e9;
    double mlAuc = auc.setRawPredictionCol("rawPrediction").evaluate(ml.transform(data));
    System.out.printf(Locale.ROOT, "gbdt (%d rounds, depth 8): sagemill xgboost (trained on the driver) %.2f s AUC "
        + "%.5f | MLlib GBTClassifier %.2f s AUC %.5f | time ratio %.2f, speed-up %.1fx%n", rounds, smSec, smAuc,
        mlSec, mlAuc, smSec / mlSec, mlSec / smSec);
  }
}
