package dev.sagemill.core.optim;

import java.util.Locale;

/**
 * An optimizer by its SageMaker name ({@code sgd}, {@code adam}, {@code rmsprop}, {@code adagrad}) with its settings;
 * makes the {@link UpdateRule} of a parameter vector. Linear Learner, Factorization Machines and the other SGD
 * algorithms take their {@code optimizer}, {@code momentum}, {@code beta_1}, {@code beta_2} and {@code eps}
 * hyperparameters through it.
 *
 * @param name {@code sgd}, {@code adam}, {@code rmsprop} or {@code adagrad}
 * @param momentum SGD's momentum μ
 * @param beta1 Adam's β₁
 * @param beta2 Adam's β₂, RMSProp's ρ
 * @param eps the denominator's ε of Adam, RMSProp and AdaGrad
 */
public record Optimizer(String name, double momentum, double beta1, double beta2, double eps) {
  /**
   * Validates the name.
   *
   * @param name the optimizer's name
   * @param momentum SGD's momentum
   * @param beta1 Adam's β₁
   * @param beta2 Adam's β₂, RMSProp's ρ
   * @param eps ε
   */
  public Optimizer {
    name = name.toLowerCase(Locale.ROOT);
    if (!name.equals("sgd") && !name.equals("adam") && !name.equals("rmsprop") && !name.equals("adagrad")) {
      throw new IllegalArgumentException("optimizer must be sgd, adam, rmsprop or adagrad, got " + name);
    }
  }

  /**
   * @param size the number of parameters
   * @return a fresh rule with zero state
   */
  public UpdateRule newRule(int size) {
    return switch (name) {
      case "sgd" -> new Sgd(size, momentum);
      case "adam" -> new Adam(size, beta1, beta2, eps);
      case "rmsprop" -> new RmsProp(size, beta2, eps);
      default -> new AdaGrad(size, eps, 0.1);
    };
  }
}
