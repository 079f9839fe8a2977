package dev.sagemill.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sagemill.algo.kmeans.KMeansEstimator;
import dev.sagemill.algo.kmeans.KMeansModel;
import dev.sagemill.algo.kmeans.KMeansParams;
import dev.sagemill.algo.linear.LinearLearnerEstimator;
import dev.sagemill.algo.linear.LinearLearnerModel;
import dev.sagemill.algo.linear.LinearLearnerParams;
import dev.sagemill.algo.pca.PCAEstimator;
import dev.sagemill.algo.xgboost.XGBoostEstimator;
import dev.sagemill.algo.xgboost.XGBoostModel;
import dev.sagemill.algo.xgboost.XGBoostParams;
import dev.sagemill.algo.pca.PCAModel;
import dev.sagemill.algo.pca.PCAParams;
import dev.sagemill.core.data.FeatureVector;
import dev.sagemill.core.data.InMemoryDataset;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.distributed.LocalShards;
import dev.sagemill.core.error.InvalidDataException;
import dev.sagemill.core.error.InvalidHyperparametersException;
import dev.sagemill.core.estimator.FitOptions;
import dev.sagemill.core.estimator.Prediction;
import dev.sagemill.core.io.ModelIO;
import dev.sagemill.core.random.RandomStream;
import dev.sagemill.core.testing.RowShards;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Spark stages on {@code local[2]} with 4 partitions. */
class SparkStagesTest {
  private static final double[][] TRUE = {{0, 0, 0}, {8, 0, 0}, {0, 8, 0}, {0, 0, 8}};
  private static final StructType SCHEMA = new StructType().add("features", SQLDataTypes.VectorType(), true)
      .add("label", DataTypes.DoubleType, true);

  private final SparkSession spark = SparkSessions.get();

  /** Blobs around {@link #TRUE}; the label is the blob's index. */
  private static RowBatch blobs(int n, long seed) {
    RandomStream rng = RandomStream.of(seed);
    RowBatch.Builder b = RowBatch.builder(3, 1, false);
    float[] x = new float[3];
    for (int i = 0; i < n; i++) {
      double[] c = TRUE[i % TRUE.length];
      for (int p = 0; p < 3; p++) {
        x[p] = (float) (c[p] + rng.nextGaussian());
      }
      b.addDense(x, 0, new float[] {i % TRUE.length}, 1f);
    }
    return b.build();
  }

  /** The rows as a DataFrame of 4 partitions, partition i holding rows [i n / 4, (i + 1) n / 4). */
  private Dataset<Row> frame(RowBatch rows) {
    List<Row> list = new ArrayList<>();
    for (int r = 0; r < rows.rows(); r++) {
      float[] x = rows.row(r).toDense();
      list.add(RowFactory.create(Vectors.dense(x[0], x[1], x[2]), (double) rows.label(r)));
    }
    return spark.createDataFrame(JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(list, 4),
        SCHEMA);
  }

  /**
   * The shards Spark trains on: {@code local[2]} has two task slots, so the 4 partitions are coalesced in order into
   * two shards, the first and the second half of the rows.
   */
  private static List<InMemoryDataset> halves(RowBatch rows) {
    return RowShards.contiguous(rows, 2);
  }

  private static RowBatch unlabelled(RowBatch rows) {
    RowBatch.Builder b = RowBatch.builder(rows.featureDim(), 0, false);
    for (int r = 0; r < rows.rows(); r++) {
      b.addDense(rows.row(r).toDense(), 0, null, 1f);
    }
    return b.build();
  }

  private static SagemillEstimator kmeans() {
    return new SagemillEstimator("kmeans").setHyperparameters(Map.of("k", "4", "mini_batch_size", "200",
        "epochs", "2", "init_method", "kmeans++")).setLabelCol("label");
  }

  @Test
  void distributedKMeansEqualsTheShardedReferenceAndIsCloseToOneMachine() throws IOException {
    RowBatch rows = blobs(4000, 1);
    SagemillModel fitted = kmeans().setHyperparameter("full_data_lloyd_passes", "3").fit(frame(rows));
    KMeansEstimator reference = new KMeansEstimator(KMeansParams.builder(4, 3).set("mini_batch_size", "200")
        .set("epochs", "2").set("init_method", "kmeans++").fullDataLloydPasses(3).build());
    KMeansModel local = LocalShards.fit(reference, halves(unlabelled(rows)), FitOptions.builder().threads(1).build());
    KMeansModel onSpark = (KMeansModel) fitted.sagemillModel();
    assertArrayEquals(local.centroids(), onSpark.centroids(), "Spark's shards = the same two shards in one process");
    double single = reference.fit(InMemoryDataset.of(unlabelled(rows))).card().metrics().get("train:msd");
    double distributed = onSpark.card().metrics().get("train:msd");
    assertEquals(single, distributed, 0.005 * single, "distributed msd within 0.5% of one machine's");
  }

  @Test
  void distributedPcaEqualsTheShardedReferenceAndProjectsAsPredict() throws IOException {
    RowBatch rows = blobs(2000, 7);
    for (String mode : new String[] {"regular", "randomized"}) {
      SagemillModel fitted = new SagemillEstimator("pca").setHyperparameters(Map.of("num_components", "2",
          "mini_batch_size", "300", "algorithm_mode", mode)).fit(frame(rows));
      PCAEstimator reference = new PCAEstimator(PCAParams.builder(3, 300, 2).set("algorithm_mode", mode).build());
      PCAModel local = LocalShards.fit(reference, halves(unlabelled(rows)), FitOptions.builder().threads(1).build());
      PCAModel onSpark = (PCAModel) fitted.sagemillModel();
      assertArrayEquals(local.components(), onSpark.components(), mode);
      assertArrayEquals(local.singularValues(), onSpark.singularValues(), mode);
      assertArrayEquals(local.mean(), onSpark.mean(), mode);
      Row first = fitted.transform(frame(rows)).first();
      assertArrayEquals(local.predict(rows.row(0)).getVector("projection"),
          ((Vector) first.getAs("projection")).toArray(), mode);
    }
  }

  @Test
  void distributedLinearLearnerEqualsTheShardedReference() throws IOException {
    RowBatch rows = blobs(2000, 8);
    RowBatch.Builder binary = RowBatch.builder(3, 1, false);
    for (int r = 0; r < rows.rows(); r++) {
      binary.addDense(rows.row(r).toDense(), 0, new float[] {rows.label(r) == 1 ? 1 : 0}, 1f);
    }
    RowBatch labelled = binary.build();
    Map<String, String> hp = Map.of("predictor_type", "binary_classifier", "num_models", "2");
    SagemillModel fitted = new SagemillEstimator("linear-learner").setHyperparameters(hp).fit(frame(labelled));
    LinearLearnerEstimator reference = new LinearLearnerEstimator(LinearLearnerParams.parse(
        Map.of("predictor_type", "binary_classifier", "num_models", "2", "feature_dim", "3")));
    LinearLearnerModel local = LocalShards.fit(reference, halves(labelled), FitOptions.builder().threads(1).build());
    LinearLearnerModel onSpark = (LinearLearnerModel) fitted.sagemillModel();
    assertArrayEquals(local.weights(), onSpark.weights());
    assertArrayEquals(local.bias(), onSpark.bias());
    Row first = fitted.transform(frame(labelled)).first();
    assertEquals(local.predict(labelled.row(0)).get("score"), first.<Double>getAs("score"));
  }

  @Test
  void distributedXGBoostGrowsTheSingleMachineTrees() throws IOException {
    RowBatch rows = blobs(3000, 9);
    RowBatch.Builder binary = RowBatch.builder(3, 1, false);
    for (int r = 0; r < rows.rows(); r++) {
      binary.addDense(rows.row(r).toDense(), 0, new float[] {rows.label(r) == 1 || rows.label(r) == 3 ? 1 : 0}, 1f);
    }
    RowBatch labelled = binary.build();
    Map<String, String> hp = Map.of("objective", "binary:logistic", "num_round", "6", "max_depth", "4");
    SagemillModel fitted = new SagemillEstimator("xgboost").setHyperparameters(hp).fit(frame(labelled));
    XGBoostModel single = new XGBoostEstimator(XGBoostParams.parse(hp)).fit(InMemoryDataset.of(labelled),
        FitOptions.builder().threads(1).build());
    XGBoostModel onSpark = (XGBoostModel) fitted.sagemillModel();
    assertEquals(single.ensemble().size(), onSpark.ensemble().size());
    assertArrayEquals(single.predictValues(labelled), onSpark.predictValues(labelled), 1e-6,
        "the partitions' trees are one machine's (the estimated base score summed per partition)");
    Map<String, String> fixedBase = new java.util.HashMap<>(hp);
    fixedBase.put("base_score", "0.5");
    XGBoostModel exact = (XGBoostModel) new SagemillEstimator("xgboost").setHyperparameters(fixedBase)
        .fit(frame(labelled)).sagemillModel();
    assertArrayEquals(new XGBoostEstimator(XGBoostParams.parse(fixedBase)).fit(InMemoryDataset.of(labelled),
        FitOptions.builder().threads(1).build()).predictValues(labelled), exact.predictValues(labelled),
        "with base_score given, bit for bit");
  }

  @Test
  void wideSparseRowsTrainXGBoostOnTheDriver() {
    int d = 2000;
    RandomStream rng = RandomStream.of(10);
    List<Row> list = new ArrayList<>();
    RowBatch.Builder same = RowBatch.builder(d, 1, true);
    for (int r = 0; r < 400; r++) {
      int a = (int) (rng.nextDouble() * d);
      int b = (a + 1 + (int) (rng.nextDouble() * (d - 1))) % d;
      int[] idx = {Math.min(a, b), Math.max(a, b)};
      double y = idx[0] < d / 2 ? 1 : 0;
      list.add(RowFactory.create(Vectors.sparse(d, idx, new double[] {1, 2}), y));
      same.addSparse(idx, new float[] {1, 2}, 2, new float[] {(float) y}, 1f);
    }
    Dataset<Row> df = spark.createDataFrame(JavaSparkContext.fromSparkContext(spark.sparkContext())
        .parallelize(list, 4), SCHEMA);
    Map<String, String> hp = Map.of("objective", "binary:logistic", "num_round", "3", "max_depth", "3");
    XGBoostModel onSpark = (XGBoostModel) new SagemillEstimator("xgboost").setHyperparameters(hp).fit(df)
        .sagemillModel();
    XGBoostModel local = new XGBoostEstimator(XGBoostParams.parse(hp)).fit(InMemoryDataset.of(same.build()),
        FitOptions.defaults());
    assertArrayEquals(local.predictValues(same.build()), onSpark.predictValues(same.build()));
  }

  @Test
  void transformAnswersAsPredictDoes() {
    RowBatch rows = blobs(800, 2);
    SagemillModel fitted = kmeans().fit(frame(rows));
    List<Row> out = fitted.transform(frame(rows)).collectAsList();
    assertEquals(List.of("closest_cluster", "distance_to_cluster"), fitted.outputColumns());
    assertEquals(rows.rows(), out.size());
    for (int r = 0; r < rows.rows(); r++) {
      Prediction p = fitted.sagemillModel().predict(rows.row(r));
      Row row = out.get(r);
      assertEquals(p.get("closest_cluster"), ((Number) row.getAs("closest_cluster")).doubleValue());
      assertEquals(p.get("distance_to_cluster"), ((Number) row.getAs("distance_to_cluster")).doubleValue());
      assertEquals(rows.label(r), row.getDouble(1), "input columns are kept");
    }
  }

  @Test
  void aPipelineWithAnAssemblerAndADriverTrainedStageSavesLoadsAndPredictsTheSame(@TempDir Path dir)
      throws IOException {
    RowBatch rows = blobs(600, 3);
    List<Row> list = new ArrayList<>();
    for (int r = 0; r < rows.rows(); r++) {
      float[] x = rows.row(r).toDense();
      list.add(RowFactory.create((double) x[0], (double) x[1], (double) x[2], rows.label(r) == 1 ? 1.0 : 0.0));
    }
    StructType s = new StructType().add("a", DataTypes.DoubleType).add("b", DataTypes.DoubleType)
        .add("c", DataTypes.DoubleType).add("label", DataTypes.DoubleType);
    Dataset<Row> df = spark.createDataFrame(list, s).repartition(4);
    VectorAssembler assembler = new VectorAssembler().setInputCols(new String[] {"a", "b", "c"})
        .setOutputCol("features");
    SagemillEstimator xgb = new SagemillEstimator("xgboost").setHyperparameters(Map.of("objective",
        "binary:logistic", "num_round", "20", "max_depth", "3"));
    Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {assembler, xgb});
    PipelineModel model = pipeline.fit(df);
    String saved = dir.resolve("pipeline").toString();
    model.write().overwrite().save(saved);
    PipelineModel loaded = PipelineModel.load(saved);
    List<Row> before = model.transform(df).orderBy("a", "b", "c").select("score").collectAsList();
    List<Row> after = loaded.transform(df).orderBy("a", "b", "c").select("score").collectAsList();
    assertEquals(before, after);
    SagemillModel stage = (SagemillModel) loaded.stages()[1];
    assertArrayEquals(ModelIO.toBytes(((SagemillModel) model.stages()[1]).sagemillModel()),
        ModelIO.toBytes(stage.sagemillModel()), "the model file is kept byte for byte");
    double auc = new org.apache.spark.ml.evaluation.BinaryClassificationEvaluator().setRawPredictionCol("score")
        .evaluate(loaded.transform(df));
    assertTrue(auc > 0.99, "blob 1 against the rest is separable; training AUC " + auc);

    String est = dir.resolve("estimator").toString();
    xgb.write().overwrite().save(est);
    SagemillEstimator back = SagemillEstimator.load(est);
    assertEquals("xgboost", back.algorithm());
    assertEquals(xgb.getHyperparameters(), back.getHyperparameters());
    assertEquals(xgb.uid(), back.uid());
  }

  @Test
  void aTaskThatFailsOnceIsRetriedAndTheModelIsUnchanged() {
    RowBatch rows = blobs(2000, 4);
    Dataset<Row> df = frame(rows);
    SagemillModel clean = kmeans().fit(df);
    UserDefinedFunction failOnce = functions.udf((UDF1<Vector, Vector>) v -> {
      TaskContext t = TaskContext.get();
      if (t.partitionId() == 2 && t.attemptNumber() == 0) {
        throw new IllegalStateException("injected failure of partition 2's first attempt");
      }
      return v;
    }, SQLDataTypes.VectorType());
    SagemillModel retried = kmeans().fit(df.withColumn("features", failOnce.apply(functions.col("features"))));
    assertArrayEquals(((KMeansModel) clean.sagemillModel()).centroids(),
        ((KMeansModel) retried.sagemillModel()).centroids());
  }

  @Test
  void badInputIsNamed() {
    RowBatch rows = blobs(100, 5);
    Dataset<Row> df = frame(rows);
    IllegalArgumentException notVector = assertThrows(IllegalArgumentException.class,
        () -> kmeans().setFeaturesCol("label").fit(df));
    assertTrue(notVector.getMessage().contains("the features column 'label' must be a Spark ML Vector "
        + "(org.apache.spark.ml.linalg.VectorUDT), got double"), notVector.getMessage());
    IllegalArgumentException noLabel = assertThrows(IllegalArgumentException.class,
        () -> kmeans().setLabelCol("target").fit(df));
    assertTrue(noLabel.getMessage().contains("the label column 'target' is not among the columns [features, label]"),
        noLabel.getMessage());
    List<Row> ragged = new ArrayList<>(df.collectAsList());
    ragged.set(30, RowFactory.create(Vectors.dense(1, 2), 0.0));
    Dataset<Row> wrongSize = spark.createDataFrame(
        JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(ragged, 4), SCHEMA);
    InvalidDataException size = assertThrows(InvalidDataException.class,
        () -> kmeans().setHyperparameter("feature_dim", "3").fit(wrongSize));
    assertTrue(size.getMessage().contains("spark partition 1, row 6: its features column 'features' holds a vector "
        + "of size 2, expected 3"), size.getMessage());
    ragged.set(30, RowFactory.create(null, 0.0));
    Dataset<Row> nulls = spark.createDataFrame(
        JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(ragged, 4), SCHEMA);
    InvalidDataException isNull = assertThrows(InvalidDataException.class,
        () -> kmeans().setHyperparameter("feature_dim", "3").fit(nulls));
    assertTrue(isNull.getMessage().contains("spark partition 1, row 6: its features column 'features' is null"),
        isNull.getMessage());
    InvalidHyperparametersException hp = assertThrows(InvalidHyperparametersException.class,
        () -> kmeans().setHyperparameter("k", "0").fit(df));
    assertTrue(hp.getMessage().contains("k"), hp.getMessage());
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
        () -> kmeans().setHyperparameter("num_trees", "3"));
    assertTrue(unknown.getMessage().contains("kmeans has no hyperparameter 'num_trees'"), unknown.getMessage());
    IllegalArgumentException noAlgorithm = assertThrows(IllegalArgumentException.class,
        () -> new SagemillEstimator("kmeens"));
    assertTrue(noAlgorithm.getMessage().contains("kmeans"), noAlgorithm.getMessage());
  }

  @Test
  void aModelTrainedOutsideSparkTransformsSparseVectors() {
    RowBatch rows = blobs(400, 6);
    KMeansModel m = new KMeansEstimator(KMeansParams.builder(4, 3).build()).fit(InMemoryDataset.of(unlabelled(rows)),
        FitOptions.defaults());
    SagemillModel stage = new SagemillModel(m).setOutputPrefix("km_");
    Dataset<Row> sparse = spark.createDataFrame(List.of(RowFactory.create(Vectors.sparse(3, new int[] {2},
        new double[] {8.0}), 0.0)), SCHEMA);
    Row out = stage.transform(sparse).first();
    Prediction p = m.predict(FeatureVector.sparse(3, new int[] {2}, new float[] {8f}));
    assertEquals(p.get("closest_cluster"), ((Number) out.getAs("km_closest_cluster")).doubleValue());
  }
}
