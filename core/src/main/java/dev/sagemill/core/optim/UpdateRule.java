package dev.sagemill.core.optim;

import dev.sagemill.core.io.ModelReader;
import dev.sagemill.core.io.ModelWriter;
import java.io.IOException;

/**
 * How an optimizer turns a gradient into a parameter change, with its per-parameter state (momentum, moment
 * estimates, accumulated squares). One rule serves a parameter vector of fixed size; the caller owns the parameters,
 * so that it can apply regularisation (weight decay added to the gradient, an L1 proximal step after the change)
 * exactly where its algorithm defines them. Per step: {@link #beginStep(long)}, then {@link #delta} for every
 * parameter updated.
 *
 * <p>Not thread-safe: one rule per parameter vector, updated by one thread at a time (or by disjoint index ranges
 * from several threads between two {@link #beginStep} calls).
 */
public interface UpdateRule {
  /**
   * Starts a step.
   *
   * @param step the 1-based number of this step (for bias corrections)
   */
  void beginStep(long step);

  /**
   * The change of one parameter in the current step.
   *
   * @param i the parameter's index, {@code 0 <= i < size}
   * @param gradient its gradient
   * @param rate the learning rate for this parameter
   * @return the amount to add to the parameter
   */
  double delta(int i, double gradient, double rate);

  /**
   * Writes the per-parameter state for a checkpoint.
   *
   * @param out the checkpoint writer
   * @param prefix the entry name prefix, e.g. {@code model.0.}
   */
  void saveTo(ModelWriter out, String prefix);

  /**
   * Restores the state written by {@link #saveTo}.
   *
   * @param in the checkpoint reader
   * @param prefix the entry name prefix
   * @throws IOException if an entry is missing or of the wrong size
   */
  void restoreFrom(ModelReader in, String prefix) throws IOException;

  /**
   * Copies a checkpoint entry into a state array, checking its size.
   *
   * @param in the checkpoint reader
   * @param name the entry
   * @param into the state array
   * @throws IOException if the entry is missing or of another size
   */
  static void restore(ModelReader in, String name, double[] into) throws IOException {
    double[] v = in.doubles(name);
    in.require(v.length == into.length, name + " has " + v.length + " values, expected " + into.length);
    System.arraycopy(v, 0, into, 0, v.length);
  }
}
