package dev.sagemill.algo.gbdt.internal;

import dev.sagemill.core.io.CorruptModelException;
import dev.sagemill.core.io.ModelReader;
import dev.sagemill.core.io.ModelWriter;

/**
 * Writes a {@link LinearBooster} as three little-endian arrays inside a sagemill model container, under a name
 * prefix (so one container can hold several): {@code <prefix>weights} (float32, {@code (features + 1) × outputs}
 * in XGBoost's order, biases last), {@code <prefix>base_margin} (float64 per output) and {@code <prefix>rounds}
 * (one int, the boosting rounds). Reading checks every length against the model's feature count.
 */
public final class LinearCodec {
  private LinearCodec() {}

  /**
   * @param b the booster
   * @param prefix entry name prefix, e.g. {@code linear.}
   * @param out the container writer
   */
  public static void write(LinearBooster b, String prefix, ModelWriter out) {
    out.putFloats(prefix + "weights", b.weights());
    out.putDoubles(prefix + "base_margin", b.baseMargin());
    out.putInts(prefix + "rounds", new int[] {b.rounds()});
  }

  /**
   * @param in the container reader
   * @param prefix entry name prefix
   * @param featureDim the model's number of features
   * @return the booster
   * @throws CorruptModelException if an entry is missing or its length disagrees with the feature count
   */
  public static LinearBooster read(ModelReader in, String prefix, int featureDim) throws CorruptModelException {
    float[] w = in.floats(prefix + "weights");
    double[] base = in.doubles(prefix + "base_margin");
    int[] rounds = in.ints(prefix + "rounds");
    in.require(base.length >= 1, prefix + "base_margin is empty");
    in.require(w.length == (long) (featureDim + 1) * base.length, prefix + "weights holds " + w.length
        + " values, " + featureDim + " features and " + base.length + " outputs need "
        + (long) (featureDim + 1) * base.length);
    in.require(rounds.length == 1 && rounds[0] >= 0, prefix + "rounds is not one count >= 0");
    return new LinearBooster(featureDim, base.length, base, w, rounds[0]);
  }
}
