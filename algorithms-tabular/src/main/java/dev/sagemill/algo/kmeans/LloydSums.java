package dev.sagemill.algo.kmeans;

import dev.sagemill.core.cluster.Centers;
import dev.sagemill.core.data.BatchStream;
import dev.sagemill.core.data.DataSource;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.distributed.Message;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.ForkJoinPool;

/**
 * One Lloyd's pass over rows for fixed centers: per center, the sum of the rows nearest to it and their count, and
 * the rows' total squared distance to their nearest center. Rows are added in their order, and shards' sums in shard
 * order, so one shard's sums equal the single-machine pass's bit for bit.
 */
final class LloydSums {
  final double[] sums;
  final long[] counts;
  double loss;
  long rows;

  private LloydSums(double[] sums, long[] counts, double loss, long rows) {
    this.sums = sums;
    this.counts = counts;
    this.loss = loss;
    this.rows = rows;
  }

  /** Streams {@code source} once, assigning each row to its nearest of {@code k} centers of {@code d} features. */
  static LloydSums of(DataSource source, float[] centers, int k, int d, ForkJoinPool pool) throws IOException {
    Centers c = new Centers(centers, k, d);
    LloydSums out = new LloydSums(new double[k * d], new long[k], 0, 0);
    try (BatchStream stream = source.open(8192)) {
      for (Optional<RowBatch> b = stream.next(); b.isPresent(); b = stream.next()) {
        RowBatch batch = b.get();
        int[] nearest = new int[batch.rows()];
        double[] dist2 = new double[batch.rows()];
        c.assign(batch, nearest, dist2, pool);
        for (int r = 0; r < batch.rows(); r++) {
          int o = nearest[r] * d;
          if (batch.isSparse()) {
            int[] ptr = batch.rowPointers();
            for (int j = ptr[r]; j < ptr[r + 1]; j++) {
              out.sums[o + batch.indices()[j]] += batch.sparseValues()[j];
            }
          } else {
            float[] x = batch.denseValues();
            for (int f = 0; f < d; f++) {
              out.sums[o + f] += x[r * d + f];
            }
          }
          out.counts[nearest[r]]++;
          out.loss += dist2[r];
        }
        out.rows += batch.rows();
      }
    }
    return out;
  }

  /** Adds another shard's sums (the next shard in order). */
  void add(LloydSums other) {
    for (int i = 0; i < sums.length; i++) {
      sums[i] += other.sums[i];
    }
    for (int j = 0; j < counts.length; j++) {
      counts[j] += other.counts[j];
    }
    loss += other.loss;
    rows += other.rows;
  }

  void writeTo(Message.Writer out) {
    out.putDoubles(sums).putLongs(counts).putDouble(loss).putLong(rows);
  }

  static LloydSums readFrom(Message.Reader in) {
    return new LloydSums(in.getDoubles(), in.getLongs(), in.getDouble(), in.getLong());
  }
}
