package dev.sagemill.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TunerTest {
  @TempDir
  Path dir;

  static TuningJobConfig.Builder branin(TuningJobConfig.Strategy strategy, int jobs, long seed) {
    return TuningJobConfig.builder().strategy(strategy).objective(new TuningObjective(false, "loss"))
        .range(new ParameterRange.Continuous("x1", -5, 10, Scaling.LINEAR))
        .range(new ParameterRange.Continuous("x2", 0, 15, Scaling.LINEAR)).limits(jobs, 1).randomSeed(seed);
  }

  static double best(TuningResult r) {
    return r.best().orElseThrow().objective();
  }

  @Test
  void gridRunsEveryCombinationOnce() throws Exception {
    TuningJobConfig job = TuningJobConfig.builder().strategy(TuningJobConfig.Strategy.GRID)
        .objective(new TuningObjective(true, "score"))
        .range(new ParameterRange.Categorical("a", List.of("1", "2", "3")))
        .range(new ParameterRange.Categorical("b", List.of("x", "y"))).limits(0, 2).build();
    assertEquals(6, job.maxJobs());
    Set<Map<String, String>> seen = Collections.synchronizedSet(new HashSet<>());
    TuningResult r = new Tuner(job, (hps, ctx) -> {
      assertTrue(seen.add(Map.of("a", hps.get("a"), "b", hps.get("b"))), "twice: " + hps);
      double score = Integer.parseInt(hps.get("a")) + (hps.get("b").equals("y") ? 10 : 0);
      return new TrialOutcome(Map.of("score", score), null);
    }).threads(2).run();
    assertEquals(6, seen.size());
    assertEquals(13, best(r), 0);
    assertEquals(Map.of("a", "3", "b", "y"), r.best().orElseThrow().hyperparameters());
  }

  @Test
  void randomWithTheSameSeedGivesTheSameLeaderboard() throws Exception {
    TuningJobConfig job = branin(TuningJobConfig.Strategy.RANDOM, 12, 42).limits(12, 3).build();
    List<Trial> a = new Tuner(job, TestSurfaces.braninFunction()).run().leaderboard();
    List<Trial> b = new Tuner(job, TestSurfaces.braninFunction()).run().leaderboard();
    assertEquals(12, a.size());
    for (int i = 0; i < a.size(); i++) {
      assertEquals(a.get(i).id(), b.get(i).id());
      assertEquals(a.get(i).hyperparameters(), b.get(i).hyperparameters());
      assertEquals(a.get(i).objective(), b.get(i).objective(), 0);
    }
    List<Trial> other = new Tuner(branin(TuningJobConfig.Strategy.RANDOM, 12, 43).build(),
        TestSurfaces.braninFunction()).run().leaderboard();
    assertTrue(!other.get(0).hyperparameters().equals(a.get(0).hyperparameters()), "another seed, other points");
  }

  /** Bayesian search must find Branin's minimum region far sooner than random draws. */
  @Test
  void bayesianBeatsRandomOnBranin() throws Exception {
    List<Double> bayes = new ArrayList<>();
    List<Double> random = new ArrayList<>();
    for (long seed = 1; seed <= 3; seed++) {
      bayes.add(best(new Tuner(branin(TuningJobConfig.Strategy.BAYESIAN, 25, seed).build(),
          TestSurfaces.braninFunction()).run()));
      random.add(best(new Tuner(branin(TuningJobConfig.Strategy.RANDOM, 50, seed).build(),
          TestSurfaces.braninFunction()).run()));
    }
    Collections.sort(bayes);
    Collections.sort(random);
    assertTrue(bayes.get(1) <= random.get(1), "median best: Bayesian@25 " + bayes + " vs Random@50 " + random);
    // Random@50's median is about 1.0 (benchmarks/RESULTS.md); a broken surrogate stays there.
    assertTrue(bayes.get(1) < TestSurfaces.BRANIN_MIN + 0.05, "median near the optimum 0.3979: " + bayes);
    assertTrue(bayes.get(2) < TestSurfaces.BRANIN_MIN + 0.25, "every seed close to the optimum 0.3979: " + bayes);
  }

  @Test
  void parallelBayesianProposalsDoNotRepeat() throws Exception {
    // With four proposals in flight, which job ends first varies from run to run and so do the proposals: the check
    // is on the spread over 15 seeds. Over 40 seeds the median best is about 0.67 and a quarter of the seeds end
    // above 1.5 (Branin has three minima), while Random's median best after 50 jobs is about 1.0.
    double[] bests = new double[15];
    for (int seed = 1; seed <= bests.length; seed++) {
      TuningResult r = new Tuner(branin(TuningJobConfig.Strategy.BAYESIAN, 20, seed).limits(20, 4).build(),
          TestSurfaces.braninFunction()).threads(4).run();
      Set<Map<String, String>> distinct = new HashSet<>();
      r.leaderboard().forEach(t -> distinct.add(t.hyperparameters()));
      assertEquals(20, distinct.size());
      bests[seed - 1] = best(r);
    }
    Arrays.sort(bests);
    assertTrue(bests[4] < 0.8 && bests[7] < 2.0, "bests " + Arrays.toString(bests));
  }

  @Test
  void aFailingJobIsRecordedAndTheSearchGoesOn() throws Exception {
    TuningResult r = new Tuner(branin(TuningJobConfig.Strategy.RANDOM, 10, 3).build(), (hps, ctx) -> {
      if (Double.parseDouble(hps.get("x1")) < 0) {
        throw new IllegalStateException("diverged at x1=" + hps.get("x1"));
      }
      return TestSurfaces.braninFunction().train(hps, ctx);
    }).run();
    List<Trial> failed = r.leaderboard().stream().filter(t -> t.status() == TrialStatus.FAILED).toList();
    assertTrue(!failed.isEmpty() && failed.size() < 10, "some fail: " + failed.size());
    assertTrue(failed.get(0).failureReason().startsWith("IllegalStateException: diverged at x1=-"),
        failed.get(0).failureReason());
    assertEquals(failed, r.leaderboard().subList(10 - failed.size(), 10), "failed jobs rank last");
    assertTrue(r.best().orElseThrow().hasObjective());
  }

  @Test
  void aJobThatEmitsNoObjectiveFails() throws Exception {
    TuningResult r = new Tuner(branin(TuningJobConfig.Strategy.RANDOM, 2, 3).build(),
        (hps, ctx) -> new TrialOutcome(Map.of("other", 1.0), null)).run();
    assertEquals(TrialStatus.FAILED, r.leaderboard().get(0).status());
    assertEquals("the job emitted no loss; it emitted [other]", r.leaderboard().get(0).failureReason());
  }

  /** Curves that converge to their job's level: with the median rule, the clearly bad jobs stop early. */
  @Test
  void autoEarlyStoppingStopsJobsWorseThanTheMedian() throws Exception {
    TuningJobConfig job = TuningJobConfig.builder().strategy(TuningJobConfig.Strategy.GRID)
        .objective(new TuningObjective(false, "validation:loss"))
        .range(new ParameterRange.Categorical("level", List.of("1", "2", "3", "9", "10")))
        .limits(0, 1).earlyStopping(true).build();
    AtomicInteger epochsRun = new AtomicInteger();
    TuningResult r = new Tuner(job, (hps, ctx) -> {
      double level = Double.parseDouble(hps.get("level"));
      int e = 0;
      while (e < 20 && !ctx.cancellation().isCancelled()) {
        e++;
        epochsRun.incrementAndGet();
        ctx.listener().onEpoch(e, 20, Map.of("validation:loss", level + 5.0 / e));
      }
      return new TrialOutcome(Map.of("validation:loss", level + 5.0 / e), null);
    }).run();
    Map<String, TrialStatus> status = new java.util.HashMap<>();
    r.leaderboard().forEach(t -> status.put(t.hyperparameters().get("level"), t.status()));
    assertEquals(TrialStatus.COMPLETED, status.get("1"));
    assertEquals(TrialStatus.COMPLETED, status.get("3"));
    assertEquals(TrialStatus.STOPPED, status.get("9"));
    assertEquals(TrialStatus.STOPPED, status.get("10"));
    assertEquals(64, epochsRun.get(), "three full jobs, then the grace period (2 of 20) for each bad one");
  }

  @Test
  void medianRuleUsesRunningAverages() {
    List<double[]> done = List.of(new double[] {4, 2, 0}, new double[] {6, 4, 2}, new double[] {8, 6, 4});
    // running averages at iteration 2: 3, 5, 7 -> median 5
    assertTrue(MedianStoppingRule.shouldStop(done, 2, 5.1));
    assertTrue(!MedianStoppingRule.shouldStop(done, 2, 5.0));
    assertTrue(!MedianStoppingRule.shouldStop(done, 4, 100), "no completed job reached iteration 4");
    assertTrue(!MedianStoppingRule.shouldStop(done.subList(0, 2), 1, 100), "fewer than 3 completed jobs");
    assertEquals(1, MedianStoppingRule.gracePeriod(5));
    assertEquals(2, MedianStoppingRule.gracePeriod(20));
    assertEquals(9, MedianStoppingRule.gracePeriod(81));
  }

  /** Li et al.'s brackets for R = 27, η = 3, and promoted jobs continue from their previous rung. */
  @Test
  void hyperbandRunsTheBracketsAndContinuesPromotedJobs() throws Exception {
    TuningJobConfig job = TuningJobConfig.builder().strategy(TuningJobConfig.Strategy.HYPERBAND)
        .objective(new TuningObjective(false, "loss"))
        .range(new ParameterRange.Continuous("q", 0, 1, Scaling.LINEAR)).limits(49, 2).hyperband(1, 27)
        .randomSeed(9).build();
    List<int[]> calls = Collections.synchronizedList(new ArrayList<>());
    TuningResult r = new Tuner(job, (hps, ctx) -> {
      calls.add(new int[] {ctx.previousResource(), ctx.resource()});
      double q = Double.parseDouble(hps.get("q"));
      for (int e = ctx.previousResource() + 1; e <= ctx.resource(); e++) {
        ctx.listener().onEpoch(e, ctx.resource(), Map.of("loss", q + 1.0 / e));
      }
      return new TrialOutcome(Map.of("loss", q + 1.0 / ctx.resource()), null);
    }).threads(2).run();
    // Brackets s = 3..0 start 27, 12, 6, 4 configurations: 49 jobs in all.
    assertEquals(49, r.leaderboard().size());
    // Rungs: s=3: 27@1, 9@3, 3@9, 1@27; s=2: 12@3, 4@9, 1@27; s=1: 6@9, 2@27; s=0: 4@27.
    assertEquals(27 + 9 + 3 + 1 + 12 + 4 + 1 + 6 + 2 + 4, calls.size());
    long continued = calls.stream().filter(c -> c[0] > 0).count();
    assertEquals(9 + 3 + 1 + 4 + 1 + 2, continued);
    long fromCalls = calls.stream().mapToLong(c -> c[1] - c[0]).sum();
    assertEquals(fromCalls, r.totalResource());
    Trial best = r.best().orElseThrow();
    assertEquals(27, best.resource());
    assertEquals(27, best.curve().size(), "the curve goes on across rungs");
    long stopped = r.leaderboard().stream().filter(t -> t.status() == TrialStatus.STOPPED).count();
    assertEquals(49 - (1 + 1 + 2 + 4), stopped, "only the jobs reaching 27 iterations complete");
  }

  @Test
  void resultsPersistAndAChildJobWarmStartsFromThem() throws Exception {
    Path parent = dir.resolve("parent");
    new Tuner(branin(TuningJobConfig.Strategy.RANDOM, 8, 1).build(), TestSurfaces.braninFunction()).outputDir(parent)
        .run();
    assertTrue(Files.readString(parent.resolve("leaderboard.csv")).startsWith(
        "rank,trial,status,objective,resource,seconds,x1,x2,failure_reason\n1,"));
    TuningStore.Saved saved = TuningStore.read(parent);
    assertEquals(8, saved.trials().size());
    assertEquals(branin(TuningJobConfig.Strategy.RANDOM, 8, 1).build().toJson(), saved.config().toJson());

    TuningJobConfig child = branin(TuningJobConfig.Strategy.BAYESIAN, 6, 2).warmStart(new TuningJobConfig
        .WarmStart(List.of(parent), TuningJobConfig.WarmStartType.IDENTICAL_DATA_AND_ALGORITHM)).build();
    List<SearchStrategy.Observation> prior = WarmStarts.observations(child, TestSurfaces.braninFunction());
    assertEquals(8, prior.size());
    // With 8 observations known, the child's first proposal already comes from the surrogate, not at random.
    TuningResult r = new Tuner(child, TestSurfaces.braninFunction()).run();
    assertEquals(6, r.leaderboard().size());

    TuningJobConfig missing = branin(TuningJobConfig.Strategy.BAYESIAN, 6, 2).warmStart(new TuningJobConfig
        .WarmStart(List.of(dir.resolve("nope")), TuningJobConfig.WarmStartType.TRANSFER_LEARNING)).build();
    InvalidTuningJobException e = assertThrows(InvalidTuningJobException.class,
        () -> new Tuner(missing, TestSurfaces.braninFunction()).run());
    assertTrue(e.getMessage().contains("warm-start parent " + dir.resolve("nope") + " does not exist"),
        e.getMessage());
    TuningJobConfig otherMetric = TuningJobConfig.builder().objective(new TuningObjective(false, "other"))
        .range(new ParameterRange.Continuous("x1", -5, 10, Scaling.LINEAR)).limits(3, 1)
        .warmStart(new TuningJobConfig.WarmStart(List.of(parent),
            TuningJobConfig.WarmStartType.TRANSFER_LEARNING)).build();
    e = assertThrows(InvalidTuningJobException.class,
        () -> new Tuner(otherMetric, TestSurfaces.braninFunction()).run());
    assertTrue(e.getMessage().contains("optimised loss; this job optimises other"), e.getMessage());
  }

  @Test
  void targetValueEndsTheJob() throws Exception {
    TuningResult r = new Tuner(branin(TuningJobConfig.Strategy.RANDOM, 200, 4).target(5.0).build(),
        TestSurfaces.braninFunction()).run();
    assertTrue(r.leaderboard().size() < 200, "stopped after " + r.leaderboard().size());
    assertTrue(best(r) <= 5.0);
  }
}
