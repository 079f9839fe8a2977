package dev.sagemill.algo.knn;

import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.error.InvalidDataException;
import dev.sagemill.core.random.RandomStream;

/**
 * How rows become indexed vectors: SageMaker's {@code dimension_reduction_type}, then unit length for COSINE.
 *
 * <ul>
 *   <li>{@code none}: the features as they are.</li>
 *   <li>{@code sign}: a random projection by a {@code feature_dim × target} matrix of ±1/√target entries
 *       (Achlioptas' database-friendly Johnson–Lindenstrauss transform); squared distances are preserved in
 *       expectation.</li>
 *   <li>{@code fjlt}: the fast Johnson–Lindenstrauss transform in its subsampled randomized Hadamard form: random
 *       signs, a Walsh–Hadamard transform of the zero-padded row (length the next power of two), and {@code target}
 *       of its coordinates drawn without replacement, scaled by 1/√target. O(d log d) per row instead of
 *       O(d·target).</li>
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
final class Reduction {
  final String type;
  final int in;
  final int out;
  final boolean normalize;
  /** sign: the {@code in × out} matrix; fjlt: the {@code in} random signs. Empty for none. */
  final float[] matrix;
  /** fjlt: the {@code out} sampled coordinates of the padded transform. Empty otherwise. */
  final int[] sampled;
  private final int padded;

  /**
   * @param type none, sign or fjlt
   * @param in feature_dim
   * @param out the target dimension (= in for none)
   * @param normalize scale every vector to unit length (COSINE)
   * @param matrix see {@link #matrix}
   * @param sampled see {@link #sampled}
   */
  Reduction(String type, int in, int out, boolean normalize, float[] matrix, int[] sampled) {
    this.type = type;
    this.in = in;
    this.out = out;
    this.normalize = normalize;
    this.matrix = matrix;
    this.sampled = sampled;
    this.padded = paddedLength(in);
  }

  /** @return the smallest power of two ≥ n: the length the Walsh–Hadamard transform works on */
  private static int paddedLength(int n) {
    return n <= 1 ? 1 : Integer.highestOneBit(n - 1) << 1;
  }

  /**
   * Draws a reduction.
   *
   * @param type none, sign or fjlt
   * @param in feature_dim
   * @param out the target dimension
   * @param normalize unit length afterwards
   * @param rng randomness
   * @return the reduction
   */
  static Reduction draw(String type, int in, int out, boolean normalize, RandomStream rng) {
    switch (type) {
      case "sign" -> {
        float[] m = new float[in * out];
        float v = (float) (1 / Math.sqrt(out));
        for (int i = 0; i < m.length; i++) {
          m[i] = rng.nextDouble() < 0.5 ? -v : v;
        }
        return new Reduction(type, in, out, normalize, m, new int[0]);
      }
      case "fjlt" -> {
        float[] signs = new float[in];
        for (int i = 0; i < in; i++) {
          signs[i] = rng.nextDouble() < 0.5 ? -1f : 1f;
        }
        int padded = paddedLength(in);
        int[] all = new int[padded];
        for (int i = 0; i < padded; i++) {
          all[i] = i;
        }
        rng.shuffle(all);
        int[] pick = java.util.Arrays.copyOf(all, out);
        java.util.Arrays.sort(pick);
        return new Reduction(type, in, out, normalize, signs, pick);
      }
      default -> {
        return new Reduction("none", in, in, normalize, new float[0], new int[0]);
      }
    }
  }

  /**
   * Transforms row r of a batch.
   *
   * @param b the batch ({@link #in} features; finite values, checked)
   * @param r the row
   * @param dst receives {@link #out} values at {@code off}
   * @param off where
   * @param scratch at least {@code max(in, padded length)} floats for fjlt
   * @throws InvalidDataException naming the record of a NaN or infinite feature
   */
  void apply(RowBatch b, int r, float[] dst, int off, float[] scratch) {
    java.util.Arrays.fill(dst, off, off + out, 0f);
    switch (type) {
      case "sign" -> forEach(b, r, (p, v) -> {
        int m = p * out;
        for (int c = 0; c < out; c++) {
          dst[off + c] += v * matrix[m + c];
        }
      });
      case "fjlt" -> {
        java.util.Arrays.fill(scratch, 0, padded, 0f);
        forEach(b, r, (p, v) -> scratch[p] = v * matrix[p]);
        hadamard(scratch, padded);
        float scale = (float) (1 / Math.sqrt(out));
        for (int c = 0; c < out; c++) {
          dst[off + c] = scratch[sampled[c]] * scale;
        }
      }
      default -> forEach(b, r, (p, v) -> dst[off + p] = v);
    }
    if (normalize) {
      double n = 0;
      for (int c = 0; c < out; c++) {
        n += (double) dst[off + c] * dst[off + c];
      }
      if (n > 0) {
        float inv = (float) (1 / Math.sqrt(n));
        for (int c = 0; c < out; c++) {
          dst[off + c] *= inv;
        }
      }
    }
  }

  /**
   * Checks a row's values without transforming it.
   *
   * @param b the batch
   * @param r the row
   * @throws InvalidDataException naming the record of a NaN or infinite feature
   */
  static void validate(RowBatch b, int r) {
    forEach(b, r, (p, v) -> { });
  }

  /** @return the scratch length {@link #apply} needs */
  int scratchLength() {
    return Math.max(in, padded);
  }

  /** A feature index and its value. */
  private interface Entry {
    void accept(int feature, float value);
  }

  private static void forEach(RowBatch b, int r, Entry e) {
    if (b.isSparse()) {
      int[] ptr = b.rowPointers();
      for (int k = ptr[r]; k < ptr[r + 1]; k++) {
        e.accept(b.indices()[k], check(b.sparseValues()[k], b, r, b.indices()[k]));
      }
      return;
    }
    int d = b.featureDim();
    float[] x = b.denseValues();
    for (int p = 0; p < d; p++) {
      float v = check(x[r * d + p], b, r, p);
      if (v != 0f) {
        e.accept(p, v);
      }
    }
  }

  private static float check(float v, RowBatch b, int r, int feature) {
    if (!Float.isFinite(v)) {
      throw new InvalidDataException(b.origin(), "record", b.firstRecord() + r, "feature " + feature + " is " + v
          + "; k-NN needs finite features");
    }
    return v;
  }

  /** In-place unnormalized fast Walsh–Hadamard transform of the first n (a power of two) values. */
  private static void hadamard(float[] a, int n) {
    for (int h = 1; h < n; h <<= 1) {
      for (int i = 0; i < n; i += h << 1) {
        for (int j = i; j < i + h; j++) {
          float x = a[j];
          float y = a[j + h];
          a[j] = x + y;
          a[j + h] = x - y;
        }
      }
    }
  }
}
