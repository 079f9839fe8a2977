package dev.sagemill.tuning;

import dev.sagemill.core.random.RandomStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ranges of a tuning job laid side by side in one unit cube: each range owns {@link ParameterRange#dims()}
 * consecutive coordinates. Immutable and thread-safe.
 */
public final class SearchSpace {
  private final List<ParameterRange> ranges;
  private final int[] offsets;
  private final int dims;

  /**
   * @param ranges the ranges, in order
   */
  public SearchSpace(List<ParameterRange> ranges) {
    this.ranges = List.copyOf(ranges);
    this.offsets = new int[this.ranges.size()];
    int d = 0;
    for (int i = 0; i < offsets.length; i++) {
      offsets[i] = d;
      d += this.ranges.get(i).dims();
    }
    this.dims = d;
  }

  /** @return the ranges, in order */
  public List<ParameterRange> ranges() {
    return ranges;
  }

  /** @return the number of unit coordinates */
  public int dims() {
    return dims;
  }

  /**
   * @param u unit coordinates
   * @return the hyperparameters they stand for, in range order
   */
  public Map<String, String> decode(double[] u) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < offsets.length; i++) {
      out.put(ranges.get(i).name(), ranges.get(i).decode(u, offsets[i]));
    }
    return out;
  }

  /**
   * @param hyperparameters values for (at least) every range
   * @return their unit coordinates; empty when a value is missing or outside its range
   */
  public Optional<double[]> encode(Map<String, String> hyperparameters) {
    double[] u = new double[dims];
    for (int i = 0; i < offsets.length; i++) {
      String v = hyperparameters.get(ranges.get(i).name());
      if (v == null || !ranges.get(i).encode(v, u, offsets[i])) {
        return Optional.empty();
      }
    }
    return Optional.of(u);
  }

  /**
   * Rounds coordinates to the point the search would actually run (integers and categories snapped).
   *
   * @param u unit coordinates
   * @return the snapped coordinates
   */
  public double[] snap(double[] u) {
    double[] out = u.clone();
    for (int i = 0; i < offsets.length; i++) {
      ranges.get(i).snap(out, offsets[i]);
    }
    return out;
  }

  /**
   * @param rng the randomness
   * @return a uniform draw (in each range's scaled space)
   */
  public double[] sample(RandomStream rng) {
    double[] u = new double[dims];
    for (int i = 0; i < offsets.length; i++) {
      ranges.get(i).sample(rng, u, offsets[i]);
    }
    return u;
  }


  /**
   * Every combination of the categorical values, the first range varying slowest. Only for spaces of categorical
   * ranges.
   *
   * @return the grid, in order
   */
  public List<Map<String, String>> grid() {
    List<Map<String, String>> out = new ArrayList<>();
    out.add(new LinkedHashMap<>());
    for (ParameterRange r : ranges) {
      List<String> values = ((ParameterRange.Categorical) r).values();
      List<Map<String, String>> next = new ArrayList<>();
      for (Map<String, String> partial : out) {
        for (String v : values) {
          Map<String, String> m = new LinkedHashMap<>(partial);
          m.put(r.name(), v);
          next.add(m);
        }
      }
      out = next;
    }
    return out;
  }

  /** @return the number of grid points of a categorical space */
  public long gridSize() {
    long n = 1;
    for (ParameterRange r : ranges) {
      n *= r.dims();
    }
    return n;
  }
}
