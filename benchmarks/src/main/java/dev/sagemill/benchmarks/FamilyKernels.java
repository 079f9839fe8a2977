package dev.sagemill.benchmarks;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.recurrent.LSTM;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.sagemill.algo.knn.KnnEstimator;
import dev.sagemill.algo.knn.KnnModel;
import dev.sagemill.algo.knn.KnnParams;
import dev.sagemill.algo.xgboost.XGBoostEstimator;
import dev.sagemill.algo.xgboost.XGBoostModel;
import dev.sagemill.algo.xgboost.XGBoostParams;
import dev.sagemill.core.data.InMemoryDataset;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.estimator.Algorithms;
import dev.sagemill.core.estimator.FitOptions;
import dev.sagemill.core.estimator.Prediction;
import dev.sagemill.core.estimator.StreamingModel;
import dev.sagemill.io.Channel;
import dev.sagemill.io.csv.CsvDataSource;
import dev.sagemill.neural.NeuralEngine;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * JMH kernels of the algorithm families, each measured at the public boundary it is reached through, on the embedded
 * Higgs sample (6,000 rows × 28 features) where data is needed:
 * <ul>
 *   <li>tree walk: XGBoost batch prediction, 100 trees of depth 6, 6,000 rows;
 *   <li>distance block: exact k-NN (faiss.Flat), 100 queries against 6,000 rows, k = 10;
 *   <li>RCF update: Random Cut Forest scoring then learning one record (100 trees of 256 points, a warmed forest);
 *   <li>text: BlazingText's classifier answering one 8-word sentence (fastText's predict), and LDA inferring one
 *       document's topic mixture (30 topics over 2,000 words, 100-word documents);
 *   <li>LSTM step: DeepAR's training step on M4 Hourly's shape (128 windows × 96 time points × 46 inputs, 2 layers of
 *       40 cells), forward and backward through DJL's PyTorch engine.
 * </ul>
 * Run: {@code benchmarks/run.sh org.openjdk.jmh.Main FamilyKernels -f 1 -wi 3 -i 5 -w 1s -r 1s}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class FamilyKernels {
  private RowBatch rows;
  private RowBatch queries;
  private XGBoostModel trees;
  private KnnModel knn;
  private StreamingModel forest;
  private RowBatch[] single;
  private int next;
  private dev.sagemill.algo.blazingtext.BlazingTextModel classifier;
  private dev.sagemill.algo.lda.LdaModel lda;
  private RowBatch document;
  private NDManager manager;
  private LSTM lstm;
  private ParameterStore store;
  private float[] windows;

  /**
   * Trains the models and builds the LSTM once.
   *
   * @throws IOException if the sample cannot be read
   */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    InMemoryDataset data = InMemoryDataset.collect(CsvDataSource.of(Channel.of(BenchData.HIGGS.resolve(
        "train.csv.gz")), 1, false));
    rows = data.data();
    FitOptions one = FitOptions.builder().threads(1).build();
    trees = new XGBoostEstimator(XGBoostParams.parse(Map.of("num_round", "100", "max_depth", "6", "objective",
        "binary:logistic"))).fit(data, one);
    knn = new KnnEstimator(KnnParams.parse(Map.of("feature_dim", "28", "k", "10", "predictor_type", "classifier",
        "sample_size", "6000"))).fit(data, one);
    RowBatch.Builder q = RowBatch.builder(28, 0, false);
    single = new RowBatch[rows.rows()];
    for (int r = 0; r < rows.rows(); r++) {
      float[] x = rows.row(r).toDense();
      if (r < 100) {
        q.addDense(x, 0, null, 1f);
      }
      single[r] = RowBatch.builder(28, 0, false).addDense(x, 0, null, 1f).build();
    }
    queries = q.build();
    forest = Algorithms.get("randomcutforest").stream(Map.of("feature_dim", "28")).orElseThrow();
    for (int i = 0; i < 2000; i++) {
      forest.answerThenLearn(single[i]);
    }
    Random words = new Random(3);
    List<String> lines = new java.util.ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      int label = i % 3;
      StringBuilder line = new StringBuilder("__label__" + label);
      for (int w = 0; w < 8; w++) {
        line.append(" w").append(words.nextDouble() < 0.5 ? label * 100 + words.nextInt(100) : 300 + words.nextInt(300));
      }
      lines.add(line.toString());
    }
    classifier = new dev.sagemill.algo.blazingtext.BlazingTextEstimator(dev.sagemill.algo.blazingtext.BlazingTextParams
        .parse(Map.of("mode", "supervised", "epochs", "5", "min_count", "1"))).fit(
        dev.sagemill.core.data.InMemoryText.of(lines), one);
    RowBatch.Builder docs = RowBatch.builder(2000, 0, true);
    for (int d = 0; d < 2000; d++) {
      java.util.TreeMap<Integer, Integer> counts = new java.util.TreeMap<>();
      int topic = words.nextInt(30);
      for (int w = 0; w < 100; w++) {
        counts.merge(words.nextDouble() < 0.8 ? topic * 60 + words.nextInt(60) : words.nextInt(2000), 1,
            Integer::sum);
      }
      int[] idx = counts.keySet().stream().mapToInt(Integer::intValue).toArray();
      float[] val = new float[idx.length];
      for (int k = 0; k < idx.length; k++) {
        val[k] = counts.get(idx[k]);
      }
      docs.addSparse(idx, val, idx.length, null, 1f);
    }
    RowBatch corpus = docs.build();
    lda = new dev.sagemill.algo.lda.LdaEstimator(dev.sagemill.algo.lda.LdaParams.builder(30, 2000, 1000).build())
        .fit(InMemoryDataset.of(corpus), one);
    document = corpus.slice(0, 1);
    manager = NeuralEngine.newManager(2);
    lstm = LSTM.builder().setStateSize(40).setNumLayers(2).optDropRate(0.1f).optBatchFirst(true).build();
    lstm.initialize(manager, DataType.FLOAT32, new Shape(128, 96, 46));
    store = new ParameterStore(manager, false);
    float[] x = new float[128 * 96 * 46];
    Random random = new Random(1);
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) random.nextGaussian();
    }
    windows = x;
  }

  /** Frees the LSTM's native memory. */
  @TearDown(Level.Trial)
  public void tearDown() {
    manager.close();
  }

  /** @return XGBoost's answers for 6,000 rows */
  @Benchmark
  public List<Prediction> treeWalk6000Rows() {
    return trees.predict(rows);
  }

  /** @return k-NN's answers for 100 queries */
  @Benchmark
  public List<Prediction> knnDistanceBlock100Queries() {
    return knn.predict(queries);
  }

  /** @return the score of one record, which the forest then learns */
  @Benchmark
  public List<Prediction> rcfScoreAndUpdate() {
    next = (next + 1) % single.length;
    return forest.answerThenLearn(single[next]);
  }

  /** @return BlazingText's best label for one sentence */
  @Benchmark
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public Object blazingTextPredictSentence() {
    return classifier.predictLabels("w1 w7 w350 w12 w500 w3 w88 w310", 1);
  }

  /** @return LDA's topic mixture of one document */
  @Benchmark
  public List<Prediction> ldaInferDocument() {
    return lda.predict(document);
  }

  /** @return the loss of one forward and backward pass (the input copied into a scope freed after the pass) */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public float lstmStepDeepArShape() {
    try (NDManager scope = manager.newSubManager();
        GradientCollector gc = Engine.getInstance().newGradientCollector()) {
      NDArray in = scope.create(windows, new Shape(128, 96, 46));
      NDArray out = lstm.forward(store, new NDList(in), true).head();
      NDArray loss = out.square().mean();
      gc.backward(loss);
      float v = loss.getFloat();
      for (var p : lstm.getParameters()) {
        p.getValue().getArray().getGradient().muli(0);
      }
      return v;
    }
  }
}
