package dev.sagemill.algo.deepar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The network's step-by-step unroll (forecasting) equals one unroll over the whole window (training). */
class DeepArNetworkTest {
  @Test
  void steppingWithTheCarriedStateEqualsOneUnroll() {
    TimeFrequency f = TimeFrequency.parse("H");
    SeriesShape shape = new SeriesShape(f, Likelihood.STUDENT_T, f.lags(), new int[] {3}, 1, 4);
    try (DeepArNetwork net = new DeepArNetwork(shape, 30, 2, 0.1, 1, 5);
        NDManager scope = net.manager().newSubManager()) {
      int rows = 2;
      int steps = 7;
      int w = shape.pointInputs();
      float[] point = new float[rows * steps * w];
      Random r = new Random(1);
      for (int i = 0; i < point.length; i++) {
        point[i] = (float) r.nextGaussian();
      }
      NDArray statics = net.staticInputs(scope, new int[] {0, 2}, new float[] {0.5f, -1f});
      float[] whole = net.unroll(scope, point, rows, steps, statics, null, false).head().toFloatArray();
      int a = shape.likelihood().argCount();
      float[] head = new float[rows * (steps - 1) * w];
      float[] last = new float[rows * w];
      for (int b = 0; b < rows; b++) {
        System.arraycopy(point, b * steps * w, head, b * (steps - 1) * w, (steps - 1) * w);
        System.arraycopy(point, (b * steps + steps - 1) * w, last, b * w, w);
      }
      NDList warm = net.unroll(scope, head, rows, steps - 1, statics, null, false);
      float[] step = net.unroll(scope, last, rows, 1, statics, new NDList(warm.get(1), warm.get(2)), false).head()
          .toFloatArray();
      for (int b = 0; b < rows; b++) {
        float[] expected = Arrays.copyOfRange(whole, (b * steps + steps - 1) * a, (b * steps + steps) * a);
        float[] got = Arrays.copyOfRange(step, b * a, (b + 1) * a);
        assertArrayEquals(expected, got, 1e-5f, "row " + b);
      }
    }
  }
}
