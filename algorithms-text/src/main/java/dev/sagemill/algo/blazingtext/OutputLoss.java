package dev.sagemill.algo.blazingtext;

import dev.sagemill.core.embedding.RowMath;
import dev.sagemill.core.random.SplitMix64;
import dev.sagemill.core.embedding.SigmoidTable;
import dev.sagemill.core.embedding.UnigramTable;

/**
 * The output layer and its loss, as fastText defines them over the output matrix {@code wo} (one row per word or
 * label): negative sampling, hierarchical softmax, softmax, and one-vs-all (independent binary logistic per label,
 * for multi-label data). {@link #forward} adds the hidden vector's gradient to {@code state.grad} and updates
 * {@code wo} in place (Hogwild); {@link #predict} lists the best labels.
 *
 * <p>Thread-safe for concurrent forward calls in the Hogwild sense: {@code wo} is shared without locks.
 */
abstract class OutputLoss {
  final float[] wo;
  final int dim;

  OutputLoss(float[] wo, int dim) {
    this.wo = wo;
    this.dim = dim;
  }

  /** @return fastText's loss code in the {@code .bin} header (hs 1, ns 2, softmax 3, ova 4) */
  abstract int code();

  /**
   * One example's loss and, with {@code backprop}, its updates.
   *
   * @param targets the targets' array
   * @param tStart where this example's targets start
   * @param tEnd where they end
   * @param targetIndex which target is the positive one ({@code -1}: all of them, one-vs-all)
   * @param s the thread's state, whose {@code hidden} is set
   * @param lr the learning rate
   * @param backprop whether to update
   * @return the loss
   */
  abstract float forward(int[] targets, int tStart, int tEnd, int targetIndex, State s, float lr, boolean backprop);

  /**
   * The {@code k} best outputs with probability ≥ {@code threshold}, best first.
   *
   * @param s the state whose hidden vector is set
   * @param k how many
   * @param threshold the least probability
   * @param out receives (output id, log probability) pairs
   */
  abstract void predict(State s, int k, float threshold, TopK out);

  /** fastText's binaryLogistic: one logistic output row, updated toward {@code positive}. */
  final float binaryLogistic(int row, State s, boolean positive, float lr, boolean backprop) {
    int off = row * dim;
    float score = SigmoidTable.sigmoid(RowMath.dot(wo, off, s.hidden, 0, dim));
    if (backprop) {
      float alpha = lr * ((positive ? 1f : 0f) - score);
      RowMath.axpy(alpha, wo, off, s.grad, 0, dim);
      RowMath.axpy(alpha, s.hidden, 0, wo, off, dim);
    }
    return positive ? -SigmoidTable.log(score) : -SigmoidTable.log(1f - score);
  }

  /** fastText's std_log: ln(x + 1e-5), which keeps log(0) finite. */
  static float stdLog(float x) {
    return (float) Math.log(x + 1e-5);
  }

  /** A thread's scratch vectors and random state. Not thread-safe. */
  static final class State {
    final float[] hidden;
    final float[] grad;
    final float[] output;
    final SplitMix64 rng;
    /** This thread's walk through the negative-sampling table; null for the other losses. */
    UnigramTable.Cursor negatives;
    double lossSum;
    long examples;

    State(int dim, int outputs, long seed) {
      this.hidden = new float[dim];
      this.grad = new float[dim];
      this.output = new float[outputs];
      this.rng = new SplitMix64(seed);
    }
  }

  /** Negative sampling: the positive row and {@code neg} rows drawn from the unigram table. */
  static final class NegativeSampling extends OutputLoss {
    private final int neg;
    private final UnigramTable table;

    NegativeSampling(float[] wo, int dim, int neg, long[] counts, long seed) {
      super(wo, dim);
      this.neg = neg;
      this.table = new UnigramTable(counts, 0.5,
          UnigramTable.DEFAULT_SIZE, seed);
    }

    @Override
    int code() {
      return 2;
    }

    /** @return the number of negatives per positive */
    int neg() {
      return neg;
    }

    /**
     * @param seed the thread's seed
     * @return a cursor for that thread's {@link State#negatives}
     */
    UnigramTable.Cursor cursor(long seed) {
      return table.cursor(seed);
    }

    /**
     * @param position a saved {@link UnigramTable.Cursor#position()}
     * @return a cursor continuing from it
     */
    UnigramTable.Cursor cursorAt(int position) {
      return table.cursorAt(position);
    }

    @Override
    float forward(int[] targets, int tStart, int tEnd, int targetIndex, State s, float lr, boolean backprop) {
      int target = targets[tStart + targetIndex];
      float loss = binaryLogistic(target, s, true, lr, backprop);
      UnigramTable.Cursor c = s.negatives;
      for (int n = 0; n < neg; n++) {
        loss += binaryLogistic(c.next(target), s, false, lr, backprop);
      }
      return loss;
    }

    @Override
    void predict(State s, int k, float threshold, TopK out) {
      OneVsAll.logisticTopK(this, s, k, threshold, out);
    }
  }

  /** One logistic output per label, every label of the line positive: fastText's {@code ova}. */
  static final class OneVsAll extends OutputLoss {
    private final int outputs;

    OneVsAll(float[] wo, int dim, int outputs) {
      super(wo, dim);
      this.outputs = outputs;
    }

    @Override
    int code() {
      return 4;
    }

    @Override
    float forward(int[] targets, int tStart, int tEnd, int targetIndex, State s, float lr, boolean backprop) {
      float loss = 0;
      for (int i = 0; i < outputs; i++) {
        boolean match = false;
        for (int t = tStart; t < tEnd; t++) {
          match |= targets[t] == i;
        }
        loss += binaryLogistic(i, s, match, lr, backprop);
      }
      return loss;
    }

    @Override
    void predict(State s, int k, float threshold, TopK out) {
      logisticTopK(this, s, k, threshold, out);
    }

    static void logisticTopK(OutputLoss loss, State s, int k, float threshold, TopK out) {
      int n = s.output.length;
      for (int i = 0; i < n; i++) {
        s.output[i] = SigmoidTable.sigmoid(RowMath.dot(loss.wo, i * loss.dim, s.hidden, 0, loss.dim));
      }
      out.select(s.output, n, k, threshold);
    }
  }

  /** Full softmax over every output row. */
  static final class Softmax extends OutputLoss {
    Softmax(float[] wo, int dim) {
      super(wo, dim);
    }

    @Override
    int code() {
      return 3;
    }

    private void softmax(State s) {
      float[] o = s.output;
      float max = Float.NEGATIVE_INFINITY;
      for (int i = 0; i < o.length; i++) {
        o[i] = RowMath.dot(wo, i * dim, s.hidden, 0, dim);
        max = Math.max(max, o[i]);
      }
      float z = 0;
      for (int i = 0; i < o.length; i++) {
        o[i] = (float) Math.exp(o[i] - max);
        z += o[i];
      }
      for (int i = 0; i < o.length; i++) {
        o[i] /= z;
      }
    }

    @Override
    float forward(int[] targets, int tStart, int tEnd, int targetIndex, State s, float lr, boolean backprop) {
      softmax(s);
      int target = targets[tStart + targetIndex];
      if (backprop) {
        for (int i = 0; i < s.output.length; i++) {
          float alpha = lr * ((i == target ? 1f : 0f) - s.output[i]);
          RowMath.axpy(alpha, wo, i * dim, s.grad, 0, dim);
          RowMath.axpy(alpha, s.hidden, 0, wo, i * dim, dim);
        }
      }
      return -SigmoidTable.log(s.output[target]);
    }

    @Override
    void predict(State s, int k, float threshold, TopK out) {
      softmax(s);
      out.select(s.output, s.output.length, k, threshold);
    }
  }
}
