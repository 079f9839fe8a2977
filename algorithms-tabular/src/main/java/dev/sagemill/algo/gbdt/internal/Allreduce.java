package dev.sagemill.algo.gbdt.internal;

/**
 * Combines a value every shard of a sharded boosting run computes from its own rows into the value of all the rows,
 * and hands it back to every shard: the one place where shards growing the same trees in lockstep meet (XGBoost's
 * distributed design). Every shard calls the same methods in the same order with arrays of the same length, because
 * each runs the same code on the same combined values. On one machine the rows are all the rows, and
 * {@link #LOCAL} returns its arguments.
 */
interface Allreduce {
  /** One machine: the local values are the totals. */
  Allreduce LOCAL = new Allreduce() {
    @Override
    public long[] sum(long[] local) {
      return local;
    }

    @Override
    public double[] sum(double[] local) {
      return local;
    }

    @Override
    public long[] sumAndMax(long[] sums, long[] maxima) {
      long[] out = java.util.Arrays.copyOf(sums, sums.length + maxima.length);
      System.arraycopy(maxima, 0, out, sums.length, maxima.length);
      return out;
    }

    @Override
    public boolean isLocal() {
      return true;
    }
  };

  /**
   * @param local this shard's integer sums (fixed-point histograms, counts): exact and order-free when added
   * @return the sums over every shard, element by element
   */
  long[] sum(long[] local);

  /**
   * @param local this shard's floating-point sums
   * @return the sums over every shard, added in shard order
   */
  double[] sum(double[] local);

  /**
   * Sums and maxima in one exchange.
   *
   * @param sums this shard's integer sums
   * @param maxima this shard's values whose maximum is wanted
   * @return the sums over every shard, then the maxima over every shard
   */
  long[] sumAndMax(long[] sums, long[] maxima);

  /** @return whether this is {@link #LOCAL} (one machine, nothing to combine) */
  default boolean isLocal() {
    return false;
  }
}
