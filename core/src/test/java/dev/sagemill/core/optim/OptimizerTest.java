package dev.sagemill.core.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Each rule against its update written out by hand, and each minimising a quadratic. */
class OptimizerTest {
  @Test
  void firstStepsMatchTheirDefinitions() {
    // Adam's bias-corrected first step is -rate * sign(g) (up to eps), whatever the gradient's size.
    UpdateRule adam = new Optimizer("adam", 0, 0.9, 0.999, 1e-8).newRule(1);
    adam.beginStep(1);
    assertEquals(-0.1, adam.delta(0, 250, 0.1), 1e-9);
    // Second step by hand.
    adam.beginStep(2);
    double m = 0.9 * (0.1 * 250) + 0.1 * 50;
    double v = 0.999 * (0.001 * 250 * 250) + 0.001 * 50 * 50;
    double want = -0.1 * (m / (1 - 0.81)) / (Math.sqrt(v / (1 - 0.999 * 0.999)) + 1e-8);
    assertEquals(want, adam.delta(0, 50, 0.1), 1e-15);

    UpdateRule sgd = new Optimizer("sgd", 0.9, 0, 0, 0).newRule(1);
    assertEquals(-0.2, sgd.delta(0, 2, 0.1), 1e-15);
    assertEquals(0.9 * -0.2 - 0.1, sgd.delta(0, 1, 0.1), 1e-15, "velocity carries momentum");

    UpdateRule rms = new Optimizer("rmsprop", 0, 0, 0.9, 1e-8).newRule(1);
    assertEquals(-0.1 * 3 / (Math.sqrt(0.1 * 9) + 1e-8), rms.delta(0, 3, 0.1), 1e-15);

    UpdateRule ada = new Optimizer("adagrad", 0, 0, 0, 1e-8).newRule(1);
    assertEquals(-0.5 * 2 / (Math.sqrt(0.1 + 4) + 1e-8), ada.delta(0, 2, 0.5), 1e-15);
    assertEquals(-0.5 * 2 / (Math.sqrt(0.1 + 8) + 1e-8), ada.delta(0, 2, 0.5), 1e-15, "squares accumulate");
  }

  @Test
  void everyRuleMinimisesAQuadratic() {
    for (String name : new String[] {"sgd", "adam", "rmsprop", "adagrad"}) {
      UpdateRule r = new Optimizer(name, 0.5, 0.9, 0.99, 1e-8).newRule(2);
      double[] x = {5, -3};
      double lr = name.equals("adagrad") ? 1 : 0.02; // AdaGrad's steps shrink as squares accumulate
      for (int t = 1; t <= 3000; t++) {
        r.beginStep(t);
        // f = (x0 - 1)^2 + 10 (x1 + 2)^2
        x[0] += r.delta(0, 2 * (x[0] - 1), lr);
        x[1] += r.delta(1, 20 * (x[1] + 2), lr);
      }
      assertEquals(1, x[0], 1e-2, name);
      assertEquals(-2, x[1], 1e-2, name);
    }
    assertThrows(IllegalArgumentException.class, () -> new Optimizer("lbfgs", 0, 0, 0, 0));
  }

  @Test
  void schedulesMoveTheRateAndResume() {
    StepDecay step = new StepDecay(1, 3, 0.5, 0.2);
    for (long s = 1; s <= 9; s++) {
      step.afterStep(s);
    }
    assertEquals(0.2, step.rate(), "halved at steps 3 and 6, floored at 9");
    LinearDecay linear = new LinearDecay(0.05, 100, 1e-4);
    linear.afterStep(25);
    assertEquals(0.0375, linear.rate(), 1e-15);
    linear.afterStep(100);
    assertEquals(0.05 * 1e-4, linear.rate(), 1e-18);
    PlateauDecay plateau = new PlateauDecay(1, 0.1, 2, 0.01, 1e-3);
    for (double loss : new double[] {1, 0.5, 0.499, 0.4985}) {
      plateau.afterEpoch(loss);
    }
    assertEquals(0.1, plateau.rate(), 1e-15, "two epochs without a 1% gain");
    PlateauDecay copy = new PlateauDecay(1, 0.1, 2, 0.01, 1e-3);
    copy.restore(plateau.state());
    copy.afterEpoch(0.4984);
    plateau.afterEpoch(0.4984);
    assertEquals(plateau.rate(), copy.rate());
    assertTrue(LearningRateSchedule.constant(0.3).rate() == 0.3);
  }

  @Test
  void mxnetAdaGradAddsEpsilonUnderTheRoot() {
    UpdateRule r = new MxNetAdaGrad(1, 1e-7);
    r.beginStep(1);
    // float32 state, as MXNet keeps it: equal to 6 significant digits
    assertEquals(-0.1 * 1e-4 / Math.sqrt(1e-8 + 1e-7), r.delta(0, 1e-4, 0.1), 1e-6);
    r.beginStep(2);
    assertEquals(-0.1 * 3e-4 / Math.sqrt(1e-8 + 9e-8 + 1e-7), r.delta(0, 3e-4, 0.1), 1e-6);
  }
}
