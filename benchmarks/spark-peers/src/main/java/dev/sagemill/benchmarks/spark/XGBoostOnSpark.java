package dev.sagemill.benchmarks.spark;

import dev.sagemill.spark.SagemillEstimator;
import dev.sagemill.spark.SagemillModel;
import java.util.Locale;
import java.util.Map;
import ml.dmlc.xgboost4j.scala.spark.XGBoostClassificationModel;
import ml.dmlc.xgboost4j.scala.spark.XGBoostClassifier;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.spark.ml.classification.GBTClassifier;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Issue 28's benchmark: gradient boosting on Spark, {@code local[2]}, on the same cached DataFrame of generated
 * rows × 28 ({@link SparkStagesVsMLlib#generate}) in 4 partitions: sagemill's {@code xgboost} stage (distributed,
 * lockstep trees), XGBoost4J-Spark 3.1.1 ({@code numWorkers} 2, one thread each: the two cores) and MLlib's
 * {@code GBTClassifier}, all at depth 8, {@code rounds} rounds, eta 0.1; XGBoost's at {@code hist} with 256 bins,
 * MLlib at its 32 bins. Fit time from {@code fit} to the fitted model, one run each; quality: training AUC.
 * sagemill's time split (shards, Spark's jobs, driver) is its stage's log line.
 *
 * <pre>benchmarks/spark-peers/run.sh XGBoostOnSpark [rows, default 1000000] [rounds, default 100]
 * [which: all|sagemill|xgboost4j|mllib]</pre>
 */
public final class XGBoostOnSpark {
  private XGBoostOnSpark() {}

  /**
   * @param args rows, rounds, which
   */
  public static void main(String[] args) {
    long rows = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    String which = args.length > 2 ? args[2] : "all";
    SparkSession spark = LocalSpark.start(LocalSpark.builder("xgboost-on-spark", 4));
    Configurator.setLevel("dev.sagemill", Level.INFO);
    System.out.printf(Locale.ROOT, "machine: %d cores, java %s, heap %d MB; Spark %s local[2]; %d rows x 28, "
        + "4 partitions; depth 8, %d rounds, eta 0.1%n", Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20, spark.version(), rows, rounds);
    Dataset<Row> data = SparkStagesVsMLlib.generate(spark, rows).cache();
    System.out.printf(Locale.ROOT, "data cached: %d rows%n", data.count());
    BinaryClassificationEvaluator auc = new BinaryClassificationEvaluator();
    double smSec = Double.NaN;
    if (which.equals("all") || which.equals("sagemill")) {
      long t0 = System.nanoTime();
      SagemillModel sm = new SagemillEstimator("xgboost").setHyperparameters(Map.of("objective", "binary:logistic",
          "num_round", Integer.toString(rounds), "max_depth", "8", "eta", "0.1", "tree_method", "hist",
          "max_bin", "256")).fit(data);
      smSec = (System.nanoTime() - t0) / 1e9;
      double a = auc.setRawPredictionCol("score").evaluate(sm.transform(data));
      System.out.printf(Locale.ROOT, "sagemill xgboost (distributed): %.2f s, training AUC %.5f%n", smSec, a);
    }
    if (which.equals("all") || which.equals("xgboost4j")) {
      long t0 = System.nanoTime();
      // Scala's fluent setters return this.type, which Java sees as Params: set one by one.
      XGBoostClassifier c = new XGBoostClassifier();
      c.setNumRound(rounds);
      c.setMaxDepth(8);
      c.setEta(0.1);
      c.setTreeMethod("hist");
      c.setMaxBins(256);
      c.setNumWorkers(2);
      c.setNthread(1);
      c.setObjective("binary:logistic");
      c.setFeaturesCol("features");
      c.setLabelCol("label");
      XGBoostClassificationModel x = c.fit(data);
      double xSec = (System.nanoTime() - t0) / 1e9;
      double a = auc.setRawPredictionCol("rawPrediction").evaluate(x.transform(data));
      System.out.printf(Locale.ROOT, "XGBoost4J-Spark 3.1.1: %.2f s, training AUC %.5f; sagemill / XGBoost4J-Spark "
          + "time %.2f%n", xSec, a, smSec / xSec);
    }
    if (which.equals("all") || which.equals("mllib")) {
      long t0 = System.nanoTime();
      var ml = new GBTClassifier().setMaxDepth(8).setMaxIter(rounds).setStepSize(0.1).setSeed(1).fit(data);
      double mlSec = (System.nanoTime() - t0) / 1e9;
      double a = auc.setRawPredictionCol("rawPrediction").evaluate(ml.transform(data));
      System.out.printf(Locale.ROOT, "MLlib GBTClassifier: %.2f s, training AUC %.5f; speed-up of sagemill %.1fx%n",
          mlSec, a, mlSec / smSec);
    }
    spark.stop();
  }
}
