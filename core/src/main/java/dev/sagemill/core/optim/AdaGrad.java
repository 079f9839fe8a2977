package dev.sagemill.core.optim;

import dev.sagemill.core.io.ModelReader;
import dev.sagemill.core.io.ModelWriter;
import java.io.IOException;
import java.util.Arrays;

/**
 * AdaGrad (Duchi, Hazan &amp; Singer, JMLR 2011): {@code G ← G + g²}, change {@code −η·g / (√G + ε)}; the
 * accumulator starts at a small value so the first steps are bounded. Saved as {@code <prefix>g2}.
 */
public final class AdaGrad implements UpdateRule {
  private final double eps;
  private final double[] g2;

  /**
   * @param size the number of parameters
   * @param eps ε, positive
   * @param initialAccumulator the accumulator's start value, at least 0
   * @throws IllegalArgumentException if a setting is out of range
   */
  public AdaGrad(int size, double eps, double initialAccumulator) {
    if (!(eps > 0) || !(initialAccumulator >= 0)) {
      throw new IllegalArgumentException("AdaGrad needs eps > 0 and initialAccumulator >= 0, got " + eps + ", "
          + initialAccumulator);
    }
    this.eps = eps;
    this.g2 = new double[size];
    Arrays.fill(g2, initialAccumulator);
  }

  @Override
  public void beginStep(long step) {}

  @Override
  public double delta(int i, double gradient, double rate) {
    g2[i] += gradient * gradient;
    return -rate * gradient / (Math.sqrt(g2[i]) + eps);
  }

  @Override
  public void saveTo(ModelWriter out, String prefix) {
    out.putDoubles(prefix + "g2", g2);
  }

  @Override
  public void restoreFrom(ModelReader in, String prefix) throws IOException {
    UpdateRule.restore(in, prefix + "g2", g2);
  }
}
