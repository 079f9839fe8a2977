package dev.sagemill.core.optim;

import dev.sagemill.core.io.ModelReader;
import dev.sagemill.core.io.ModelWriter;
import java.io.IOException;

/**
 * MXNet's AdaGrad, the update of SageMaker's MXNet-based algorithms: {@code G ← G + g²} from {@code G = 0}, change
 * {@code −η·g / √(G + ε)} (ε under the root, unlike {@link AdaGrad}). The accumulator is float32, as MXNet keeps it,
 * which halves the state of large sparse models (1M features × 64 factors: 256 MB instead of 512 MB). Weight decay is
 * the caller's: MXNet applies it beside the adaptive step, {@code −η·wd·w}. Saved as {@code <prefix>g2} (float32).
 */
public final class MxNetAdaGrad implements UpdateRule {
  private final float eps;
  private final float[] g2;

  /**
   * @param size the number of parameters
   * @param eps ε, positive
   * @throws IllegalArgumentException if ε is not positive
   */
  public MxNetAdaGrad(int size, double eps) {
    if (!(eps > 0)) {
      throw new IllegalArgumentException("AdaGrad needs eps > 0, got " + eps);
    }
    this.eps = (float) eps;
    this.g2 = new float[size];
  }

  @Override
  public void beginStep(long step) {}

  @Override
  public double delta(int i, double gradient, double rate) {
    float h = g2[i] + (float) (gradient * gradient);
    g2[i] = h;
    return -rate * gradient / Math.sqrt(h + eps);
  }

  @Override
  public void saveTo(ModelWriter out, String prefix) {
    out.putFloats(prefix + "g2", g2);
  }

  @Override
  public void restoreFrom(ModelReader in, String prefix) throws IOException {
    float[] v = in.floats(prefix + "g2");
    in.require(v.length == g2.length, prefix + "g2 has " + v.length + " values, expected " + g2.length);
    System.arraycopy(v, 0, g2, 0, v.length);
  }
}
