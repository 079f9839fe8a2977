package dev.sagemill.spark;

import dev.sagemill.core.data.InMemoryDataset;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.distributed.ShardedEstimator;
import dev.sagemill.core.estimator.AlgorithmProvider;
import dev.sagemill.core.estimator.Algorithms;
import dev.sagemill.core.estimator.Estimator;
import dev.sagemill.core.estimator.FitOptions;
import dev.sagemill.core.estimator.RecordEstimator;
import dev.sagemill.core.param.ParamDef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Any sagemill algorithm as a Spark ML {@code Estimator}, found by its SageMaker name ({@code kmeans},
 * {@code xgboost}, {@code linear-learner}, ...). Each of the algorithm's hyperparameters is a Spark param of the
 * same name taking SageMaker's string value ({@code est.set(est.hyperparameter("k"), "10")}, or
 * {@link #setHyperparameter}, or the whole string map with {@link #setHyperparameters}); values are checked against
 * the algorithm's ranges when the stage is fitted. {@code feature_dim}, where the algorithm has it, defaults to the
 * features column's vector size.
 *
 * <p>Training: an algorithm with a multi-host scheme ({@link ShardedEstimator}: SageMaker's distributed k-means, PCA's
 * summed scatter) trains across the DataFrame's partitions, one shard each, without moving rows. Any other
 * algorithm trains on the driver from all the rows, collected, and the log says so. Same data, partitioning and
 * hyperparameters give the same model.
 *
 * <p>Columns: {@code featuresCol} (a Spark ML {@code Vector}, dense or sparse; every row of one size), {@code labelCol}
 * (numeric; when the default {@code label} column is absent the rows are unlabelled, as k-means and PCA take them),
 * {@code weightCol} (numeric, optional).
 */
public final class SagemillEstimator extends org.apache.spark.ml.Estimator<SagemillModel> implements MLWritable {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(SagemillEstimator.class);

  private final String uid;
  private final String algorithmName;
  private final StageColumns columns;
  private final Param<String> algorithm;
  private final Param<String> trainingMode;
  private final Map<String, Param<String>> hyperparameters = new LinkedHashMap<>();

  /**
   * @param algorithm a SageMaker algorithm name or alias
   * @throws IllegalArgumentException if no installed algorithm has that name, listing the installed ones
   */
  public SagemillEstimator(String algorithm) {
    this(Identifiable$.MODULE$.randomUID("sagemill"), algorithm);
  }

  /**
   * @param uid the stage's uid
   * @param algorithm a SageMaker algorithm name or alias
   * @throws IllegalArgumentException if no installed algorithm has that name, listing the installed ones
   */
  public SagemillEstimator(String uid, String algorithm) {
    this.uid = uid;
    AlgorithmProvider provider = Algorithms.get(algorithm);
    this.algorithmName = provider.algorithmName();
    this.columns = new StageColumns(uid);
    this.algorithm = new Param<>(uid, "algorithm", "the SageMaker algorithm name");
    this.trainingMode = new Param<>(uid, "trainingMode", "auto: across the partitions when the algorithm has a "
        + "multi-host scheme, else on the driver; driver: always on the driver from the collected rows",
        ParamValidators.inArray(new String[] {"auto", "driver"}));
    for (ParamDef def : provider.spec().describe()) {
      hyperparameters.put(def.name(), new Param<>(uid, def.name(), def.doc() + " (SageMaker hyperparameter; "
          + def.allowed() + def.defaultValue().map(d -> "; default " + d).orElse("") + ")"));
    }
    columns.setDefaults(this);
    setDefault(trainingMode, "auto");
    set(this.algorithm, algorithmName);
  }

  @Override
  public String uid() {
    return uid;
  }

  @Override
  public Param<?>[] params() {
    if (hyperparameters == null) {
      return new Param<?>[0]; // Spark's constructor runs before this class's fields are set
    }
    List<Param<?>> all = new ArrayList<>(List.of(columns.all()));
    all.add(algorithm);
    all.add(trainingMode);
    all.addAll(hyperparameters.values());
    return all.toArray(new Param<?>[0]);
  }

  /** @return the SageMaker algorithm name */
  public String algorithm() {
    return algorithmName;
  }

  /**
   * @param name a SageMaker hyperparameter name of this algorithm
   * @return its param
   * @throws IllegalArgumentException if the algorithm has no such hyperparameter, listing those it has
   */
  public Param<String> hyperparameter(String name) {
    Param<String> p = hyperparameters.get(name);
    if (p == null) {
      throw new IllegalArgumentException(algorithmName + " has no hyperparameter '" + name + "'; it has "
          + hyperparameters.keySet());
    }
    return p;
  }

  /**
   * @param name a SageMaker hyperparameter name
   * @param value its value as SageMaker's {@code hyperparameters.json} writes it
   * @return this stage
   */
  public SagemillEstimator setHyperparameter(String name, String value) {
    set(hyperparameter(name), value);
    return this;
  }

  /**
   * @param values SageMaker hyperparameters, names to string values ({@code hyperparameters.json})
   * @return this stage
   */
  public SagemillEstimator setHyperparameters(Map<String, String> values) {
    values.forEach(this::setHyperparameter);
    return this;
  }

  /** @return the hyperparameters set on this stage, SageMaker names to string values */
  public Map<String, String> getHyperparameters() {
    Map<String, String> out = new LinkedHashMap<>();
    hyperparameters.forEach((name, p) -> {
      if (isSet(p)) {
        out.put(name, getOrDefault(p));
      }
    });
    return out;
  }

  /** @param column the features column
   *  @return this stage */
  public SagemillEstimator setFeaturesCol(String column) {
    set(columns.featuresCol, column);
    return this;
  }

  /** @param column the label column
   *  @return this stage */
  public SagemillEstimator setLabelCol(String column) {
    set(columns.labelCol, column);
    return this;
  }

  /** @param column the weight column
   *  @return this stage */
  public SagemillEstimator setWeightCol(String column) {
    set(columns.weightCol, column);
    return this;
  }

  /** @param prefix put before each answer field's name to name its column in the fitted model's output
   *  @return this stage */
  public SagemillEstimator setOutputPrefix(String prefix) {
    set(columns.outputPrefix, prefix);
    return this;
  }

  /** @param mode {@code auto} or {@code driver}
   *  @return this stage */
  public SagemillEstimator setTrainingMode(String mode) {
    set(trainingMode, mode);
    return this;
  }

  /** @return the features column's param */
  public Param<String> featuresCol() {
    return columns.featuresCol;
  }

  /** @return the label column's param */
  public Param<String> labelCol() {
    return columns.labelCol;
  }

  /** @return the weight column's param */
  public Param<String> weightCol() {
    return columns.weightCol;
  }

  /** @return the output prefix's param */
  public Param<String> outputPrefix() {
    return columns.outputPrefix;
  }

  /** @return the training mode's param */
  public Param<String> trainingMode() {
    return trainingMode;
  }

  @Override
  public StructType transformSchema(StructType schema) {
    requireVectorColumn(schema, getOrDefault(columns.featuresCol));
    String label = labelColumn(schema);
    if (label != null) {
      requireNumericColumn(schema, label, "label");
    }
    if (isSet(columns.weightCol)) {
      requireNumericColumn(schema, getOrDefault(columns.weightCol), "weight");
    }
    return schema;
  }

  @Override
  public SagemillModel fit(Dataset<?> dataset) {
    StructType schema = transformSchema(dataset.schema(), true);
    String features = getOrDefault(columns.featuresCol);
    String label = labelColumn(schema);
    String weight = isSet(columns.weightCol) ? getOrDefault(columns.weightCol) : null;
    Map<String, String> hp = getHyperparameters();
    int dim = featureDim(dataset, features, hp);
    AlgorithmProvider provider = Algorithms.get(algorithmName);
    if (provider.spec().has("feature_dim") && !hp.containsKey("feature_dim")) {
      hp.put("feature_dim", Integer.toString(dim));
    }
    RecordEstimator<?, ?> created = provider.create(hp);
    if (!(created instanceof Estimator<?> estimator)) {
      throw new UnsupportedOperationException(algorithmName + " trains on " + created.batchType().getSimpleName()
          + " records; sagemill's Spark stages train on feature vectors");
    }
    List<Column> cols = new ArrayList<>(List.of(functions.col(features)));
    if (label != null) {
      cols.add(functions.col(label).cast("double"));
    }
    if (weight != null) {
      cols.add(functions.col(weight).cast("double"));
    }
    Dataset<Row> selected = dataset.select(cols.toArray(new Column[0]));
    SparkRows reader = new SparkRows(features, dim, label, weight);
    dev.sagemill.core.estimator.Model model;
    if (estimator instanceof ShardedEstimator<?> sharded && sharded.supportsSharding()
        && getOrDefault(trainingMode).equals("auto")) {
      int threads = Integer.parseInt(dataset.sparkSession().conf().get("spark.task.cpus", "1"));
      try {
        model = SparkShards.fit(sharded, hp, selected, reader, threads);
      } catch (UnsupportedOperationException e) {
        LOG.info("{} on Spark: {}; training on the driver from all the rows, collected", algorithmName,
            e.getMessage());
        model = estimator.fit(InMemoryDataset.of(SparkShards.collect(selected, reader)), FitOptions.defaults());
      }
    } else {
      LOG.info("{} on Spark: {}; training on the driver from all the rows, collected", algorithmName,
          !(estimator instanceof ShardedEstimator<?> s) ? "no multi-host scheme"
              : s.supportsSharding() ? "trainingMode=driver" : "no multi-host scheme for these hyperparameters");
      RowBatch rows = SparkShards.collect(selected, reader);
      model = estimator.fit(InMemoryDataset.of(rows), FitOptions.defaults());
    }
    SagemillModel fitted = new SagemillModel(uid, model);
    fitted.set(fitted.featuresCol(), features);
    fitted.set(fitted.outputPrefix(), getOrDefault(columns.outputPrefix));
    return fitted.setParent(this);
  }

  /** The label column to read: the one set, or the default {@code label} when the data has it. */
  private String labelColumn(StructType schema) {
    String label = getOrDefault(columns.labelCol);
    boolean present = List.of(schema.fieldNames()).contains(label);
    if (isSet(columns.labelCol) && !present) {
      throw new IllegalArgumentException("the label column '" + label + "' is not among the columns "
          + List.of(schema.fieldNames()));
    }
    return present ? label : null;
  }

  /** The vectors' size: {@code feature_dim} when set, else the column's ML attributes, else the first row's. */
  private int featureDim(Dataset<?> dataset, String features, Map<String, String> hp) {
    String given = hp.get("feature_dim");
    if (given != null && given.matches("\\d{1,9}")) {
      return Integer.parseInt(given);
    }
    int fromAttributes = org.apache.spark.ml.attribute.AttributeGroup.fromStructField(
        dataset.schema().apply(features)).size();
    if (fromAttributes >= 0) {
      return fromAttributes;
    }
    List<Row> first = dataset.select(features).where(functions.col(features).isNotNull()).limit(1).collectAsList();
    if (first.isEmpty()) {
      throw new dev.sagemill.core.error.InvalidDataException("the training data has no rows with a features vector "
          + "in column '" + features + "'");
    }
    return ((org.apache.spark.ml.linalg.Vector) first.get(0).get(0)).size();
  }

  static void requireVectorColumn(StructType schema, String column) {
    StructField f = field(schema, column, "features");
    if (!f.dataType().equals(SQLDataTypes.VectorType())) {
      throw new IllegalArgumentException("the features column '" + column + "' must be a Spark ML Vector "
          + "(org.apache.spark.ml.linalg.VectorUDT), got " + f.dataType().simpleString()
          + "; assemble columns into one with VectorAssembler");
    }
  }

  private static void requireNumericColumn(StructType schema, String column, String role) {
    StructField f = field(schema, column, role);
    if (!(f.dataType() instanceof NumericType)) {
      throw new IllegalArgumentException("the " + role + " column '" + column + "' must be numeric, got "
          + f.dataType().simpleString());
    }
  }

  private static StructField field(StructType schema, String column, String role) {
    if (!List.of(schema.fieldNames()).contains(column)) {
      throw new IllegalArgumentException("the " + role + " column '" + column + "' is not among the columns "
          + List.of(schema.fieldNames()));
    }
    return schema.apply(column);
  }

  @Override
  public SagemillEstimator copy(ParamMap extra) {
    return copyValues(new SagemillEstimator(uid, algorithmName), extra);
  }

  @Override
  public MLWriter write() {
    return new MLWriter() {
      @Override
      public void saveImpl(String path) {
        StageFiles.saveMetadata(SagemillEstimator.this, path, sparkSession());
      }
    };
  }

  /** @return the reader Spark ML (and {@code Pipeline.load}) uses to load a saved estimator stage */
  public static MLReader<SagemillEstimator> read() {
    return new MLReader<>() {
      @Override
      public SagemillEstimator load(String path) {
        DefaultParamsReader.Metadata metadata = StageFiles.loadMetadata(path, sparkSession(),
            SagemillEstimator.class.getName());
        SagemillEstimator stage = new SagemillEstimator(metadata.uid(), StageFiles.algorithm(metadata, path));
        metadata.getAndSetParams(stage, scala.Option.empty());
        return stage;
      }
    };
  }

  /**
   * @param path where an estimator stage was saved
   * @return the stage
   */
  public static SagemillEstimator load(String path) {
    return read().load(path);
  }
}
