package dev.sagemill.core.optim;

import dev.sagemill.core.io.ModelReader;
import dev.sagemill.core.io.ModelWriter;
import java.io.IOException;

/**
 * Stochastic gradient descent with (heavy-ball) momentum: {@code v ← μ·v − η·g}, change {@code v}. With
 * {@code μ = 0} it is plain SGD. The velocity is saved as entry {@code <prefix>m1}.
 */
public final class Sgd implements UpdateRule {
  private final double momentum;
  private final double[] velocity;

  /**
   * @param size the number of parameters
   * @param momentum μ in [0, 1)
   * @throws IllegalArgumentException if μ is outside [0, 1)
   */
  public Sgd(int size, double momentum) {
    if (!(momentum >= 0 && momentum < 1)) {
      throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
    }
    this.momentum = momentum;
    this.velocity = new double[size];
  }

  @Override
  public void beginStep(long step) {}

  @Override
  public double delta(int i, double gradient, double rate) {
    velocity[i] = momentum * velocity[i] - rate * gradient;
    return velocity[i];
  }

  @Override
  public void saveTo(ModelWriter out, String prefix) {
    out.putDoubles(prefix + "m1", velocity);
  }

  @Override
  public void restoreFrom(ModelReader in, String prefix) throws IOException {
    UpdateRule.restore(in, prefix + "m1", velocity);
  }
}
