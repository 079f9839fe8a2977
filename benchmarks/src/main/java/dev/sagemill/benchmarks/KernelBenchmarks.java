package dev.sagemill.benchmarks;

import dev.sagemill.algo.linear.LinearLearnerEstimator;
import dev.sagemill.algo.linear.LinearLearnerModel;
import dev.sagemill.algo.linear.LinearLearnerParams;
import dev.sagemill.algo.linear.PredictorType;
import dev.sagemill.core.data.BatchStream;
import dev.sagemill.core.data.FeatureVector;
import dev.sagemill.core.data.InMemoryDataset;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.estimator.FitOptions;
import dev.sagemill.core.estimator.Prediction;
import dev.sagemill.io.Channel;
import dev.sagemill.io.csv.CsvDataSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
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
 * JMH kernels: parsing the Higgs sample's CSV (6,000 rows × 29 columns, 1.2 MB uncompressed, from disk cache),
 * and Linear Learner prediction, batch and single row. Run:
 * {@code benchmarks/run.sh org.openjdk.jmh.Main KernelBenchmarks -f 1 -wi 3 -i 5}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class KernelBenchmarks {
  private Path csv;
  private LinearLearnerModel model;
  private RowBatch rows;
  private FeatureVector one;

  /**
   * Writes the uncompressed CSV and trains the model once.
   *
   * @throws IOException if the sample cannot be read
   */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    csv = Files.createTempFile("sagemill-bench", ".csv");
    try (InputStream in = new GZIPInputStream(Files.newInputStream(BenchData.HIGGS.resolve("train.csv.gz")))) {
      Files.write(csv, in.readAllBytes());
    }
    InMemoryDataset data = InMemoryDataset.collect(CsvDataSource.of(Channel.of(csv), 1, false));
    rows = data.data();
    one = rows.row(0);
    model = new LinearLearnerEstimator(LinearLearnerParams.builder(PredictorType.BINARY_CLASSIFIER).numModels(1)
        .build()).fit(data, FitOptions.builder().threads(1).build());
  }

  /**
   * Removes the temporary file.
   *
   * @throws IOException on failure
   */
  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    Files.deleteIfExists(csv);
  }

  /**
   * @return rows parsed
   * @throws IOException on failure
   */
  @Benchmark
  public int parseCsv6000Rows() throws IOException {
    int n = 0;
    try (BatchStream s = CsvDataSource.of(Channel.of(csv), 1, false).open(1000)) {
      for (Optional<RowBatch> b = s.next(); b.isPresent(); b = s.next()) {
        n += b.get().rows();
      }
    }
    return n;
  }

  /** @return answers for 6,000 rows */
  @Benchmark
  public List<Prediction> predictBatch6000Rows() {
    return model.predict(rows);
  }

  /** @return the answer for one row */
  @Benchmark
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public Prediction predictOneRow() {
    return model.predict(one);
  }
}
