package dev.sagemill.benchmarks;

import dev.sagemill.core.data.BatchStream;
import dev.sagemill.core.data.DataSource;
import dev.sagemill.core.data.InMemoryDataset;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.data.Schema;
import dev.sagemill.core.random.RandomStream;
import dev.sagemill.io.DataSources;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** Datasets shared by the harnesses: the embedded Higgs sample and larger sets tiled from it. */
final class BenchData {
  static final Path HIGGS = Path.of("examples/data/higgs-sample");

  private BenchData() {}

  static InMemoryDataset higgs(String file) throws IOException {
    return InMemoryDataset.collect(DataSources.open(HIGGS.resolve(file)));
  }

  /**
   * A larger Higgs-like set: rows of {@code base} repeated in a seeded random order, each feature perturbed with
   * Gaussian noise of 5% of its standard deviation, so copies are not identical.
   *
   * @param base the rows to tile
   * @param rows how many rows to make
   * @param seed the seed
   * @return the tiled rows
   */
  static InMemoryDataset tile(InMemoryDataset base, int rows, long seed) {
    RowBatch b = base.data();
    int d = b.featureDim();
    double[] sd = new double[d];
    double[] mean = new double[d];
    for (int r = 0; r < b.rows(); r++) {
      for (int j = 0; j < d; j++) {
        mean[j] += b.denseValues()[r * d + j] / b.rows();
      }
    }
    for (int r = 0; r < b.rows(); r++) {
      for (int j = 0; j < d; j++) {
        double v = b.denseValues()[r * d + j] - mean[j];
        sd[j] += v * v / b.rows();
      }
    }
    RandomStream rng = RandomStream.of(seed);
    RowBatch.Builder out = RowBatch.builder(d, 1, false);
    float[] x = new float[d];
    for (int i = 0; i < rows; i++) {
      int r = rng.nextInt(b.rows());
      for (int j = 0; j < d; j++) {
        x[j] = (float) (b.denseValues()[r * d + j] + 0.05 * Math.sqrt(sd[j]) * rng.nextGaussian());
      }
      out.addDense(x, 0, new float[] {b.label(r)}, 1f);
    }
    return InMemoryDataset.of(out.build());
  }

  /**
   * A Higgs-like synthetic binary task whose true answer is known: 21 "low-level" standard normal features, 7
   * "high-level" ones that are noisy nonlinear combinations of them (products, norms, thresholds), and a label drawn
   * from a logistic model over interactions, thresholds and smooth nonlinearities, so depth and many bins pay off
   * and a large test set can be drawn from the same distribution.
   *
   * @param rows how many rows
   * @param seed the seed
   * @return the rows, 28 features, label 0/1
   */
  static InMemoryDataset synthetic(int rows, long seed) {
    RandomStream rng = RandomStream.of(seed);
    RowBatch.Builder out = RowBatch.builder(28, 1, false);
    float[] x = new float[28];
    for (int i = 0; i < rows; i++) {
      float y = syntheticRow(rng, x);
      out.addDense(x, 0, new float[] {y}, 1f);
    }
    return InMemoryDataset.of(out.build());
  }

  /**
   * The rows of {@link #synthetic} generated batch by batch on every pass, never held: a training channel that
   * streams like a file (so peak-heap measurements see only what the trainer keeps).
   *
   * @param rows how many rows
   * @param seed the seed
   * @return the source
   */
  static DataSource syntheticStream(int rows, long seed) {
    Schema schema = Schema.of(28, 1);
    return new DataSource() {
      @Override
      public Schema schema() {
        return schema;
      }

      @Override
      public BatchStream open(int batchRows) {
        RandomStream rng = RandomStream.of(seed);
        float[] x = new float[28];
        int[] done = {0};
        return new BatchStream() {
          @Override
          public Optional<RowBatch> next() {
            if (done[0] >= rows) {
              return Optional.empty();
            }
            int m = Math.min(batchRows, rows - done[0]);
            RowBatch.Builder out = RowBatch.builder(28, 1, false);
            for (int i = 0; i < m; i++) {
              float y = syntheticRow(rng, x);
              out.addDense(x, 0, new float[] {y}, 1f);
            }
            done[0] += m;
            return Optional.of(out.build());
          }

          @Override
          public void close() {}
        };
      }

      @Override
      public String description() {
        return "synthetic Higgs-like stream of " + rows + " rows";
      }
    };
  }

  /** Fills x with one synthetic row's 28 features and returns its label. */
  private static float syntheticRow(RandomStream rng, float[] x) {
    for (int j = 0; j < 21; j++) {
      x[j] = (float) rng.nextGaussian();
    }
    double t1 = x[0] * x[1];
    double t2 = Math.abs(x[2]) + Math.abs(x[3]);
    double t3 = Math.sin(2 * x[4]);
    double t4 = x[5] > 0.5 ? 1 : 0;
    double t5 = x[6] * x[6] - 1;
    double t6 = Math.tanh(x[7] * x[8]);
    double t7 = Math.sqrt(x[9] * x[9] + x[10] * x[10]);
    double z = 0.9 * t1 - 0.7 * (t2 - 1.6) + 0.6 * t3 + 0.8 * (t4 - 0.3) - 0.4 * t5 + 0.7 * t6 - 0.5 * (t7 - 1.25)
        + 0.3 * x[11] - 0.2 * x[12] + 0.15 * x[13] * x[14];
    double[] high = {t1, t2, t3, t4, t5, t6, t7};
    for (int j = 0; j < 7; j++) {
      x[21 + j] = (float) (high[j] + 0.3 * rng.nextGaussian());
    }
    return rng.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1f : 0f;
  }

  static double[][] features(RowBatch b) {
    double[][] x = new double[b.rows()][b.featureDim()];
    for (int r = 0; r < b.rows(); r++) {
      for (int j = 0; j < b.featureDim(); j++) {
        x[r][j] = b.denseValues()[r * b.featureDim() + j];
      }
    }
    return x;
  }

  static double[] labels(RowBatch b) {
    double[] y = new double[b.rows()];
    for (int r = 0; r < y.length; r++) {
      y[r] = b.label(r);
    }
    return y;
  }

  /**
   * The row numbers 0..n-1 in a seeded random order (Fisher-Yates with {@code java.util.Random}), the fold order of the
   * cross-validating harnesses.
   *
   * @param n rows
   * @param seed the seed
   * @return the permutation
   */
  static int[] shuffledOrder(int n, long seed) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    java.util.Random rnd = new java.util.Random(seed);
    for (int i = n - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }

  /**
   * Writes floats as raw little-endian float32, as numpy's {@code fromfile(dtype="<f4")} reads them.
   *
   * @param file the file
   * @param values the values
   * @throws java.io.IOException if writing fails
   */
  static void writeFloat32(java.nio.file.Path file, float[] values) throws java.io.IOException {
    java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(values.length * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    buf.asFloatBuffer().put(values);
    java.nio.file.Files.write(file, buf.array());
  }
}
