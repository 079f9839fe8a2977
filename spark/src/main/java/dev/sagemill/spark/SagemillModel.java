package dev.sagemill.spark;

import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.io.ModelIO;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * A fitted sagemill model as a Spark ML {@code Transformer}: {@code transform} keeps every input column and appends
 * the model's answer fields under SageMaker's names ({@code score}, {@code predicted_label}, {@code closest_cluster},
 * {@code distance_to_cluster}, {@code projection}, ...; see {@link AnswerColumns} for the column types), equal to
 * what {@code predict} gives for the same rows. The model file is broadcast once per transform and loaded once per
 * executor; tasks on one executor share it, as sagemill models are thread-safe.
 *
 * <p>Saved as Spark ML metadata plus the model in sagemill's container format ({@link StageFiles#MODEL_FILE}),
 * which {@code sagemill predict} and {@code ModelIO.load} read too.
 */
public final class SagemillModel extends Model<SagemillModel> implements MLWritable {
  private static final long serialVersionUID = 1L;

  private final String uid;
  private final byte[] modelBytes;
  private final transient dev.sagemill.core.estimator.Model model;
  private final StageColumns columns;
  private final Param<String> algorithm;
  private transient Broadcast<byte[]> broadcast;

  /**
   * Wraps a sagemill model.
   *
   * @param uid the stage's uid
   * @param model a model that answers feature rows
   * @throws IllegalArgumentException if the model answers other records (text, time series)
   */
  public SagemillModel(String uid, dev.sagemill.core.estimator.Model model) {
    this.uid = uid;
    if (!RowBatch.class.equals(model.inputType())) {
      throw new IllegalArgumentException(model.algorithm() + " models answer " + model.inputType().getSimpleName()
          + " records; sagemill's Spark stages answer feature vectors");
    }
    this.model = model;
    try {
      this.modelBytes = ModelIO.toBytes(model);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.columns = new StageColumns(uid);
    this.algorithm = new Param<>(uid, "algorithm", "the SageMaker algorithm name of the model");
    columns.setDefaults(this);
    set(algorithm, model.algorithm());
  }

  /**
   * Wraps a sagemill model under a new uid (for models trained outside Spark and used in a pipeline).
   *
   * @param model a model that answers feature rows
   */
  public SagemillModel(dev.sagemill.core.estimator.Model model) {
    this(Identifiable$.MODULE$.randomUID("sagemill"), model);
  }

  @Override
  public String uid() {
    return uid;
  }

  @Override
  public Param<?>[] params() {
    if (columns == null) {
      return new Param<?>[0]; // Spark's constructor runs before this class's fields are set
    }
    Param<?>[] c = columns.all();
    Param<?>[] all = java.util.Arrays.copyOf(c, c.length + 1);
    all[c.length] = algorithm;
    return all;
  }

  /** @return the sagemill model */
  public dev.sagemill.core.estimator.Model sagemillModel() {
    return model;
  }

  /** @return the SageMaker algorithm name */
  public String algorithm() {
    return model.algorithm();
  }

  /** @param column the features column
   *  @return this stage */
  public SagemillModel setFeaturesCol(String column) {
    set(columns.featuresCol, column);
    return this;
  }

  /** @param prefix put before each answer field's name to name its column
   *  @return this stage */
  public SagemillModel setOutputPrefix(String prefix) {
    set(columns.outputPrefix, prefix);
    return this;
  }

  /** @return the features column's param */
  public Param<String> featuresCol() {
    return columns.featuresCol;
  }

  /** @return the output prefix's param */
  public Param<String> outputPrefix() {
    return columns.outputPrefix;
  }

  @Override
  public StructType transformSchema(StructType schema) {
    String features = getOrDefault(columns.featuresCol);
    SagemillEstimator.requireVectorColumn(schema, features);
    return AnswerColumns.of(model, getOrDefault(columns.outputPrefix)).appendTo(schema);
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    String features = getOrDefault(columns.featuresCol);
    SagemillEstimator.requireVectorColumn(dataset.schema(), features);
    AnswerColumns answers = AnswerColumns.of(model, getOrDefault(columns.outputPrefix));
    StructType out = answers.appendTo(dataset.schema());
    SparkRows reader = new SparkRows(features, model.schema().featureDim(), null, null);
    if (broadcast == null) {
      broadcast = JavaSparkContext.fromSparkContext(dataset.sparkSession().sparkContext()).broadcast(modelBytes);
    }
    return dataset.toDF().mapPartitions(new PredictPartition(broadcast, dataset.schema().fieldIndex(features), reader,
        answers), Encoders.row(out));
  }

  @Override
  public SagemillModel copy(ParamMap extra) {
    SagemillModel copy = new SagemillModel(uid, model);
    copyValues(copy, extra);
    return copy.setParent(parent());
  }

  @Override
  public MLWriter write() {
    return new MLWriter() {
      @Override
      public void saveImpl(String path) {
        StageFiles.saveMetadata(SagemillModel.this, path, sparkSession());
        StageFiles.writeBytes(path, StageFiles.MODEL_FILE, modelBytes, sparkSession());
      }
    };
  }

  /** @return the reader Spark ML (and {@code PipelineModel.load}) uses to load a saved model stage */
  public static MLReader<SagemillModel> read() {
    return new MLReader<>() {
      @Override
      public SagemillModel load(String path) {
        SparkSession spark = sparkSession();
        DefaultParamsReader.Metadata metadata = StageFiles.loadMetadata(path, spark, SagemillModel.class.getName());
        byte[] bytes = StageFiles.readBytes(path, StageFiles.MODEL_FILE, spark);
        dev.sagemill.core.estimator.Model m;
        try {
          m = ModelIO.fromBytes(bytes, path + "/" + StageFiles.MODEL_FILE);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        SagemillModel stage = new SagemillModel(metadata.uid(), m);
        metadata.getAndSetParams(stage, scala.Option.empty());
        return stage;
      }
    };
  }

  /**
   * @param path where a model stage was saved
   * @return the stage
   */
  public static SagemillModel load(String path) {
    return read().load(path);
  }

  /** @return the answer columns' names, in order */
  public List<String> outputColumns() {
    AnswerColumns a = AnswerColumns.of(model, getOrDefault(columns.outputPrefix));
    return a.names().stream().map(n -> a.prefix() + n).toList();
  }
}
