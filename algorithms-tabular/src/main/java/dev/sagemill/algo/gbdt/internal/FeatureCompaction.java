package dev.sagemill.algo.gbdt.internal;

import dev.sagemill.core.data.BatchStream;
import dev.sagemill.core.data.DataSource;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.data.Schema;
import dev.sagemill.core.error.InvalidDataException;
import dev.sagemill.core.estimator.FitOptions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Training on the features that occur. The tree engine keeps several arrays per feature (quantile samples, cuts,
 * histogram offsets), so sparse data whose width is set by a stray large index (a hundred features and one
 * {@code 100000000:1}) would cost gigabytes for features that never appear. Such data is renumbered before binning:
 * the features present in the training channel, in index order, become features {@code 0..n-1}; the other channels
 * are read through the same numbering (a feature absent from training cannot be split on, so it is dropped); and
 * the trees are numbered back at the end, so the model answers rows of the original width and names.
 *
 * <p>Applied only to sparse channels wider than {@value #MIN_FEATURES} features where fewer than half of the
 * features occur, so ordinary data trains exactly as before. Renumbering keeps the features' order, and the engine
 * treats an absent feature as it treats a feature with no values, so the trees equal those trained on the data with
 * its unused indices squeezed out. Immutable and thread-safe.
 */
public final class FeatureCompaction {
  /** At or below this width the per-feature arrays are small whatever the data, and nothing is renumbered. */
  static final int MIN_FEATURES = 1 << 16;

  /** The original index of each renumbered feature, ascending. */
  private final int[] original;
  private final Schema originalSchema;
  private final Schema compactSchema;

  private FeatureCompaction(int[] original, Schema originalSchema) {
    this.original = original;
    this.originalSchema = originalSchema;
    Schema s = Schema.of(original.length, originalSchema.labelDim()).withIndexBaseOf(originalSchema);
    Optional<List<String>> names = originalSchema.featureNames();
    if (names.isPresent()) {
      List<String> kept = new ArrayList<>(original.length);
      for (int f : original) {
        kept.add(names.get().get(f));
      }
      s = s.withFeatureNames(kept);
    }
    List<Integer> categorical = new ArrayList<>();
    for (int f = 0; f < original.length; f++) {
      if (originalSchema.isCategorical(original[f])) {
        categorical.add(f);
      }
    }
    this.compactSchema = s.withCategorical(categorical.stream().mapToInt(Integer::intValue).toArray());
  }

  /**
   * Decides from the training channel whether to renumber, reading it once when it is wide enough to matter.
   *
   * @param train the training channel
   * @return the renumbering, or empty when the channel is dense, narrow, or uses half its width or more
   * @throws IOException if reading fails
   */
  public static Optional<FeatureCompaction> plan(DataSource train) throws IOException {
    Schema schema = train.schema();
    int d = schema.featureDim();
    if (d <= MIN_FEATURES) {
      return Optional.empty();
    }
    int[] present = new int[0];
    try (BatchStream s = train.open(8192)) {
      for (Optional<RowBatch> b = s.next(); b.isPresent(); b = s.next()) {
        RowBatch batch = b.get();
        if (!batch.isSparse()) {
          return Optional.empty();
        }
        present = union(present, batch.indices(), batch.rowPointers()[batch.rows()]);
        if (present.length > d / 2) {
          return Optional.empty();
        }
      }
    }
    return present.length == 0 ? Optional.empty() : Optional.of(new FeatureCompaction(present, schema));
  }

  /** The sorted union of a sorted set and the first {@code n} entries of an unsorted array. */
  private static int[] union(int[] sorted, int[] indices, int n) {
    int[] add = Arrays.copyOf(indices, n);
    Arrays.sort(add);
    int[] out = new int[sorted.length + n];
    int i = 0;
    int j = 0;
    int k = 0;
    while (i < sorted.length || j < n) {
      int v = j >= n || (i < sorted.length && sorted[i] <= add[j]) ? sorted[i++] : add[j++];
      if (k == 0 || out[k - 1] != v) {
        out[k++] = v;
      }
    }
    return Arrays.copyOf(out, k);
  }

  /** @return the number of features that occur (the renumbered width) */
  public int features() {
    return original.length;
  }

  /**
   * A channel read through the renumbering: entries of features absent from training are dropped.
   *
   * @param source a channel of the original width
   * @return the renumbered view
   */
  public DataSource view(DataSource source) {
    return new DataSource() {
      @Override
      public boolean inMemory() {
        return source.inMemory();
      }

      @Override
      public Schema schema() throws IOException {
        int d = source.schema().featureDim();
        if (d != originalSchema.featureDim()) {
          throw new InvalidDataException(source.description() + " has " + d + " features, the training data "
              + originalSchema.featureDim());
        }
        return compactSchema;
      }

      @Override
      public BatchStream open(int batchRows) throws IOException {
        BatchStream in = source.open(batchRows);
        return new BatchStream() {
          @Override
          public Optional<RowBatch> next() throws IOException {
            return in.next().map(FeatureCompaction.this::renumber);
          }

          @Override
          public void close() throws IOException {
            in.close();
          }
        };
      }

      @Override
      public String description() {
        return source.description();
      }
    };
  }

  /**
   * The fit options with their validation and test channels read through the renumbering.
   *
   * @param options the job's options
   * @return options whose row channels have the renumbered width
   */
  public FitOptions view(FitOptions options) {
    FitOptions out = options;
    for (String name : List.of("validation", "test")) {
      Optional<DataSource> rows = options.rows(name);
      if (rows.isPresent()) {
        out = out.withChannel(name, view(rows.get()));
      }
    }
    return out;
  }

  private RowBatch renumber(RowBatch batch) {
    int d = originalSchema.featureDim();
    if (batch.featureDim() != d) {
      throw new InvalidDataException(batch.origin(), "record", batch.firstRecord(), "has " + batch.featureDim()
          + " features, the training data " + d);
    }
    int labelDim = batch.labelDim();
    RowBatch.Builder b = RowBatch.builder(original.length, labelDim, true).origin(batch.origin(),
        batch.firstRecord());
    float[] label = labelDim == 0 ? null : new float[labelDim];
    int[] idx = new int[16];
    float[] val = new float[16];
    long[] qids = batch.qids().orElse(null);
    for (int r = 0; r < batch.rows(); r++) {
      int n = 0;
      if (batch.isSparse()) {
        int[] ptr = batch.rowPointers();
        for (int j = ptr[r]; j < ptr[r + 1]; j++) {
          int k = Arrays.binarySearch(original, batch.indices()[j]);
          if (k >= 0) {
            if (n == idx.length) {
              idx = Arrays.copyOf(idx, 2 * n);
              val = Arrays.copyOf(val, 2 * n);
            }
            idx[n] = k;
            val[n++] = batch.sparseValues()[j];
          }
        }
      } else {
        if (idx.length < original.length) {
          idx = new int[original.length];
          val = new float[original.length];
        }
        float[] x = batch.denseValues();
        for (int k = 0; k < original.length; k++) {
          idx[n] = k;
          val[n++] = x[r * d + original[k]];
        }
      }
      if (label != null) {
        System.arraycopy(batch.labels(), r * labelDim, label, 0, labelDim);
      }
      b.addSparse(idx, val, n, label, batch.weight(r));
      if (qids != null) {
        b.qidOfLast(qids[r]);
      }
    }
    return b.build();
  }

  /**
   * Numbers trees trained on the renumbered data back to the original features.
   *
   * @param trained the trees, split on renumbered features
   * @return the same trees split on the original features, for rows of the original width
   */
  public TreeEnsemble restore(TreeEnsemble trained) {
    return trained.withFeatures(original, originalSchema.featureDim());
  }

  /** @return the training data's own schema, which the model keeps */
  public Schema originalSchema() {
    return originalSchema;
  }
}
