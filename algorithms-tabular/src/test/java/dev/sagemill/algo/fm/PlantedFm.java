package dev.sagemill.algo.fm;

import dev.sagemill.core.data.InMemoryDataset;
import dev.sagemill.core.data.RowBatch;
import java.util.Random;

/**
 * Rows drawn from a known factorization machine, shaped like a recommender's: each row has one active "user" among
 * the first {@code users} features and one "item" among the next {@code items}, value 1, so the label is
 * {@code w0 + w_u + w_i + ⟨v_u, v_i⟩ + noise}. The true parameters are fixed by the seed.
 */
final class PlantedFm {
  final int users;
  final int items;
  final int k;
  final double w0;
  final double[] w;
  final double[][] v;
  final double noise;

  PlantedFm(int users, int items, int k, double noise, long seed) {
    this.users = users;
    this.items = items;
    this.k = k;
    this.noise = noise;
    Random r = new Random(seed);
    this.w0 = 3;
    int d = users + items;
    this.w = new double[d];
    this.v = new double[d][k];
    for (int i = 0; i < d; i++) {
      w[i] = 0.5 * r.nextGaussian();
      for (int f = 0; f < k; f++) {
        v[i][f] = r.nextGaussian() / Math.sqrt(k);
      }
    }
  }

  int featureDim() {
    return users + items;
  }

  /** The true mean of the row (user u, item i). */
  double mean(int u, int i) {
    double s = w0 + w[u] + w[users + i];
    for (int f = 0; f < k; f++) {
      s += v[u][f] * v[users + i][f];
    }
    return s;
  }

  /** {@code rows} sparse rows with noisy labels (regression) or, when binary, labels 1 when the mean exceeds 3. */
  InMemoryDataset rows(int rows, long seed, boolean binary) {
    Random r = new Random(seed);
    RowBatch.Builder b = RowBatch.builder(featureDim(), 1, true);
    for (int n = 0; n < rows; n++) {
      int u = r.nextInt(users);
      int i = r.nextInt(items);
      double m = mean(u, i);
      double y = binary ? (m + noise * r.nextGaussian() > 3 ? 1 : 0) : m + noise * r.nextGaussian();
      b.addSparse(new int[] {u, users + i}, new float[] {1, 1}, 2, new float[] {(float) y}, 1f);
    }
    return InMemoryDataset.of(b.build());
  }
}
