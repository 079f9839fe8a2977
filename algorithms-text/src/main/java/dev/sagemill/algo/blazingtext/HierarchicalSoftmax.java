package dev.sagemill.algo.blazingtext;

import dev.sagemill.core.embedding.RowMath;

/**
 * fastText's hierarchical softmax: a Huffman tree over the outputs' counts (given in descending order), one logistic
 * unit per inner node (output row {@code node - outputs}), each output's probability the product along its path.
 * The tree is rebuilt from the counts exactly as fastText builds it, so a loaded {@code .bin} predicts the same.
 *
 * <p>Immutable tree; Hogwild-shared output rows.
 */
final class HierarchicalSoftmax extends OutputLoss {
  private final int osz;
  private final int[] left;
  private final int[] right;
  private final int[][] paths;
  private final boolean[][] codes;

  HierarchicalSoftmax(float[] wo, int dim, long[] counts) {
    super(wo, dim);
    osz = counts.length;
    int nodes = 2 * osz - 1;
    long[] count = new long[nodes];
    int[] parent = new int[nodes];
    left = new int[nodes];
    right = new int[nodes];
    boolean[] binary = new boolean[nodes];
    java.util.Arrays.fill(parent, -1);
    java.util.Arrays.fill(left, -1);
    java.util.Arrays.fill(right, -1);
    java.util.Arrays.fill(count, (long) 1e15);
    System.arraycopy(counts, 0, count, 0, osz);
    int leaf = osz - 1;
    int node = osz;
    for (int i = osz; i < nodes; i++) {
      int[] mini = new int[2];
      for (int j = 0; j < 2; j++) {
        if (leaf >= 0 && count[leaf] < count[node]) {
          mini[j] = leaf--;
        } else {
          mini[j] = node++;
        }
      }
      left[i] = mini[0];
      right[i] = mini[1];
      count[i] = count[mini[0]] + count[mini[1]];
      parent[mini[0]] = i;
      parent[mini[1]] = i;
      binary[mini[1]] = true;
    }
    paths = new int[osz][];
    codes = new boolean[osz][];
    for (int i = 0; i < osz; i++) {
      int depth = 0;
      for (int j = i; parent[j] != -1; j = parent[j]) {
        depth++;
      }
      paths[i] = new int[depth];
      codes[i] = new boolean[depth];
      int d = 0;
      for (int j = i; parent[j] != -1; j = parent[j]) {
        paths[i][d] = parent[j] - osz;
        codes[i][d++] = binary[j];
      }
    }
  }

  @Override
  int code() {
    return 1;
  }

  @Override
  float forward(int[] targets, int tStart, int tEnd, int targetIndex, State s, float lr, boolean backprop) {
    int target = targets[tStart + targetIndex];
    float loss = 0;
    int[] path = paths[target];
    boolean[] code = codes[target];
    for (int i = 0; i < path.length; i++) {
      loss += binaryLogistic(path[i], s, code[i], lr, backprop);
    }
    return loss;
  }

  @Override
  void predict(State s, int k, float threshold, TopK out) {
    out.reset(k);
    if (osz == 1) {
      out.offer(0, 0f);
      return;
    }
    dfs(s, k, stdLog(threshold), 2 * osz - 2, 0f, out);
  }

  private void dfs(State s, int k, float logThreshold, int node, float score, TopK out) {
    if (score < logThreshold || (out.size() == k && score < out.worst())) {
      return;
    }
    if (left[node] == -1 && right[node] == -1) {
      out.offer(node, score);
      return;
    }
    float f = RowMath.dot(wo, (node - osz) * dim, s.hidden, 0, dim);
    f = (float) (1.0 / (1 + Math.exp(-f)));
    dfs(s, k, logThreshold, left[node], score + stdLog(1f - f), out);
    dfs(s, k, logThreshold, right[node], score + stdLog(f), out);
  }
}
