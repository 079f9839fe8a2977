package dev.sagemill.benchmarks;

import dev.sagemill.algo.linear.LinearLearnerEstimator;
import dev.sagemill.algo.linear.LinearLearnerModel;
import dev.sagemill.algo.linear.LinearLearnerParams;
import dev.sagemill.algo.linear.PredictorType;
import dev.sagemill.core.data.InMemoryDataset;
import dev.sagemill.core.estimator.FitOptions;
import dev.sagemill.core.estimator.Prediction;
import dev.sagemill.core.metrics.Metrics;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import smile.classification.LogisticRegression;

/**
 * Linear Learner against Smile's logistic regression (L-BFGS, the JVM peer named in the issue) on the same
 * in-memory data in one JVM: the median fit time of several runs after a warm-up, the time ratio
 * sagemill / Smile (goal ≤ 1.0), and each one's test AUC.
 *
 * <p>Run: {@code java -cp <benchmarks classpath> dev.sagemill.benchmarks.LinearLearnerVsSmile [rows ...]} from the
 * repository root; each extra argument adds a Higgs-like set of that many rows tiled from the sample.
 */
public final class LinearLearnerVsSmile {
  private LinearLearnerVsSmile() {}

  /** One timed result. */
  private record Result(double seconds, double auc) {}

  /**
   * @param args row counts of extra tiled datasets
   * @throws IOException if the sample cannot be read
   */
  public static void main(String[] args) throws IOException {
    InMemoryDataset train = InMemoryDataset.collect(dev.sagemill.io.DataSources.open(
        BenchData.HIGGS.resolve("train.csv.gz")));
    InMemoryDataset test = BenchData.higgs("test.csv.gz");
    System.out.printf(Locale.ROOT, "%-20s %8s %10s %10s %10s %7s %8s %8s | %10s %8s%n", "dataset", "rows",
        "sm 1 thr", "sm 2 thr", "smile", "ratio", "auc sm", "auc smile", "sm auto 2t", "auc");
    compare("higgs sample", train, test);
    for (String a : args) {
      int rows = Integer.parseInt(a);
      compare("higgs-like tiled", BenchData.tile(train, rows, 1), test);
    }
  }

  private static void compare(String name, InMemoryDataset train, InMemoryDataset test) {
    double[][] x = BenchData.features(train.data());
    int[] y = Arrays.stream(BenchData.labels(train.data())).mapToInt(v -> (int) v).toArray();
    double[][] tx = BenchData.features(test.data());
    double[] ty = BenchData.labels(test.data());
    int runs = train.size() > 500_000 ? 3 : 7;
    Result one = median(runs, () -> sagemill(train, test, 1, "1"));
    Result two = median(runs, () -> sagemill(train, test, 2, "1"));
    Result auto = median(runs, () -> sagemill(train, test, 2, "auto"));
    Result smile = median(runs, () -> {
      long t0 = System.nanoTime();
      LogisticRegression.Binomial m = LogisticRegression.binomial(x, y, 0.0, 1e-5, 500);
      double s = (System.nanoTime() - t0) / 1e9;
      double[] scores = new double[tx.length];
      double[] post = new double[2];
      for (int i = 0; i < tx.length; i++) {
        m.predict(tx[i], post);
        scores[i] = post[1];
      }
      return new Result(s, Metrics.auc(ty, scores, null));
    });
    System.out.printf(Locale.ROOT, "%-20s %8d %9.3fs %9.3fs %9.3fs %7.2f %8.4f %8.4f | %9.3fs %8.4f%n", name,
        train.size(), one.seconds, two.seconds, smile.seconds, two.seconds / smile.seconds, two.auc, smile.auc,
        auto.seconds, auto.auc);
  }

  private static Result sagemill(InMemoryDataset train, InMemoryDataset test, int threads, String models) {
    // num_models=1 is one model, like the peer; "auto" is SageMaker's default of several parallel models.
    // Otherwise SageMaker's defaults: 15 epochs, mini-batches of 1000, Adam.
    LinearLearnerParams p = LinearLearnerParams.builder(PredictorType.BINARY_CLASSIFIER)
        .set("num_models", models).build();
    long t0 = System.nanoTime();
    LinearLearnerModel m = new LinearLearnerEstimator(p).fit(train, FitOptions.builder().threads(threads).build());
    double s = (System.nanoTime() - t0) / 1e9;
    List<Prediction> pr = m.predict(test.data());
    double[] scores = pr.stream().mapToDouble(q -> q.get("score")).toArray();
    return new Result(s, Metrics.auc(BenchData.labels(test.data()), scores, null));
  }

  private static Result median(int runs, java.util.function.Supplier<Result> f) {
    f.get(); // warm-up: JIT compilation is not what is measured
    Result[] r = new Result[runs];
    for (int i = 0; i < runs; i++) {
      r[i] = f.get();
    }
    Arrays.sort(r, (a, b) -> Double.compare(a.seconds, b.seconds));
    return r[runs / 2];
  }
}
