package dev.sagemill.algo.gbdt.internal;

import dev.sagemill.core.data.BatchStream;
import dev.sagemill.core.data.CachedSource;
import dev.sagemill.core.data.DataSource;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.data.Schema;
import dev.sagemill.core.error.InvalidDataException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * The training rows quantised to histogram bins, the only copy of the features that boosting keeps: dense data as
 * one byte (or, past 256 codes, one char) per row and feature, row-major; sparse data as CSR of histogram slots, so
 * absent entries cost nothing and are treated as missing, as XGBoost does. Labels, weights and query groups ride
 * along.
 *
 * <p>Every feature owns {@code bins(f) + 1} histogram slots starting at {@link #slot(int)}; the last one is the
 * "missing" sink that dense rows with NaN write into, so the histogram loop needs no branch. Split finding never
 * reads the sink: missing statistics are the node total minus the bins, exactly as for sparse rows.
 *
 * <p>Built by streaming a {@link DataSource} twice (quantile sample and counts, then binning), so the raw features
 * are never all in memory. Dense rows are addressed by <em>position</em>: they start in input order, and tree
 * training ({@link GbdtTrainer}) moves them in place so that each node's rows lie together, keeping
 * {@link #rowAt(int)} (position to input row) in step; the boosted model does not depend on that order. Labels,
 * weights and query groups always stay in input order. Safe for concurrent reading while no trainer runs on it.
 */
public final class BinnedData {
  /**
   * Rows sampled (per feature) for the quantile cuts; more rows than this are sampled by a seeded hash. Just under
   * 2^18 so that a feature's sample array and its header fit one 1 MiB region of G1 (the region size of heaps under
   * 2 GiB): G1 gives an array larger than half a region whole regions, and 2^18 floats would take two.
   */
  static final int SKETCH_ROWS = (1 << 18) - 16;

  final int rows;
  final int features;
  final FeatureCuts cuts;
  final int[] slotOffsets;
  final int totalSlots;
  final byte[] bins8;
  final char[] bins16;
  final int[] rowPtr;
  final int[] sparseSlots;
  final float[] labels;
  final float[] weights;
  final int[] groupPtr;
  final Schema schema;
  /** Dense data: the input row at each position, once training has moved rows (null while in input order). */
  private int[] order;

  private BinnedData(Schema schema, FeatureCuts cuts, byte[] bins8, char[] bins16, int[] rowPtr, int[] sparseSlots,
      float[] labels, float[] weights, int[] groupPtr) {
    this.schema = schema;
    this.features = cuts.features();
    this.cuts = cuts;
    this.slotOffsets = new int[features + 1];
    for (int f = 0; f < features; f++) {
      slotOffsets[f + 1] = slotOffsets[f] + cuts.bins(f) + 1;
    }
    this.totalSlots = slotOffsets[features];
    this.bins8 = bins8;
    this.bins16 = bins16;
    this.rowPtr = rowPtr;
    this.sparseSlots = sparseSlots;
    this.labels = labels;
    this.rows = labels.length;
    this.weights = weights;
    this.groupPtr = groupPtr;
  }

  /** @return the number of rows */
  public int rows() {
    return rows;
  }

  /** @return the number of features */
  public int features() {
    return features;
  }

  /** @return the bin boundaries */
  public FeatureCuts cuts() {
    return cuts;
  }

  /** @return the schema of the source */
  public Schema schema() {
    return schema;
  }

  /** @return true if stored as CSR */
  public boolean isSparse() {
    return rowPtr != null;
  }

  /**
   * @param feature a feature
   * @return the histogram slot of its bin 0
   */
  public int slot(int feature) {
    return slotOffsets[feature];
  }

  /** @return the number of histogram slots (bins plus one missing sink per feature) */
  public int totalSlots() {
    return totalSlots;
  }

  /** @return the labels (one per row); do not modify */
  public float[] labels() {
    return labels;
  }

  /** @return the instance weights, or null when all are 1; do not modify */
  public float[] weights() {
    return weights;
  }

  /** @return query-group boundaries (groups+1 row offsets), or null without query ids */
  public int[] groupPointers() {
    return groupPtr;
  }

  /** @return bytes held by the binned features (the "binned matrix") */
  public long binnedBytes() {
    if (bins8 != null) {
      return bins8.length;
    }
    if (bins16 != null) {
      return 2L * bins16.length;
    }
    return 4L * sparseSlots.length + 4L * rowPtr.length;
  }

  /**
   * @param position a row position
   * @return the input row stored there (the position itself until training has moved dense rows)
   */
  public int rowAt(int position) {
    return order == null ? position : order[position];
  }

  /**
   * The position-to-row map of dense data, created in input order on first use; the tree grower permutes it together
   * with the bins.
   */
  int[] positionsToRows() {
    if (order == null) {
      int[] o = new int[rows];
      Arrays.setAll(o, i -> i);
      order = o;
    }
    return order;
  }

  /**
   * The bin of the row at a position, or -1 when missing.
   *
   * @param position the row's position ({@link #rowAt(int)} gives the input row)
   * @param feature the feature
   * @return the bin index within the feature, -1 if missing
   */
  public int bin(int position, int feature) {
    int code;
    if (bins8 != null) {
      code = bins8[position * features + feature] & 0xFF;
    } else if (bins16 != null) {
      code = bins16[position * features + feature];
    } else {
      int lo = slotOffsets[feature];
      int hi = slotOffsets[feature + 1];
      int k = Arrays.binarySearch(sparseSlots, rowPtr[position], rowPtr[position + 1], lo);
      int pos = k >= 0 ? k : -k - 1;
      if (pos >= rowPtr[position + 1] || sparseSlots[pos] >= hi) {
        return -1;
      }
      return sparseSlots[pos] - lo;
    }
    return code == cuts.bins(feature) ? -1 : code;
  }

  /**
   * Streams a source twice and bins it.
   *
   * @param source the training channel (labels required)
   * @param maxBin the most bins per feature
   * @param seed seeds the row sample of the quantile sketch
   * @param pool threads for the per-feature quantiles
   * @param labelCheck validates each label; throws with the message it returns
   * @return the binned data
   * @throws IOException on a read failure
   */
  public static BinnedData build(DataSource source, int maxBin, long seed, ForkJoinPool pool, LabelCheck labelCheck)
      throws IOException {
    return build(source, maxBin, seed, pool, labelCheck, new int[0], false);
  }

  /**
   * Streams a source twice and bins it, with some features binned by category (see {@link FeatureCuts}).
   *
   * @param source the training channel (labels required)
   * @param maxBin the most bins per feature
   * @param seed seeds the row sample of the quantile sketch
   * @param pool threads for the per-feature quantiles
   * @param labelCheck validates each label; throws with the message it returns
   * @param categorical indices of the categorical features
   * @param midpointCuts numeric cuts halfway between adjacent distinct values (LightGBM) rather than at the upper
   *     one (XGBoost)
   * @return the binned data
   * @throws IOException on a read failure
   */
  public static BinnedData build(DataSource source, int maxBin, long seed, ForkJoinPool pool, LabelCheck labelCheck,
      int[] categorical, boolean midpointCuts) throws IOException {
    FirstPass first = firstPass(source, seed, labelCheck, 0);
    if (first.rows == 0) {
      throw new InvalidDataException("training data " + source.description() + " has no rows");
    }
    boolean[] isCategorical = categoricalFlags(categorical, first.d, source);
    FeatureCuts cuts = first.sketch.cuts(maxBin, first.anyWeight, isCategorical, midpointCuts, pool);
    return first.bin(source, cuts, first.sketch.sawMissing, isCategorical, pool);
  }

  /**
   * Pass 1 of binning: counts rows and nonzeros, samples values for the cuts (row {@code i} of the source counts
   * as row {@code firstRow + i} of the whole data, so shards sample the rows one machine would), checks labels.
   */
  static FirstPass firstPass(DataSource source, long seed, LabelCheck labelCheck, long firstRow) throws IOException {
    Schema schema = source.schema();
    int d = schema.featureDim();
    FirstPass out = new FirstPass(schema, new Sketch(d, seed));
    // A file source is parsed once: its batches are kept for pass 2 while they fit an eighth of the heap (300,000
    // rows x 28 CSV: 34 MB, and half the binning time); past that, or for data already in memory, pass 2 reads again.
    List<RowBatch> kept = source.inMemory() ? null : new ArrayList<>();
    long keptBytes = 0;
    long budget = Runtime.getRuntime().maxMemory() / 8;
    try (BatchStream s = source.open(8192)) {
      for (Optional<RowBatch> b = s.next(); b.isPresent(); b = s.next()) {
        RowBatch batch = b.get();
        if (kept != null) {
          keptBytes += CachedSource.bytesOf(batch);
          if (keptBytes <= budget) {
            kept.add(batch);
          } else {
            kept = null;
          }
        }
        checkBatch(batch, d, source);
        out.sparse |= batch.isSparse();
        out.anyWeight |= batch.hasWeights();
        out.anyQid |= batch.qids().isPresent();
        checkLabelsAndWeights(batch, labelCheck);
        out.sketch.add(batch, firstRow + out.rows);
        out.sketch.scanMissing(batch);
        out.nnz += batch.isSparse() ? batch.rowPointers()[batch.rows()] : (long) batch.rows() * d;
        out.rows += batch.rows();
      }
    }
    out.kept = kept;
    if (out.rows > Integer.MAX_VALUE - 8 || (out.sparse ? out.nnz : out.rows * d) > Integer.MAX_VALUE - 8) {
      throw new InvalidDataException("training data " + source.description() + " has " + out.rows + " rows and "
          + out.nnz + " values; one process holds at most 2^31 binned values");
    }
    return out;
  }

  private static boolean[] categoricalFlags(int[] categorical, int d, DataSource source) {
    boolean[] isCategorical = new boolean[d];
    for (int f : categorical) {
      if (f < 0 || f >= d) {
        throw new InvalidDataException("categorical feature " + f + " is outside the " + d + " features of "
            + source.description());
      }
      isCategorical[f] = true;
    }
    return isCategorical;
  }

  /** What pass 1 learned of a source; {@link #bin} is pass 2. */
  static final class FirstPass {
    final Schema schema;
    final int d;
    final Sketch sketch;
    long rows;
    long nnz;
    boolean sparse;
    boolean anyWeight;
    boolean anyQid;
    List<RowBatch> kept;

    private FirstPass(Schema schema, Sketch sketch) {
      this.schema = schema;
      this.d = schema.featureDim();
      this.sketch = sketch;
    }

    /**
     * Pass 2: bins the source with the given cuts.
     *
     * @param sawMissing per feature, whether any row (of all the data) is missing it: a missing code is reserved
     */
    BinnedData bin(DataSource source, FeatureCuts cuts, boolean[] sawMissing, boolean[] isCategorical,
        ForkJoinPool pool) throws IOException {
      int n = (int) rows;
      float[] labels = new float[n];
      float[] weights = anyWeight ? new float[n] : null;
      long[] qids = anyQid ? new long[n] : null;
      // One byte per cell unless some feature needs more than 256 codes (its bins, plus a missing code if it has NaN).
      boolean wide = false;
      for (int f = 0; f < d; f++) {
        wide |= cuts.bins(f) + (sawMissing[f] || isCategorical[f] ? 1 : 0) > 256;
      }
      byte[] b8 = !sparse && !wide ? new byte[n * d] : null;
      char[] b16 = !sparse && wide ? new char[n * d] : null;
      int[] rowPtr = sparse ? new int[n + 1] : null;
      int[] slots = sparse ? new int[(int) nnz] : null;
      int[] slotOffsets = new int[d + 1];
      for (int f = 0; f < d; f++) {
        slotOffsets[f + 1] = slotOffsets[f] + cuts.bins(f) + 1;
      }
      int row = 0;
      int k = 0;
      try (BatchStream s = kept != null ? replay(kept) : source.open(8192)) {
        for (Optional<RowBatch> ob = s.next(); ob.isPresent(); ob = s.next()) {
          RowBatch batch = ob.get();
          checkBatch(batch, d, source);
          int m = batch.rows();
          if (row + m > n) {
            throw new InvalidDataException("training data " + source.description()
                + " changed between passes: more than " + n + " rows on the second read");
          }
          for (int r = 0; r < m; r++) {
            labels[row + r] = batch.label(r);
            if (weights != null) {
              weights[row + r] = batch.weight(r);
            }
          }
          if (qids != null) {
            long[] q = batch.qids().orElseThrow(() -> new InvalidDataException(batch.origin(), "record",
                batch.firstRecord(), "some rows carry qid and these do not; give every row a qid or none"));
            System.arraycopy(q, 0, qids, row, m);
          }
          if (batch.isSparse()) {
            int[] ptr = batch.rowPointers();
            int[] idx = batch.indices();
            float[] val = batch.sparseValues();
            for (int r = 0; r < m; r++) {
              int start = k;
              for (int j = ptr[r]; j < ptr[r + 1]; j++) {
                float v = val[j];
                if (Float.isNaN(v)) {
                  continue;
                }
                checkFinite(v, batch, r, idx[j]);
                int code = cuts.binOf(idx[j], v);
                if (code < cuts.bins(idx[j])) {
                  slots[k++] = slotOffsets[idx[j]] + code;
                }
              }
              Arrays.sort(slots, start, k);
              rowPtr[row + r + 1] = k;
            }
          } else if (sparse) {
            float[] x = batch.denseValues();
            for (int r = 0; r < m; r++) {
              for (int f = 0; f < d; f++) {
                float v = x[r * d + f];
                if (!Float.isNaN(v)) {
                  checkFinite(v, batch, r, f);
                  int code = cuts.binOf(f, v);
                  if (code < cuts.bins(f)) {
                    slots[k++] = slotOffsets[f] + code;
                  }
                }
              }
              rowPtr[row + r + 1] = k;
            }
          } else {
            binDense(batch, cuts, b8, b16, row * d, pool);
          }
          row += m;
        }
      }
      if (row != n) {
        throw new InvalidDataException("training data " + source.description() + " changed between passes: "
            + n + " rows on the first read, " + row + " on the second");
      }
      int[] slotsFinal = slots != null && k != slots.length ? Arrays.copyOf(slots, k) : slots;
      return new BinnedData(schema, cuts, b8, b16, rowPtr, slotsFinal, labels, weights, groupPointers(qids, source));
    }
  }

  /** Bins a dense batch into rows starting at {@code base}; rows are independent, so they are split over threads. */
  private static void binDense(RowBatch batch, FeatureCuts cuts, byte[] b8, char[] b16, int base, ForkJoinPool pool) {
    int d = cuts.features();
    float[] x = batch.denseValues();
    pool.submit(() -> IntStream.range(0, (batch.rows() + 255) / 256).parallel().forEach(chunk -> {
      int end = Math.min(batch.rows(), chunk * 256 + 256);
      for (int r = chunk * 256; r < end; r++) {
        for (int f = 0; f < d; f++) {
          float v = x[r * d + f];
          int code;
          if (Float.isNaN(v)) {
            code = cuts.bins(f);
          } else {
            checkFinite(v, batch, r, f);
            code = cuts.binOf(f, v);
          }
          if (b8 != null) {
            b8[base + r * d + f] = (byte) code;
          } else {
            b16[base + r * d + f] = (char) code;
          }
        }
      }
    })).join();
  }

  /** The heap a batch holds: its values, indices, labels and weights. */
  /** A second pass over batches kept from the first, which releases each as it goes. */
  private static BatchStream replay(List<RowBatch> batches) {
    return new BatchStream() {
      private int next;

      @Override
      public Optional<RowBatch> next() {
        if (next == batches.size()) {
          return Optional.empty();
        }
        return Optional.of(batches.set(next++, null));
      }

      @Override
      public void close() {
        batches.clear();
      }
    };
  }

  /** Every label passes the check and every instance weight is finite and non-negative. */
  static void checkLabelsAndWeights(RowBatch batch, LabelCheck labelCheck) {
    for (int r = 0; r < batch.rows(); r++) {
      String bad = labelCheck.problem(batch.label(r));
      if (bad != null) {
        throw new InvalidDataException(batch.origin(), "record", batch.firstRecord() + r, bad);
      }
      float w = batch.weight(r);
      if (!(w >= 0) || Float.isInfinite(w)) {
        throw new InvalidDataException(batch.origin(), "record", batch.firstRecord() + r,
            "instance weight must be a finite number >= 0, got " + w);
      }
    }
  }

  static void checkFinite(float v, RowBatch batch, int r, int f) {
    if (Float.isInfinite(v)) {
      throw new InvalidDataException(batch.origin(), "record", batch.firstRecord() + r,
          "feature " + f + " is " + v + "; features must be finite numbers or missing (NaN / absent)");
    }
  }

  static void checkBatch(RowBatch batch, int d, DataSource source) {
    if (batch.featureDim() != d) {
      throw new InvalidDataException(batch.origin(), "record", batch.firstRecord(),
          "has " + batch.featureDim() + " features, expected " + d + " as in the schema of " + source.description());
    }
    if (batch.labelDim() < 1) {
      throw new InvalidDataException(batch.origin(), "record", batch.firstRecord(),
          "has no label; training data needs one (CSV: label in column 0)");
    }
  }

  /** Rows of one query must be contiguous, as in XGBoost's libsvm qid convention. */
  static int[] groupPointers(long[] qids, DataSource source) {
    if (qids == null) {
      return null;
    }
    int groups = 0;
    int[] ptr = new int[qids.length + 1];
    for (int r = 0; r < qids.length; r++) {
      if (r == 0 || qids[r] != qids[r - 1]) {
        ptr[groups++] = r;
      }
    }
    ptr[groups] = qids.length;
    int[] out = Arrays.copyOf(ptr, groups + 1);
    java.util.Set<Long> seen = new java.util.HashSet<>();
    for (int g = 0; g < groups; g++) {
      if (!seen.add(qids[out[g]])) {
        throw new InvalidDataException(source.description() + ": rows of qid " + qids[out[g]]
            + " are not contiguous (again at row " + (out[g] + 1) + "); sort the data by qid");
      }
    }
    return out;
  }

  /**
   * Attaches query groups given as group sizes (LightGBM's {@code .query} files, XGBoost's {@code set_group}).
   *
   * @param sizes the number of rows of each query, in row order
   * @return a copy of this data with those groups
   */
  public BinnedData withGroups(int[] sizes) {
    int[] ptr = new int[sizes.length + 1];
    for (int g = 0; g < sizes.length; g++) {
      if (sizes[g] <= 0) {
        throw new InvalidDataException("query group " + g + " has size " + sizes[g] + "; sizes must be > 0");
      }
      ptr[g + 1] = ptr[g] + sizes[g];
    }
    if (ptr[sizes.length] != rows) {
      throw new InvalidDataException("query group sizes add up to " + ptr[sizes.length] + " rows, the data has "
          + rows);
    }
    return new BinnedData(schema, cuts, bins8, bins16, rowPtr, sparseSlots, labels, weights, ptr);
  }

  /** Validates one label for the objective. */
  @FunctionalInterface
  public interface LabelCheck {
    /**
     * @param label a label
     * @return null if acceptable, else what is wrong (e.g. "label 2.0 is outside [0, 1] for binary:logistic")
     */
    String problem(float label);
  }

  /**
   * Per-feature value samples for the quantile cuts. Rows are kept when a seeded hash of their index falls below
   * a threshold that halves whenever the sample reaches {@link #SKETCH_ROWS} rows, so the sample is uniform,
   * independent of batch sizes, and bounded in memory. While every batch is dense, entry i of each feature's sample
   * is kept row i (NaN where the value is missing or infinite), so the row hashes are stored once; a sparse batch
   * switches to per-entry hashes.
   */
  static final class Sketch {
    private final int d;
    private final long seed;
    private float[][] values;
    private float[][] weights;
    /** Per-entry row hashes (sparse data), or null while entries are aligned with the kept rows. */
    private int[][] hashes;
    private int[] count;
    final boolean[] sawMissing;
    private long threshold = 1L << 32;
    private int[] rowHashes = new int[16];
    private int keptRows;
    /** Every row's hash counted by its leading zero bits: how many rows each sampling threshold keeps. */
    private final long[] byLeadingZeros = new long[33];

    Sketch(int d, long seed) {
      this.d = d;
      this.seed = seed;
      values = new float[d][16];
      count = new int[d];
      sawMissing = new boolean[d];
    }

    /** Notes which dense features have NaN anywhere (every row, not only the sampled ones). */
    void scanMissing(RowBatch batch) {
      if (batch.isSparse()) {
        return;
      }
      float[] x = batch.denseValues();
      for (int i = 0; i < x.length; i++) {
        if (x[i] != x[i]) {
          sawMissing[i % d] = true;
        }
      }
    }

    private int hash(long row) {
      long z = row * 0x9E3779B97F4A7C15L + seed;
      z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
      z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
      return (int) (z ^ (z >>> 31));
    }

    void add(RowBatch batch, long firstRow) {
      if (batch.isSparse() && hashes == null) {
        hashes = new int[d][];
        for (int f = 0; f < d; f++) {
          hashes[f] = Arrays.copyOf(rowHashes, values[f].length);
        }
      }
      for (int r = 0; r < batch.rows(); r++) {
        int h = hash(firstRow + r);
        byLeadingZeros[Integer.numberOfLeadingZeros(h)]++;
        if (Integer.toUnsignedLong(h) >= threshold) {
          continue;
        }
        float w = batch.weight(r);
        if (batch.isSparse()) {
          int[] ptr = batch.rowPointers();
          for (int j = ptr[r]; j < ptr[r + 1]; j++) {
            put(batch.indices()[j], batch.sparseValues()[j], w, h);
          }
        } else {
          float[] x = batch.denseValues();
          for (int f = 0; f < d; f++) {
            put(f, x[r * d + f], w, h);
          }
        }
        if (keptRows == rowHashes.length) {
          rowHashes = Arrays.copyOf(rowHashes, Math.min(keptRows * 2, SKETCH_ROWS));
        }
        rowHashes[keptRows++] = h;
        if (keptRows >= SKETCH_ROWS) {
          halve();
        }
      }
    }

    private void put(int f, float v, float w, int h) {
      boolean finite = Float.isFinite(v);
      if (!finite && hashes != null) {
        return;
      }
      int c = count[f];
      if (c == values[f].length) {
        int cap = Math.min(c * 2, SKETCH_ROWS);
        values[f] = Arrays.copyOf(values[f], cap);
        if (hashes != null) {
          hashes[f] = Arrays.copyOf(hashes[f], cap);
        }
        if (weights != null) {
          weights[f] = Arrays.copyOf(weights[f], cap);
        }
      }
      if (w != 1f && weights == null) {
        // Weights are kept only once some row is not weighted 1: unweighted data saves a third of the sample.
        weights = new float[d][];
        for (int g = 0; g < d; g++) {
          weights[g] = new float[values[g].length];
          Arrays.fill(weights[g], 0, count[g], 1f);
        }
      }
      values[f][c] = finite ? v : Float.NaN;
      if (weights != null) {
        weights[f][c] = w;
      }
      if (hashes != null) {
        hashes[f][c] = h;
      }
      count[f] = c + 1;
    }

    private void halve() {
      threshold >>>= 1;
      for (int f = 0; f < d; f++) {
        int[] entryHashes = hashes != null ? hashes[f] : rowHashes;
        int c = 0;
        for (int i = 0; i < count[f]; i++) {
          int h = entryHashes[i];
          if (Integer.toUnsignedLong(h) < threshold) {
            values[f][c] = values[f][i];
            if (weights != null) {
              weights[f][c] = weights[f][i];
            }
            if (hashes != null) {
              hashes[f][c] = h;
            }
            c++;
          }
        }
        count[f] = c;
      }
      int c = 0;
      for (int i = 0; i < keptRows; i++) {
        if (Integer.toUnsignedLong(rowHashes[i]) < threshold) {
          rowHashes[c++] = rowHashes[i];
        }
      }
      keptRows = c;
    }

    /** Moves feature f's finite sampled values (and their weights) to the front; returns how many. */
    private int finiteValues(int f) {
      float[] v = values[f];
      float[] w = weights == null ? null : weights[f];
      int c = 0;
      for (int i = 0; i < count[f]; i++) {
        if (v[i] == v[i]) {
          v[c] = v[i];
          if (w != null) {
            w[c] = w[i];
          }
          c++;
        }
      }
      return c;
    }

    /** @return this part's rows by the leading zero bits of their hashes (33 counts) */
    long[] levelCounts() {
      return byLeadingZeros.clone();
    }

    /**
     * The sample a single pass over all the data keeps: the fewest halvings {@code j} of the hash threshold that
     * leave fewer than {@link #SKETCH_ROWS} rows, given every part's {@link #levelCounts()} summed.
     *
     * @param byLeadingZeros the summed counts
     * @return j
     */
    static int level(long[] byLeadingZeros) {
      long kept = 0;
      for (long c : byLeadingZeros) {
        kept += c;
      }
      int j = 0;
      while (kept >= SKETCH_ROWS) {
        kept -= byLeadingZeros[j++];
      }
      return j;
    }

    /**
     * This part's sampled values of the rows a single pass would keep at level {@code j} (dense rows: entries are
     * the kept rows'), feature by feature, with their weights when weighted.
     */
    float[][][] sampleAt(int j, boolean weighted) {
      long limit = (1L << 32) >>> j;
      float[][] v = new float[d][];
      float[][] w = weighted ? new float[d][] : null;
      int[] keep = new int[keptRows];
      int n = 0;
      for (int i = 0; i < keptRows; i++) {
        if (Integer.toUnsignedLong(rowHashes[i]) < limit) {
          keep[n++] = i;
        }
      }
      for (int f = 0; f < d; f++) {
        v[f] = new float[n];
        if (w != null) {
          w[f] = new float[n];
        }
        for (int k = 0; k < n; k++) {
          v[f][k] = values[f][keep[k]];
          if (w != null) {
            w[f][k] = weights == null ? 1f : weights[f][keep[k]];
          }
        }
      }
      return new float[][][] {v, w};
    }

    /**
     * A sketch holding given samples (every part's {@link #sampleAt}, concatenated in part order), for the cuts.
     */
    static Sketch of(float[][] values, float[][] weights, boolean[] sawMissing) {
      Sketch s = new Sketch(values.length, 0);
      s.values = values;
      s.weights = weights;
      for (int f = 0; f < values.length; f++) {
        s.count[f] = values[f].length;
        s.sawMissing[f] = sawMissing[f];
      }
      return s;
    }

    /** Each feature's cuts (the arrays {@link FeatureCuts#assemble} takes). */
    float[][] perFeatureCuts(int maxBin, boolean weighted, boolean[] categorical, boolean midpoints,
        ForkJoinPool pool) {
      float[][] per = new float[d][];
      pool.submit(() -> IntStream.range(0, d).parallel().forEach(f -> {
        int c = finiteValues(f);
        per[f] = categorical[f] ? FeatureCuts.categoricalCutsOf(values[f], c, maxBin)
            : FeatureCuts.cutsOf(values[f], weighted && weights != null ? weights[f] : null, c, maxBin, midpoints);
      })).join();
      values = null;
      weights = null;
      hashes = null;
      return per;
    }

    FeatureCuts cuts(int maxBin, boolean weighted, boolean[] categorical, boolean midpoints, ForkJoinPool pool) {
      return FeatureCuts.assemble(perFeatureCuts(maxBin, weighted, categorical, midpoints, pool), categorical);
    }
  }
}
