package dev.sagemill.core.optim;

import dev.sagemill.core.io.ModelReader;
import dev.sagemill.core.io.ModelWriter;
import java.io.IOException;

/**
 * RMSProp (Hinton, lecture 6e): {@code v ← ρv + (1−ρ)g²}, change {@code −η·g / (√v + ε)}. The average is saved as
 * {@code <prefix>m2}.
 */
public final class RmsProp implements UpdateRule {
  private final double rho;
  private final double eps;
  private final double[] m2;

  /**
   * @param size the number of parameters
   * @param rho ρ in [0, 1)
   * @param eps ε, positive
   * @throws IllegalArgumentException if a setting is out of range
   */
  public RmsProp(int size, double rho, double eps) {
    if (!(rho >= 0 && rho < 1) || !(eps > 0)) {
      throw new IllegalArgumentException("RMSProp needs rho in [0, 1) and eps > 0, got " + rho + ", " + eps);
    }
    this.rho = rho;
    this.eps = eps;
    this.m2 = new double[size];
  }

  @Override
  public void beginStep(long step) {}

  @Override
  public double delta(int i, double gradient, double rate) {
    m2[i] = rho * m2[i] + (1 - rho) * gradient * gradient;
    return -rate * gradient / (Math.sqrt(m2[i]) + eps);
  }

  @Override
  public void saveTo(ModelWriter out, String prefix) {
    out.putDoubles(prefix + "m2", m2);
  }

  @Override
  public void restoreFrom(ModelReader in, String prefix) throws IOException {
    UpdateRule.restore(in, prefix + "m2", m2);
  }
}
