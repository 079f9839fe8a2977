package dev.sagemill.core.optim;

import dev.sagemill.core.io.ModelReader;
import dev.sagemill.core.io.ModelWriter;
import java.io.IOException;

/**
 * Adam (Kingma &amp; Ba, ICLR 2015): {@code m ← β₁m + (1−β₁)g}, {@code v ← β₂v + (1−β₂)g²}, change
 * {@code −η·(m/(1−β₁ᵗ)) / (√(v/(1−β₂ᵗ)) + ε)}. Moments are saved as {@code <prefix>m1} and {@code <prefix>m2}.
 */
public final class Adam implements UpdateRule {
  private final double beta1;
  private final double beta2;
  private final double eps;
  private final double[] m1;
  private final double[] m2;
  private double correction1;
  private double correction2;

  /**
   * @param size the number of parameters
   * @param beta1 β₁ in [0, 1)
   * @param beta2 β₂ in [0, 1)
   * @param eps ε, positive
   * @throws IllegalArgumentException if a setting is out of range
   */
  public Adam(int size, double beta1, double beta2, double eps) {
    if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(eps > 0)) {
      throw new IllegalArgumentException("Adam needs beta1, beta2 in [0, 1) and eps > 0, got " + beta1 + ", " + beta2
          + ", " + eps);
    }
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.eps = eps;
    this.m1 = new double[size];
    this.m2 = new double[size];
  }

  @Override
  public void beginStep(long step) {
    correction1 = 1 - Math.pow(beta1, step);
    correction2 = 1 - Math.pow(beta2, step);
  }

  @Override
  public double delta(int i, double gradient, double rate) {
    m1[i] = beta1 * m1[i] + (1 - beta1) * gradient;
    m2[i] = beta2 * m2[i] + (1 - beta2) * gradient * gradient;
    return -rate * (m1[i] / correction1) / (Math.sqrt(m2[i] / correction2) + eps);
  }

  @Override
  public void saveTo(ModelWriter out, String prefix) {
    out.putDoubles(prefix + "m1", m1);
    out.putDoubles(prefix + "m2", m2);
  }

  @Override
  public void restoreFrom(ModelReader in, String prefix) throws IOException {
    UpdateRule.restore(in, prefix + "m1", m1);
    UpdateRule.restore(in, prefix + "m2", m2);
  }
}
