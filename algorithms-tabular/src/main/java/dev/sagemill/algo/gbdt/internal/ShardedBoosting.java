package dev.sagemill.algo.gbdt.internal;

import dev.sagemill.core.data.BatchStream;
import dev.sagemill.core.data.DataSource;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.distributed.Message;
import dev.sagemill.core.distributed.ShardWorker;
import dev.sagemill.core.distributed.Shards;
import dev.sagemill.core.error.InvalidDataException;
import dev.sagemill.core.estimator.Model;
import dev.sagemill.core.io.ModelIO;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gradient boosting on rows split into shards, XGBoost's distributed design: every shard runs the same trainer on
 * its own rows in lockstep, and wherever one machine would read all the rows at once (the fixed-point scales, the
 * root sums, each level's row counts and histograms, the base score) the shards' values are combined on the driver
 * ({@link Allreduce}) and handed back to all of them. Every shard therefore takes the same splits, and the trees are
 * those one machine grows on the same rows: histogram sums are fixed point, so their sum over shards is exact.
 *
 * <p>The quantile cuts are one machine's too: the sketch samples rows by a seeded hash of the row number, so each
 * shard hashes its rows at their place in the whole data (shards in order), the driver finds the sampling level
 * from every shard's counts, and each shard sends only its sampled values (at most {@value BinnedData#SKETCH_ROWS}
 * rows in all). Rows never leave their shard.
 *
 * <p>A shard that lost its state (a retried task on a new executor) answers {@code RESTART}, and the driver starts
 * the run again on every shard; the run is deterministic, so the model is unchanged. Per-round evaluation metrics are
 * not computed (they would need every shard's margins). Dense rows only; row subsampling, DART, random forests,
 * ranking, and objectives that refresh leaves or estimate the base score from more than the mean have no sharded
 * scheme ({@link #unsupported}).
 */
public final class ShardedBoosting {
  private static final Logger LOG = LoggerFactory.getLogger(ShardedBoosting.class);
  private static final int COUNT = 1;
  private static final int SKETCH = 2;
  private static final int SAMPLE = 3;
  private static final int START = 4;
  private static final int REDUCED = 5;
  // Worker answers inside the lockstep.
  private static final int SUM_LONGS = 10;
  private static final int SUM_DOUBLES = 11;
  private static final int SUM_AND_MAX = 12;
  private static final int DONE = 13;
  private static final int RESTART = 14;
  private static final int FAILED = 15;
  /** How long a shard's trainer waits for the driver before it gives up (the driver has gone). */
  private static final long DRIVER_TIMEOUT_MINUTES = 30;
  private static final int RESTARTS = 3;

  private ShardedBoosting() {}

  /**
   * What a sharded run trains: everything a {@link GbdtTrainer} takes but the rows.
   *
   * @param objective the loss
   * @param tree how trees grow
   * @param cfg rounds, sampling, seed, base score
   * @param outputs margins per row
   * @param maxBin the most bins per feature
   * @param labelCheck validates each label
   */
  public record Setup(Objective objective, TreeParams tree, BoostConfig cfg, int outputs, int maxBin,
      BinnedData.LabelCheck labelCheck) {}

  /**
   * @param s a setup
   * @return why it has no sharded scheme, or empty when it has one
   */
  public static Optional<String> unsupported(Setup s) {
    BoostConfig c = s.cfg();
    if (c.rowSampling().kind() != BoostConfig.RowSampling.Kind.UNIFORM || c.rowSampling().fraction() < 1) {
      return Optional.of("row subsampling");
    }
    if (c.dart() != null) {
      return Optional.of("the dart booster");
    }
    if (c.averageTrees()) {
      return Optional.of("random forests");
    }
    if (!s.objective().pointwise()) {
      return Optional.of("a ranking objective");
    }
    if (s.objective().refreshesLeaves()) {
      return Optional.of("an objective that refreshes its leaves");
    }
    if (Double.isNaN(c.baseScore()) && !s.objective().estimatesFromMean()) {
      return Optional.of("a base score estimated from more than the labels' mean (set base_score)");
    }
    return Optional.empty();
  }

  /**
   * Trains on the shards' rows.
   *
   * @param shards the shards, whose workers are {@link #worker}s
   * @param setup what to train
   * @param pool threads for the driver's own work (the cuts)
   * @return the model the workers finished, read from shard 0's answer
   * @throws IOException if a shard fails to read its rows
   * @throws UnsupportedOperationException if the rows are sparse (the caller may train on one machine instead)
   */
  public static Model train(Shards shards, Setup setup, ForkJoinPool pool) throws IOException {
    for (int attempt = 0; ; attempt++) {
      try {
        return attempt(shards, setup, pool);
      } catch (Restart e) {
        if (attempt == RESTARTS) {
          throw new IllegalStateException("sharded boosting restarted " + RESTARTS + " times: shards keep losing "
              + "their state");
        }
        LOG.warn("sharded boosting: a shard lost its state ({}); starting again on every shard", e.getMessage());
      }
    }
  }

  /** Thrown when a shard has lost its state. */
  private static final class Restart extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Restart(String why) {
      super(why, null, false, false);
    }
  }

  private static Model attempt(Shards shards, Setup setup, ForkJoinPool pool) throws IOException {
    int n = shards.count();
    long[] offsets = new long[n];
    long total = 0;
    List<byte[]> counts = shards.ask(Message.writer(COUNT).toBytes());
    for (int i = 0; i < n; i++) {
      offsets[i] = total;
      total += reader(counts.get(i), COUNT, i).getLong();
    }
    if (total == 0) {
      throw new InvalidDataException("the training data has no rows in any of its " + n + " shards");
    }
    int d = shards.schema().featureDim();
    long[] levels = new long[33];
    boolean[] sawMissing = new boolean[d];
    boolean anyWeight = false;
    List<byte[]> sketches = shards.ask(Message.writer(SKETCH).putLongs(offsets).toBytes());
    for (int i = 0; i < n; i++) {
      Message.Reader in = reader(sketches.get(i), SKETCH, i);
      long[] l = in.getLongs();
      for (int j = 0; j < l.length; j++) {
        levels[j] += l[j];
      }
      long[] missing = in.getLongs();
      for (int f = 0; f < d; f++) {
        sawMissing[f] |= missing[f] != 0;
      }
      anyWeight |= in.getInt() != 0;
      if (in.getInt() != 0) {
        throw new UnsupportedOperationException("shard " + i + " holds sparse rows; sharded boosting takes dense "
            + "rows");
      }
    }
    int level = BinnedData.Sketch.level(levels);
    List<byte[]> samples = shards.ask(Message.writer(SAMPLE).putInt(level).putInt(anyWeight ? 1 : 0).toBytes());
    float[][] values = new float[d][];
    float[][] weights = anyWeight ? new float[d][] : null;
    for (int f = 0; f < d; f++) {
      values[f] = new float[0];
      if (weights != null) {
        weights[f] = new float[0];
      }
    }
    for (int i = 0; i < n; i++) {
      Message.Reader in = reader(samples.get(i), SAMPLE, i);
      for (int f = 0; f < d; f++) {
        values[f] = concat(values[f], in.getFloats());
        if (weights != null) {
          weights[f] = concat(weights[f], in.getFloats());
        }
      }
    }
    float[][] cuts = BinnedData.Sketch.of(values, weights, sawMissing)
        .perFeatureCuts(setup.maxBin(), anyWeight, new boolean[d], false, pool);
    Message.Writer start = Message.writer(START).putLongs(flags(sawMissing));
    for (float[] c : cuts) {
      start.putFloats(c);
    }
    long started = System.nanoTime();
    int steps = 0;
    List<byte[]> answers = shards.ask(start.toBytes());
    while (true) {
      // Every shard runs the same code, so all ask for the same kind of combination (or all are done).
      int kind = Message.reader(answers.get(0)).tag();
      List<Message.Reader> in = new java.util.ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        in.add(reader(answers.get(i), kind, i));
      }
      if (kind == DONE) {
        byte[] model = in.get(0).getBytes();
        for (int i = 1; i < n; i++) {
          if (!Arrays.equals(model, in.get(i).getBytes())) {
            throw new IllegalStateException("shards diverged: shard " + i + " grew other trees than shard 0");
          }
        }
        LOG.info("sharded boosting: {} rows in {} shards, {} combining steps in {} ms", total, n, steps,
            (System.nanoTime() - started) / 1_000_000);
        return ModelIO.fromBytes(model, "shard 0's model");
      }
      Message.Writer reply = Message.writer(REDUCED);
      if (kind == SUM_DOUBLES) {
        double[] sum = in.get(0).getDoubles();
        for (int i = 1; i < n; i++) {
          double[] part = in.get(i).getDoubles();
          for (int j = 0; j < sum.length; j++) {
            sum[j] += part[j];
          }
        }
        reply.putDoubles(sum);
      } else {
        // SUM_LONGS, or SUM_AND_MAX: sums, then maxima
        long[] sum = in.get(0).getLongs();
        long[] max = kind == SUM_AND_MAX ? in.get(0).getLongs() : new long[0];
        for (int i = 1; i < n; i++) {
          long[] part = in.get(i).getLongs();
          for (int j = 0; j < sum.length; j++) {
            sum[j] += part[j];
          }
          if (kind == SUM_AND_MAX) {
            long[] m = in.get(i).getLongs();
            for (int j = 0; j < max.length; j++) {
              max[j] = Math.max(max[j], m[j]);
            }
          }
        }
        long[] both = Arrays.copyOf(sum, sum.length + max.length);
        System.arraycopy(max, 0, both, sum.length, max.length);
        reply.putLongs(both);
      }
      steps++;
      answers = shards.ask(reply.toBytes());
    }
  }

  private static RuntimeException failure(Message.Reader in, int shard) {
    boolean data = in.getInt() != 0;
    String message = "shard " + shard + ": " + new String(in.getBytes(), java.nio.charset.StandardCharsets.UTF_8);
    return data ? new InvalidDataException(message) : new IllegalStateException(message);
  }

  private static Message.Reader reader(byte[] answer, int expected, int shard) {
    Message.Reader in = Message.reader(answer);
    int tag = in.tag();
    if (tag == RESTART) {
      throw new Restart("shard " + shard + " had lost its state at message " + in.getInt());
    }
    if (tag == FAILED) {
      throw failure(in, shard);
    }
    if (tag != expected) {
      throw new IllegalStateException("shard " + shard + " answered " + tag + " to message " + expected);
    }
    return in;
  }

  private static float[] concat(float[] a, float[] b) {
    float[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static long[] flags(boolean[] b) {
    long[] out = new long[b.length];
    for (int i = 0; i < b.length; i++) {
      out[i] = b[i] ? 1 : 0;
    }
    return out;
  }

  /**
   * One shard's worker.
   *
   * @param rows the shard's rows
   * @param shard its index
   * @param setup what to train (the driver's)
   * @param threads the threads it may use
   * @param finish makes the model of the trained trees, on the shard (each shard makes it; the driver compares)
   * @return the worker
   */
  public static ShardWorker worker(DataSource rows, int shard, Setup setup, int threads,
      Function<TreeEnsemble, Model> finish) {
    return new Worker(rows, shard, setup, threads, finish);
  }

  /** A shard's side: its binning passes, then its trainer running on a thread of its own in lockstep. */
  private static final class Worker implements ShardWorker {
    private final DataSource rows;
    private final int shard;
    private final Setup setup;
    private final int threads;
    private final Function<TreeEnsemble, Model> finish;
    private BinnedData.FirstPass first;
    private Thread trainer;
    private SynchronousQueue<byte[]> toDriver;
    private SynchronousQueue<byte[]> fromDriver;

    Worker(DataSource rows, int shard, Setup setup, int threads, Function<TreeEnsemble, Model> finish) {
      this.rows = rows;
      this.shard = shard;
      this.setup = setup;
      this.threads = threads;
      this.finish = finish;
    }

    @Override
    public synchronized byte[] answer(byte[] message) throws IOException {
      Message.Reader in = Message.reader(message);
      int tag = in.tag();
      switch (tag) {
        case COUNT -> {
          stop();
          first = null;
          long count = 0;
          try (BatchStream s = rows.open(8192)) {
            for (Optional<RowBatch> b = s.next(); b.isPresent(); b = s.next()) {
              count += b.get().rows();
            }
          }
          return Message.writer(COUNT).putLong(count).toBytes();
        }
        case SKETCH -> {
          stop();
          first = BinnedData.firstPass(rows, setup.cfg().seed(), setup.labelCheck(), in.getLongs()[shard]);
          return Message.writer(SKETCH).putLongs(first.sketch.levelCounts()).putLongs(flags(first.sketch.sawMissing))
              .putInt(first.anyWeight ? 1 : 0).putInt(first.sparse ? 1 : 0).toBytes();
        }
        case SAMPLE -> {
          if (first == null) {
            return restart(tag);
          }
          float[][][] sample = first.sketch.sampleAt(in.getInt(), in.getInt() != 0);
          Message.Writer out = Message.writer(SAMPLE);
          for (int f = 0; f < sample[0].length; f++) {
            out.putFloats(sample[0][f]);
            if (sample[1] != null) {
              out.putFloats(sample[1][f]);
            }
          }
          return out.toBytes();
        }
        case START -> {
          if (first == null) {
            return restart(tag);
          }
          long[] missing = in.getLongs();
          boolean[] sawMissing = new boolean[missing.length];
          float[][] perFeature = new float[missing.length][];
          for (int f = 0; f < missing.length; f++) {
            sawMissing[f] = missing[f] != 0;
            perFeature[f] = in.getFloats();
          }
          start(FeatureCuts.assemble(perFeature, null), sawMissing);
          return next();
        }
        case REDUCED -> {
          if (trainer == null) {
            return restart(tag);
          }
          put(fromDriver, message);
          return next();
        }
        default -> throw new IllegalStateException("unknown sharded boosting message " + tag);
      }
    }

    private static byte[] restart(int tag) {
      return Message.writer(RESTART).putInt(tag).toBytes();
    }

    private void stop() {
      if (trainer != null) {
        trainer.interrupt();
        trainer = null;
      }
    }

    private byte[] next() {
      try {
        byte[] b = toDriver.take();
        int tag = Message.reader(b).tag();
        if (tag == DONE || tag == FAILED) {
          trainer = null;
        }
        return b;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while shard " + shard + " trained", e);
      }
    }

    private static void put(SynchronousQueue<byte[]> q, byte[] b) {
      try {
        if (!q.offer(b, DRIVER_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
          throw new IllegalStateException("a sharded boosting hand-off timed out");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }

    private void start(FeatureCuts cuts, boolean[] sawMissing) throws IOException {
      ForkJoinPool pool = new ForkJoinPool(Math.max(1, threads));
      BinnedData data;
      try {
        data = first.bin(rows, cuts, sawMissing, new boolean[cuts.features()], pool);
      } catch (IOException | RuntimeException e) {
        pool.shutdownNow();
        throw e;
      }
      first = null;
      SynchronousQueue<byte[]> out = new SynchronousQueue<>();
      SynchronousQueue<byte[]> in = new SynchronousQueue<>();
      toDriver = out;
      fromDriver = in;
      Allreduce allreduce = new Allreduce() {
        private Message.Reader exchange(Message.Writer request) {
          put(out, request.toBytes());
          try {
            byte[] reply = in.poll(DRIVER_TIMEOUT_MINUTES, TimeUnit.MINUTES);
            if (reply == null) {
              throw new IllegalStateException("the driver of sharded boosting stopped answering");
            }
            Message.Reader r = Message.reader(reply);
            r.tag(); // REDUCED
            return r;
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
          }
        }

        @Override
        public long[] sum(long[] local) {
          return exchange(Message.writer(SUM_LONGS).putLongs(local)).getLongs();
        }

        @Override
        public double[] sum(double[] local) {
          return exchange(Message.writer(SUM_DOUBLES).putDoubles(local)).getDoubles();
        }

        @Override
        public long[] sumAndMax(long[] sums, long[] maxima) {
          return exchange(Message.writer(SUM_AND_MAX).putLongs(sums).putLongs(maxima)).getLongs();
        }
      };
      Thread t = new Thread(() -> {
        try {
          GbdtTrainer trainer = new GbdtTrainer(data, setup.objective(), setup.tree(), setup.cfg(), setup.outputs(),
              pool, allreduce);
          GbdtTrainer.Rounds rounds = trainer.start(null, null, List.of(), null);
          for (int r = 0; r < setup.cfg().rounds(); r++) {
            rounds.next();
          }
          Model m = finish.apply(rounds.result(false).ensemble());
          put(out, Message.writer(DONE).putBytes(ModelIO.toBytes(m)).toBytes());
        } catch (IOException e) {
          failed(out, new UncheckedIOException(e));
        } catch (RuntimeException e) {
          if (!Thread.currentThread().isInterrupted()) {
            failed(out, e);
          }
        } finally {
          pool.shutdownNow();
        }
      }, "sagemill-sharded-boosting-" + shard);
      t.setDaemon(true);
      trainer = t;
      t.start();
    }

    private static void failed(SynchronousQueue<byte[]> out, RuntimeException e) {
      String text = String.valueOf(e.getMessage());
      put(out, Message.writer(FAILED).putInt(e instanceof InvalidDataException ? 1 : 0)
          .putBytes(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toBytes());
    }
  }
}
