package dev.sagemill.benchmarks;

import dev.sagemill.core.data.InMemoryDataset;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.random.RandomStream;
import dev.sagemill.io.DataSources;
import java.io.IOException;
import java.nio.file.Path;

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
}
