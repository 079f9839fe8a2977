package dev.sagemill.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sagemill.core.data.Schema;
import dev.sagemill.core.error.InvalidHyperparametersException;
import dev.sagemill.core.estimator.CancellationToken;
import dev.sagemill.core.estimator.FitOptions;
import dev.sagemill.core.io.ModelReader;
import dev.sagemill.core.io.ModelWriter;
import dev.sagemill.core.listen.TrainingListener;
import dev.sagemill.core.param.Hyperparameters;
import dev.sagemill.core.param.ParamSpec;
import dev.sagemill.core.param.ParamType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingLoopTest {
  private static final ParamSpec SPEC = ParamSpec.builder("count")
      .number("step", ParamType.DOUBLE, 0, false, 10, true, "1", false, "Added per iteration.").build();

  @TempDir
  Path dir;

  /** Adds its step to a running sum per iteration; stops early once the sum reaches a limit. */
  static final class Counter implements TrainingLoop.Job {
    final double step;
    final double limit;
    final int abandonAt;
    double sum;

    Counter(double step, double limit, int abandonAt) {
      this.step = step;
      this.limit = limit;
      this.abandonAt = abandonAt;
    }

    @Override
    public Map<String, Double> iterate(int iteration) {
      if (iteration == abandonAt) {
        return null;
      }
      sum += step;
      return Map.of("train:sum", sum);
    }

    @Override
    public boolean converged() {
      return sum >= limit;
    }

    @Override
    public void save(ModelWriter out) {
      out.putDoubles("sum", new double[] {sum});
    }

    @Override
    public void restore(ModelReader in) throws IOException {
      sum = in.doubles("sum")[0];
    }
  }

  private static TrainingLoop.Settings settings(Hyperparameters hps, int planned, int every) {
    return new TrainingLoop.Settings("count", hps, Schema.of(2, 1), planned, "sagemill.count.checkpoint", 1, every);
  }

  @Test
  void listenersSeeEveryIterationAndConvergenceStopsEarly() throws IOException {
    List<Integer> seen = new ArrayList<>();
    FitOptions o = FitOptions.builder().listener(new TrainingListener() {
      @Override
      public void onEpoch(int epoch, int planned, Map<String, Double> metrics) {
        seen.add(epoch);
      }
    }).build();
    TrainingLoop.Result r = TrainingLoop.run(settings(SPEC.parse(Map.of()), 10, 1), new Counter(1, 4, -1), o);
    assertEquals(List.of(1, 2, 3, 4), seen);
    assertEquals(new TrainingLoop.Result(4, true, 0), r);
    assertEquals(new TrainingLoop.Result(3, false, 0),
        TrainingLoop.run(settings(SPEC.parse(Map.of()), 3, 1), new Counter(1, 100, -1), FitOptions.defaults()));
  }

  @Test
  void aResumedJobEndsWhereTheUninterruptedOneDoes() throws IOException {
    Hyperparameters hps = SPEC.parse(Map.of("step", "0.5"));
    CancellationToken cancel = new CancellationToken();
    FitOptions first = FitOptions.builder().checkpointDir(dir).cancellation(cancel).listener(new TrainingListener() {
      @Override
      public void onEpoch(int epoch, int planned, Map<String, Double> metrics) {
        if (epoch == 3) {
          cancel.cancel();
        }
      }
    }).build();
    Counter a = new Counter(0.5, 100, -1);
    assertEquals(new TrainingLoop.Result(3, true, 0), TrainingLoop.run(settings(hps, 8, 2), a, first));
    Counter b = new Counter(0.5, 100, -1);
    TrainingLoop.Result resumed = TrainingLoop.run(settings(hps, 8, 2), b, FitOptions.builder().checkpointDir(dir)
        .build());
    assertEquals(new TrainingLoop.Result(8, false, 3), resumed, "the cancelled iteration 3 was checkpointed");
    assertEquals(4.0, b.sum);

    InvalidHyperparametersException other = assertThrows(InvalidHyperparametersException.class,
        () -> TrainingLoop.run(settings(SPEC.parse(Map.of("step", "2")), 8, 2), new Counter(2, 100, -1),
            FitOptions.builder().checkpointDir(dir).build()));
    assertTrue(other.getMessage().contains("other hyperparameters"), other.getMessage());
    IllegalStateException shape = assertThrows(IllegalStateException.class, () -> TrainingLoop.run(
        new TrainingLoop.Settings("count", hps, Schema.of(3, 1), 8, "sagemill.count.checkpoint", 1, 2),
        new Counter(0.5, 100, -1), FitOptions.builder().checkpointDir(dir).build()));
    assertTrue(shape.getMessage().contains("written for data of shape"), shape.getMessage());
  }

  @Test
  void anAbandonedIterationIsNeitherReportedNorCounted() throws IOException {
    List<Integer> seen = new ArrayList<>();
    FitOptions o = FitOptions.builder().listener(new TrainingListener() {
      @Override
      public void onEpoch(int epoch, int planned, Map<String, Double> metrics) {
        seen.add(epoch);
      }
    }).build();
    TrainingLoop.Result r = TrainingLoop.run(settings(SPEC.parse(Map.of()), 5, 1), new Counter(1, 100, 3), o);
    assertEquals(List.of(1, 2), seen);
    assertEquals(new TrainingLoop.Result(2, true, 0), r);
  }

  @Test
  void earlyStoppingFollowsPatienceAndTolerance() {
    EarlyStopping xgb = new EarlyStopping(true, 2, 0); // AUC, XGBoost's rule
    assertTrue(xgb.offer(0, 0.7));
    assertTrue(xgb.offer(1, 0.75));
    assertFalse(xgb.offer(2, 0.75), "equal is not better");
    assertFalse(xgb.stopped());
    assertFalse(xgb.offer(3, 0.74));
    assertTrue(xgb.stopped());
    assertEquals(1, xgb.bestIteration());
    assertEquals(0.75, xgb.bestValue());

    EarlyStopping ll = new EarlyStopping(false, 2, 0.1); // a loss, with Linear Learner's relative tolerance
    ll.offer(1, 1.0);
    assertTrue(ll.offer(2, 0.95), "a new best, though under the tolerance");
    assertTrue(ll.offer(3, 0.93));
    assertTrue(ll.stopped(), "two epochs without a 10% gain on 1.0");
    EarlyStopping copy = new EarlyStopping(false, 2, 0.1);
    copy.restore(ll.state());
    assertEquals(3, copy.bestIteration());
    assertTrue(copy.stopped());
  }
}
