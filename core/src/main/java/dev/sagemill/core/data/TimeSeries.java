package dev.sagemill.core.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * One time series as SageMaker's DeepAR reads it from JSON Lines: {@code start} timestamp, {@code target}
 * values ({@code NaN} where missing), optional categorical groups {@code cat} and dynamic features
 * {@code dynamic_feat} (one array per feature, each as long as the target, or longer at inference).
 *
 * <p>Immutable and thread-safe: arrays are copied in and out.
 */
public final class TimeSeries {
  private final String start;
  private final double[] target;
  private final int[] cat;
  private final double[][] dynamicFeat;

  /**
   * @param start the start timestamp, {@code YYYY-MM-DD} or {@code YYYY-MM-DD HH:MM:SS}
   * @param target the values, NaN for missing
   * @param cat categorical group indices (may be empty)
   * @param dynamicFeat dynamic features, {@code features × length} (may be empty)
   */
  public TimeSeries(String start, double[] target, int[] cat, double[][] dynamicFeat) {
    this.start = Objects.requireNonNull(start, "start");
    this.target = target.clone();
    this.cat = cat.clone();
    this.dynamicFeat = Arrays.stream(dynamicFeat).map(double[]::clone).toArray(double[][]::new);
  }

  /** @return the start timestamp as written */
  public String start() {
    return start;
  }

  /** @return a copy of the target values */
  public double[] target() {
    return target.clone();
  }

  /** @return a copy of the categorical group indices */
  public int[] cat() {
    return cat.clone();
  }

  /** @return a copy of the dynamic features, {@code features × length} */
  public double[][] dynamicFeat() {
    return Arrays.stream(dynamicFeat).map(double[]::clone).toArray(double[][]::new);
  }

  /** @return the length of the target */
  public int length() {
    return target.length;
  }
}
