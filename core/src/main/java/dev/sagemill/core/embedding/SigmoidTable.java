package dev.sagemill.core.embedding;

/**
 * The logistic function and the natural logarithm read from tables, as word2vec and fastText compute them in their
 * inner loops: 512 steps over [-8, 8] for the sigmoid (0 below, 1 above), 512 steps over (0, 1] for the logarithm.
 * The tables are fastText's, so scores computed here equal its own.
 *
 * <p>Thread-safe: immutable.
 */
public final class SigmoidTable {
  /** Inputs beyond ±this are 0 or 1. */
  public static final float MAX_SIGMOID = 8f;
  private static final int SIGMOID_SIZE = 512;
  private static final int LOG_SIZE = 512;
  private static final float[] SIGMOID = new float[SIGMOID_SIZE + 1];
  private static final float[] LOG = new float[LOG_SIZE + 1];

  static {
    for (int i = 0; i <= SIGMOID_SIZE; i++) {
      float x = (i * 2 * MAX_SIGMOID) / SIGMOID_SIZE - MAX_SIGMOID;
      SIGMOID[i] = (float) (1.0 / (1.0 + Math.exp(-x)));
    }
    for (int i = 0; i <= LOG_SIZE; i++) {
      float x = ((float) i + 1e-5f) / LOG_SIZE;
      LOG[i] = (float) Math.log(x);
    }
  }

  private SigmoidTable() {}

  /**
   * @param x any value
   * @return σ(x) from the table
   */
  public static float sigmoid(float x) {
    if (x < -MAX_SIGMOID) {
      return 0f;
    }
    if (x > MAX_SIGMOID) {
      return 1f;
    }
    return SIGMOID[(int) ((x + MAX_SIGMOID) * SIGMOID_SIZE / MAX_SIGMOID / 2)];
  }

  /**
   * @param x a value in [0, 1]; above 1 gives 0
   * @return ln(x) from the table
   */
  public static float log(float x) {
    if (x > 1f) {
      return 0f;
    }
    return LOG[(int) (x * LOG_SIZE)];
  }
}
