package dev.sagemill.algo.blazingtext;

import dev.sagemill.core.embedding.RowMath;
import dev.sagemill.core.random.SplitMix64;
import dev.sagemill.core.embedding.SigmoidTable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * fastText's training, one epoch per {@link #epoch} call: the corpus is cut into one contiguous range of lines per
 * thread, and the threads update the shared matrices without locks (Hogwild). The learning rate decays linearly to
 * zero over all epochs' tokens, as fastText's does. Modes: cbow (the mean of the context's rows predicts the word),
 * skipgram (the word's rows predict each context word), batch_skipgram (a window's context words share one draw of
 * negatives and are updated together, as in BlazingText's and Ji et al.'s mini-batched skip-gram) and supervised
 * (the mean of the line's rows predicts a label).
 *
 * <p>With one thread training is deterministic: the same seed gives the same matrices. With more, the lock-free
 * updates interleave as the scheduler runs them, as in fastText.
 */
final class Trainer {
  private final FastTextArgs args;
  private final Dictionary dict;
  private final Corpus corpus;
  private final long seed;
  private final int inputLength;
  private final int outputLength;
  // Allocated at the first epoch, or adopted from a checkpoint: never two copies of the matrices at once.
  private float[] input;
  private float[] output;
  private OutputLoss loss;
  private final float lr0;
  private final boolean batched;
  private final int batchSize;
  private final OutputLoss.State[] states;
  private final float[] pdiscard;
  private final AtomicLong tokenCount = new AtomicLong();

  Trainer(FastTextArgs args, Dictionary dict, Corpus corpus, double learningRate, int threads, long seed,
      boolean batched, int batchSize) {
    this.args = args;
    this.dict = dict;
    this.corpus = corpus;
    int dim = args.dim();
    long inRows = (long) dict.nwords() + args.bucket();
    int outRows = args.supervised() ? dict.nlabels() : dict.nwords();
    if (inRows * dim > Integer.MAX_VALUE - 8 || (long) outRows * dim > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("the input matrix of " + inRows + " rows (words + buckets) x " + dim
          + " floats exceeds 2^31 values; lower buckets or vector_dim");
    }
    this.seed = seed;
    this.inputLength = (int) (inRows * dim);
    this.outputLength = outRows * dim;
    this.lr0 = (float) learningRate;
    this.batched = batched;
    this.batchSize = batchSize;
    this.states = new OutputLoss.State[threads];
    for (int t = 0; t < threads; t++) {
      states[t] = new OutputLoss.State(dim, outRows, seed + t);
    }
    this.pdiscard = new float[dict.nwords()];
    for (int i = 0; i < pdiscard.length; i++) {
      double f = (double) dict.count(i) / dict.ntokens();
      pdiscard[i] = (float) (Math.sqrt(args.t() / f) + args.t() / f);
    }
  }

  /** Allocates and initialises the matrices of a fresh job, as fastText: input uniform(±1/dim), output zero. */
  private void allocate() {
    input = new float[inputLength];
    output = new float[outputLength];
    initUniform(input, 1f / args.dim(), seed);
    loss = loss(args, dict, output, seed);
    for (int t = 0; t < states.length; t++) {
      if (loss instanceof OutputLoss.NegativeSampling ns) {
        states[t].negatives = ns.cursor(seed * 31 + t);
      }
    }
  }

  /** Fills the matrix with uniform(-a, a) values, in fixed blocks seeded by position so any thread count agrees. */
  private static void initUniform(float[] m, float a, long seed) {
    int block = 1 << 20;
    int blocks = (m.length + block - 1) / block;
    java.util.stream.IntStream.range(0, blocks).parallel().forEach(b -> {
      SplitMix64 r = new SplitMix64(seed ^ (0x5DEECE66DL * (b + 1)));
      int end = Math.min(m.length, (b + 1) * block);
      for (int i = b * block; i < end; i++) {
        m[i] = (2f * r.nextFloat() - 1f) * a;
      }
    });
  }

  /**
   * The output layer a model's arguments name.
   *
   * @param args the arguments
   * @param dict the dictionary (its counts shape the tree and the sampling table)
   * @param wo the output matrix
   * @param seed the sampling table's shuffle
   * @return the loss
   */
  static OutputLoss loss(FastTextArgs args, Dictionary dict, float[] wo, long seed) {
    long[] counts = args.supervised() ? dict.labelCounts() : dict.wordCounts();
    return switch (args.loss()) {
      case FastTextArgs.NS -> new OutputLoss.NegativeSampling(wo, args.dim(), args.neg(), counts, seed);
      case FastTextArgs.HS -> new HierarchicalSoftmax(wo, args.dim(), counts);
      case FastTextArgs.SOFTMAX -> new OutputLoss.Softmax(wo, args.dim());
      case FastTextArgs.OVA -> new OutputLoss.OneVsAll(wo, args.dim(), counts.length);
      default -> throw new IllegalArgumentException("unknown fastText loss code " + args.loss());
    };
  }

  /** hidden = mean of the input rows {@code rows[from, to)}. */
  static void hidden(float[] input, int[] rows, int from, int to, int dim, float[] hidden) {
    java.util.Arrays.fill(hidden, 0f);
    for (int i = from; i < to; i++) {
      RowMath.axpy(1f, input, rows[i] * dim, hidden, 0, dim);
    }
    float inv = 1f / (to - from);
    for (int i = 0; i < dim; i++) {
      hidden[i] *= inv;
    }
  }

  /**
   * One pass over the corpus on every thread.
   *
   * @param epoch the 1-based epoch
   * @param pool the threads ({@link #threads()} of them)
   * @return the epoch's mean loss per example and words per second per thread
   * @throws InterruptedException if interrupted
   */
  double[] epoch(int epoch, ExecutorService pool) throws InterruptedException {
    if (input == null) {
      allocate();
    }
    int threads = states.length;
    long before = tokenCount.get();
    long start = System.nanoTime();
    List<Future<?>> done = new ArrayList<>();
    double lossBefore = 0;
    long examplesBefore = 0;
    for (OutputLoss.State s : states) {
      lossBefore += s.lossSum;
      examplesBefore += s.examples;
    }
    int lines = corpus.lines();
    for (int t = 0; t < threads; t++) {
      int lo = (int) ((long) lines * t / threads);
      int hi = (int) ((long) lines * (t + 1) / threads);
      OutputLoss.State s = states[t];
      done.add(pool.submit(() -> run(s, lo, hi)));
    }
    try {
      for (Future<?> f : done) {
        f.get();
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException("training thread failed", e.getCause());
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    double lossSum = -lossBefore;
    long examples = -examplesBefore;
    for (OutputLoss.State s : states) {
      lossSum += s.lossSum;
      examples += s.examples;
    }
    double wps = (tokenCount.get() - before) / Math.max(seconds, 1e-9) / threads;
    return new double[] {examples == 0 ? 0 : lossSum / examples, wps};
  }

  private void run(OutputLoss.State s, int lo, int hi) {
    long total = (long) args.epoch() * corpus.totalTokens();
    int[] ids = corpus.ids();
    int[] line = new int[Corpus.MAX_LINE_TOKENS + 2];
    int local = 0;
    for (int l = lo; l < hi; l++) {
      float lr = lr0 * (1f - (float) ((double) tokenCount.get() / total));
      int from = corpus.start(l);
      int to = corpus.end(l);
      if (args.supervised()) {
        supervised(s, lr, ids, from, to, corpus.labels(), corpus.labelStart(l), corpus.labelEnd(l));
      } else {
        int n = 0;
        for (int i = from; i < to; i++) {
          if (s.rng.nextFloat() <= pdiscard[ids[i]]) {
            line[n++] = ids[i];
          }
        }
        if (args.model() == FastTextArgs.CBOW) {
          cbow(s, lr, line, n);
        } else if (batched) {
          batchSkipgram(s, lr, line, n);
        } else {
          skipgram(s, lr, line, n);
        }
      }
      local += corpus.tokens(l);
      if (local > args.lrUpdateRate()) {
        tokenCount.addAndGet(local);
        local = 0;
      }
    }
    tokenCount.addAndGet(local);
  }

  private void update(OutputLoss.State s, int[] rows, int from, int to, int[] targets, int tStart, int tEnd,
      int targetIndex, float lr) {
    if (to == from) {
      return;
    }
    int dim = args.dim();
    hidden(input, rows, from, to, dim, s.hidden);
    java.util.Arrays.fill(s.grad, 0f);
    s.lossSum += loss.forward(targets, tStart, tEnd, targetIndex, s, lr, true);
    s.examples++;
    if (args.supervised()) {
      float inv = 1f / (to - from);
      for (int i = 0; i < dim; i++) {
        s.grad[i] *= inv;
      }
    }
    for (int i = from; i < to; i++) {
      RowMath.axpy(1f, s.grad, 0, input, rows[i] * dim, dim);
    }
  }

  private void supervised(OutputLoss.State s, float lr, int[] ids, int from, int to, int[] labels, int ls, int le) {
    if (le == ls || to == from) {
      return;
    }
    int pick = loss instanceof OutputLoss.OneVsAll ? 0 : s.rng.nextInt(le - ls);
    update(s, ids, from, to, labels, ls, le, pick, lr);
  }

  private final ThreadLocal<IntList> bows = ThreadLocal.withInitial(() -> new IntList(256));

  private void cbow(OutputLoss.State s, float lr, int[] line, int n) {
    IntList bow = bows.get();
    for (int w = 0; w < n; w++) {
      int boundary = 1 + s.rng.nextInt(args.ws());
      bow.clear();
      for (int c = -boundary; c <= boundary; c++) {
        if (c != 0 && w + c >= 0 && w + c < n) {
          bow.addAll(dict.subwordsOf(line[w + c]));
        }
      }
      update(s, bow.array(), 0, bow.size(), line, 0, n, w, lr);
    }
  }

  private void skipgram(OutputLoss.State s, float lr, int[] line, int n) {
    for (int w = 0; w < n; w++) {
      int boundary = 1 + s.rng.nextInt(args.ws());
      int[] rows = dict.subwordsOf(line[w]);
      for (int c = -boundary; c <= boundary; c++) {
        if (c != 0 && w + c >= 0 && w + c < n) {
          update(s, rows, 0, rows.length, line, 0, n, w + c, lr);
        }
      }
    }
  }

  /** One thread's buffers for batch_skipgram: the batch's hidden vectors and gradients, its words, its outputs. */
  private static final class BatchScratch {
    final float[] hid;
    final float[] grad;
    final int[] ctx;
    final int[] outs;

    BatchScratch(int batchSize, int dim, int neg) {
      hid = new float[batchSize * dim];
      grad = new float[batchSize * dim];
      ctx = new int[batchSize];
      outs = new int[neg + 1];
    }
  }

  private final ThreadLocal<BatchScratch> batchScratch = new ThreadLocal<>();

  /**
   * Skip-gram with the window's context words as one mini-batch (at most {@code batch_size}) predicting the centre
   * word against one shared draw of negatives: the scores are a small (contexts × (1 + neg)) matrix product whose
   * output rows stay in cache, and each row is updated once per window instead of once per pair.
   */
  private void batchSkipgram(OutputLoss.State s, float lr, int[] line, int n) {
    OutputLoss.NegativeSampling ns = (OutputLoss.NegativeSampling) loss;
    int dim = args.dim();
    int neg = ns.neg();
    BatchScratch scratch = batchScratch.get();
    if (scratch == null) {
      scratch = new BatchScratch(batchSize, dim, neg);
      batchScratch.set(scratch);
    }
    float[] hid = scratch.hid;
    float[] grad = scratch.grad;
    int[] outs = scratch.outs;
    int[] ctx = scratch.ctx;
    for (int w = 0; w < n; w++) {
      int boundary = 1 + s.rng.nextInt(args.ws());
      int target = line[w];
      int b = 0;
      for (int c = -boundary; c <= boundary && b < batchSize; c++) {
        if (c != 0 && w + c >= 0 && w + c < n) {
          ctx[b++] = line[w + c];
        }
      }
      if (b == 0) {
        continue;
      }
      outs[0] = target;
      for (int k = 1; k <= neg; k++) {
        outs[k] = s.negatives.next(target);
      }
      for (int i = 0; i < b; i++) {
        int[] rows = dict.subwordsOf(ctx[i]);
        if (rows.length == 1) {
          System.arraycopy(input, rows[0] * dim, hid, i * dim, dim);
        } else {
          java.util.Arrays.fill(hid, i * dim, (i + 1) * dim, 0f);
          for (int r : rows) {
            RowMath.axpy(1f, input, r * dim, hid, i * dim, dim);
          }
          float inv = 1f / rows.length;
          for (int d = 0; d < dim; d++) {
            hid[i * dim + d] *= inv;
          }
        }
      }
      java.util.Arrays.fill(grad, 0, b * dim, 0f);
      for (int k = 0; k <= neg; k++) {
        int off = outs[k] * dim;
        float label = k == 0 ? 1f : 0f;
        for (int i = 0; i < b; i++) {
          float score = SigmoidTable.sigmoid(RowMath.dot(output, off, hid, i * dim, dim));
          float alpha = lr * (label - score);
          s.lossSum -= k == 0 ? SigmoidTable.log(score) : SigmoidTable.log(1f - score);
          RowMath.axpy(alpha, output, off, grad, i * dim, dim);
          RowMath.axpy(alpha, hid, i * dim, output, off, dim);
        }
      }
      s.examples += b;
      for (int i = 0; i < b; i++) {
        for (int r : dict.subwordsOf(ctx[i])) {
          RowMath.axpy(1f, grad, i * dim, input, r * dim, dim);
        }
      }
    }
  }

  /** @return the threads the trainer was built for */
  int threads() {
    return states.length;
  }

  /** @return the model the matrices hold now */
  FastTextModel model() {
    return new FastTextModel(args, dict, input, output);
  }

  float[] input() {
    return input;
  }

  float[] output() {
    return output;
  }

  long tokenCount() {
    return tokenCount.get();
  }

  OutputLoss.State[] states() {
    return states;
  }

  /**
   * Continues from what a checkpoint saved, adopting its matrices.
   *
   * @throws IllegalArgumentException if the matrices or per-thread arrays have other sizes than this job's
   */
  void restore(float[] in, float[] out, long tokens, long[] rng, int[] cursors, double[] lossSums, long[] examples) {
    if (in.length != inputLength || out.length != outputLength || rng.length != states.length
        || cursors.length != states.length || lossSums.length != states.length || examples.length != states.length) {
      throw new IllegalArgumentException("the checkpoint holds matrices of " + in.length + " and " + out.length
          + " values for " + rng.length + " threads; this job has " + inputLength + " and " + outputLength + " for "
          + states.length);
    }
    input = in;
    output = out;
    loss = loss(args, dict, output, seed);
    tokenCount.set(tokens);
    for (int t = 0; t < states.length; t++) {
      states[t].rng.restore(rng[t]);
      if (loss instanceof OutputLoss.NegativeSampling ns) {
        states[t].negatives = ns.cursorAt(cursors[t]);
      }
      states[t].lossSum = lossSums[t];
      states[t].examples = examples[t];
    }
  }
}
