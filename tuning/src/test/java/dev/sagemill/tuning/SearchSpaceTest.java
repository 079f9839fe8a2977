package dev.sagemill.tuning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sagemill.core.random.RandomStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SearchSpaceTest {
  private static final SearchSpace SPACE = new SearchSpace(List.of(
      new ParameterRange.Continuous("eta", 0.01, 0.5, Scaling.LOGARITHMIC),
      new ParameterRange.Continuous("subsample", 0.5, 1, Scaling.LINEAR),
      new ParameterRange.Continuous("beta", 0.9, 0.9999, Scaling.REVERSE_LOGARITHMIC),
      new ParameterRange.Continuous("fixed", 3, 3, Scaling.AUTO),
      new ParameterRange.Integral("max_depth", 1, 10, Scaling.LINEAR),
      new ParameterRange.Integral("num_round", 10, 1000, Scaling.LOGARITHMIC),
      new ParameterRange.Categorical("booster", List.of("gbtree", "dart", "gblinear"))));

  /** The numeric snap must be exactly the string round trip, or proposals would not match the jobs that run. */
  @Test
  void snapIsTheStringRoundTrip() {
    RandomStream rng = RandomStream.of(7);
    for (int i = 0; i < 2000; i++) {
      double[] u = new double[SPACE.dims()];
      for (int d = 0; d < u.length; d++) {
        // Some coordinates outside [0, 1], as the search's perturbations produce before clamping.
        u[d] = rng.nextDouble() * 1.2 - 0.1;
      }
      double[] expected = SPACE.encode(SPACE.decode(u)).orElseThrow();
      double[] snapped = SPACE.snap(u);
      assertArrayEquals(expected, snapped, 0.0, () -> "at " + java.util.Arrays.toString(u));
      assertArrayEquals(snapped, SPACE.snap(snapped), 0.0, "snapping twice changes nothing");
    }
  }

  @Test
  void snapRoundsIntegersAndPicksOneCategory() {
    double[] u = SPACE.encode(Map.of("eta", "0.1", "subsample", "0.75", "beta", "0.99", "fixed", "3",
        "max_depth", "4", "num_round", "100", "booster", "dart")).orElseThrow();
    int depth = 4;
    int booster = 6;
    // 0.3 of a slot (each integer of [1, 10] owns a tenth of the interval) towards 5 still runs 4.
    u[depth] += 0.03;
    u[booster] = 0.4;
    u[booster + 1] = 0.9;
    u[booster + 2] = 0.2;
    Map<String, String> run = SPACE.decode(SPACE.snap(u));
    assertEquals("4", run.get("max_depth"));
    assertEquals("dart", run.get("booster"));
    assertEquals((4 - 0.5) / 10, SPACE.snap(u)[depth], 1e-12);
    assertArrayEquals(new double[] {0, 1, 0}, java.util.Arrays.copyOfRange(SPACE.snap(u), booster, booster + 3));
  }
}
