package dev.sagemill.algo.gbdt.internal;

import dev.sagemill.core.data.FeatureVector;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.error.InvalidDataException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * An additive ensemble of regression trees: the margin of output {@code k} is {@code baseMargin[k]} plus the
 * weighted leaf values of the trees assigned to group {@code k}. One tree per output per round, in XGBoost's order.
 * Weights are 1 except under DART.
 *
 * <p>Immutable and thread-safe.
 */
public final class TreeEnsemble implements Booster {
  private final int featureDim;
  private final int outputs;
  private final double[] baseMargin;
  private final Tree[] trees;
  private final int[] group;
  private final float[] weight;
  // Built on first prediction: training makes a new ensemble every round and mostly never predicts with it.
  private volatile FlatForest flat;
  private volatile boolean flattened;

  /**
   * @param featureDim number of input features
   * @param outputs margins per row
   * @param baseMargin initial margin per output
   * @param trees the trees
   * @param group the output each tree adds to
   * @param weight each tree's weight
   */
  public TreeEnsemble(int featureDim, int outputs, double[] baseMargin, List<Tree> trees, int[] group,
      float[] weight) {
    if (baseMargin.length != outputs || group.length != trees.size() || weight.length != trees.size()) {
      throw new IllegalArgumentException("ensemble arrays disagree: " + outputs + " outputs, " + baseMargin.length
          + " base margins, " + trees.size() + " trees, " + group.length + " groups, " + weight.length + " weights");
    }
    for (int g : group) {
      if (g < 0 || g >= outputs) {
        throw new IllegalArgumentException("tree group " + g + " outside [0, " + outputs + ")");
      }
    }
    this.featureDim = featureDim;
    this.outputs = outputs;
    this.baseMargin = baseMargin.clone();
    this.trees = trees.toArray(new Tree[0]);
    this.group = group.clone();
    this.weight = weight.clone();
  }

  /** The flat form of the trees, or null when some tree's children are not allocated in pairs. */
  private FlatForest flat() {
    if (!flattened) {
      flat = FlatForest.of(trees, weight, featureDim);
      flattened = true;
    }
    return flat;
  }

  @Override
  public int featureDim() {
    return featureDim;
  }

  @Override
  public int outputs() {
    return outputs;
  }

  /** @return the number of trees */
  public int size() {
    return trees.length;
  }

  /**
   * @param i tree index
   * @return the tree
   */
  public Tree tree(int i) {
    return trees[i];
  }

  /**
   * @param i tree index
   * @return the output it adds to
   */
  public int group(int i) {
    return group[i];
  }

  /**
   * @param i tree index
   * @return its weight
   */
  public float weight(int i) {
    return weight[i];
  }

  @Override
  public double[] baseMargin() {
    return baseMargin.clone();
  }

  /** @return the trees as a list */
  public List<Tree> trees() {
    return List.of(trees);
  }

  /**
   * The first {@code n} trees (early stopping keeps the best iteration's trees).
   *
   * @param n how many trees
   * @return the truncated ensemble
   */
  public TreeEnsemble truncate(int n) {
    return new TreeEnsemble(featureDim, outputs, baseMargin, Arrays.asList(trees).subList(0, n),
        Arrays.copyOf(group, n), Arrays.copyOf(weight, n));
  }

  /**
   * The same trees split on other feature numbers, for rows of another width ({@link FeatureCompaction}).
   *
   * @param featureOf the new number of each feature the trees split on now
   * @param newFeatureDim features per row of the rows the new ensemble answers
   * @return the renumbered ensemble
   */
  TreeEnsemble withFeatures(int[] featureOf, int newFeatureDim) {
    List<Tree> renumbered = new ArrayList<>(trees.length);
    for (Tree t : trees) {
      renumbered.add(t.withFeatures(featureOf));
    }
    return new TreeEnsemble(newFeatureDim, outputs, baseMargin, renumbered, group, weight);
  }

  /**
   * Appends trees (continued training).
   *
   * @param more the trees
   * @param moreGroups their groups
   * @param moreWeights their weights
   * @return the longer ensemble
   */
  TreeEnsemble append(List<Tree> more, int[] moreGroups, float[] moreWeights) {
    List<Tree> all = new ArrayList<>(Arrays.asList(trees));
    all.addAll(more);
    int[] g = Arrays.copyOf(group, group.length + moreGroups.length);
    System.arraycopy(moreGroups, 0, g, group.length, moreGroups.length);
    float[] w = Arrays.copyOf(weight, weight.length + moreWeights.length);
    System.arraycopy(moreWeights, 0, w, weight.length, moreWeights.length);
    return new TreeEnsemble(featureDim, outputs, baseMargin, all, g, w);
  }

  @Override
  public double[] margin(FeatureVector x) {
    return margin(x, Integer.MAX_VALUE);
  }

  /** {@inheritDoc} Exact TreeSHAP ({@link TreeShap#contributions}). */
  @Override
  public double[] contributions(float[] x) {
    return TreeShap.contributions(this, x);
  }

  /** {@inheritDoc} Exact TreeSHAP interaction values ({@link TreeShap#interactions}). */
  @Override
  public double[] interactions(float[] x) {
    return TreeShap.interactions(this, x);
  }

  /**
   * Margins of one row.
   *
   * @param x the row
   * @param treeLimit use only the first this many trees
   * @return one margin per output
   */
  public double[] margin(FeatureVector x, int treeLimit) {
    if (x.dim() != featureDim) {
      throw new InvalidDataException("the row has " + x.dim() + " features, the model expects " + featureDim);
    }
    double[] out = baseMargin.clone();
    int n = Math.min(treeLimit, trees.length);
    if (x.isSparse()) {
      for (int t = 0; t < n; t++) {
        Tree tree = trees[t];
        out[group[t]] += (double) weight[t] * tree.leafValue[tree.leafOf(x)];
      }
    } else {
      float[] dense = x.toDense();
      FlatForest flat = flat();
      for (int t = 0; t < n; t++) {
        out[group[t]] += flat != null ? flat.value(t, dense, 0)
            : (double) weight[t] * trees[t].leafValue[trees[t].leafOf(dense, 0)];
      }
    }
    return out;
  }

  /**
   * Margins of every row of a batch, rows split over threads.
   *
   * @param batch the rows
   * @param treeFrom first tree to use
   * @param treeTo end of trees to use
   * @param out {@code rows × outputs} margins to add to (start from {@link #baseMargin()} or a previous result)
   * @param pool threads, or null for the common pool (the calling thread joins in)
   */
  public void addMargins(RowBatch batch, int treeFrom, int treeTo, double[] out, ForkJoinPool pool) {
    if (batch.featureDim() != featureDim) {
      throw new InvalidDataException(batch.origin(), "record", batch.firstRecord(),
          "has " + batch.featureDim() + " features, the model expects " + featureDim);
    }
    int rows = batch.rows();
    int blocks = (rows + FlatForest.BLOCK - 1) / FlatForest.BLOCK;
    Runnable task = () -> IntStream.range(0, blocks).parallel().forEach(b -> {
      int from = b * FlatForest.BLOCK;
      int to = Math.min(rows, from + FlatForest.BLOCK);
      addBlock(batch, from, to, treeFrom, treeTo, out);
    });
    if (blocks < 4) {
      for (int b = 0; b < blocks; b++) {
        addBlock(batch, b * FlatForest.BLOCK, Math.min(rows, (b + 1) * FlatForest.BLOCK), treeFrom, treeTo, out);
      }
    } else if (pool == null) {
      task.run();
    } else {
      pool.submit(task).join();
    }
  }

  /** Tree-major within a block of rows, so each tree's nodes stay in cache while the block walks it. */
  private void addBlock(RowBatch batch, int from, int to, int treeFrom, int treeTo, double[] out) {
    int k = outputs;
    if (batch.isSparse()) {
      int[] ptr = batch.rowPointers();
      int[] idx = batch.indices();
      float[] val = batch.sparseValues();
      for (int t = treeFrom; t < treeTo; t++) {
        Tree tree = trees[t];
        double w = weight[t];
        int g = group[t];
        for (int r = from; r < to; r++) {
          out[r * k + g] += w * tree.leafValue[tree.leafOf(idx, val, ptr[r], ptr[r + 1])];
        }
      }
    } else if (flat() != null) {
      flat().addBlock(batch.denseValues(), featureDim, from, to, treeFrom, treeTo, group, k, out);
    } else {
      float[] x = batch.denseValues();
      int d = featureDim;
      for (int t = treeFrom; t < treeTo; t++) {
        Tree tree = trees[t];
        double w = weight[t];
        int g = group[t];
        for (int r = from; r < to; r++) {
          out[r * k + g] += w * tree.leafValue[tree.leafOf(x, r * d)];
        }
      }
    }
  }

  /** {@inheritDoc} The base margins plus all trees. */
  @Override
  public double[] margins(RowBatch batch, ForkJoinPool pool) {
    double[] out = new double[batch.rows() * outputs];
    for (int r = 0; r < batch.rows(); r++) {
      System.arraycopy(baseMargin, 0, out, r * outputs, outputs);
    }
    addMargins(batch, 0, trees.length, out, pool);
    return out;
  }

  /**
   * XGBoost's feature importance by type: {@code weight} (how many splits use the feature), {@code gain} and
   * {@code cover} (average loss reduction and hessian cover of those splits), {@code total_gain},
   * {@code total_cover}. Features never split on get 0.
   *
   * @param type one of weight, gain, cover, total_gain, total_cover
   * @return one value per feature
   */
  public double[] importance(String type) {
    double[] count = new double[featureDim];
    double[] gain = new double[featureDim];
    double[] cover = new double[featureDim];
    for (Tree t : trees) {
      for (int i = 0; i < t.nodes(); i++) {
        if (!t.isLeaf(i)) {
          int f = t.feature[i];
          count[f]++;
          gain[f] += t.lossChange[i];
          cover[f] += t.cover[i];
        }
      }
    }
    double[] out = new double[featureDim];
    for (int f = 0; f < featureDim; f++) {
      out[f] = switch (type) {
        case "weight" -> count[f];
        case "gain" -> count[f] > 0 ? gain[f] / count[f] : 0;
        case "cover" -> count[f] > 0 ? cover[f] / count[f] : 0;
        case "total_gain" -> gain[f];
        case "total_cover" -> cover[f];
        default -> throw new IllegalArgumentException("importance type " + type
            + " is not one of weight, gain, cover, total_gain, total_cover");
      };
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TreeEnsemble e && e.featureDim == featureDim && e.outputs == outputs
        && Arrays.equals(e.baseMargin, baseMargin) && Arrays.equals(e.trees, trees) && Arrays.equals(e.group, group)
        && Arrays.equals(e.weight, weight);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(trees) * 31 + outputs;
  }
}
