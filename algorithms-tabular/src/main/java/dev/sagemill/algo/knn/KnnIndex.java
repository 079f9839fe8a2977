package dev.sagemill.algo.knn;

import dev.sagemill.core.cluster.LocalLloyd;
import dev.sagemill.core.random.RandomStream;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * The searchable index of a k-NN model, FAISS's three kinds in Java:
 *
 * <ul>
 *   <li>{@code faiss.Flat}: every vector scanned ({@link VectorBlocks}' four-query kernel); exact.</li>
 *   <li>{@code faiss.IVFFlat}: an inverted file. A coarse quantizer of {@code nlists} centroids (Lloyd's k-means on
 *       at most 64 vectors per centroid) assigns every vector to its nearest centroid's list; a query visits the
 *       {@code nprobe} lists of its nearest centroids and scans only those.</li>
 *   <li>{@code faiss.IVFPQ}: the same inverted file whose lists hold product-quantizer codes of each vector's
 *       residual to its centroid, scored by asymmetric distance computation.</li>
 * </ul>
 *
 * <p>Every search keeps more candidates than asked (16 more; {@value #PQ_REFINE} × k for IVFPQ) by the fast score
 * and re-ranks them by the exact distance in double, ties to the smaller id; so a Flat search returns exactly what
 * brute force does, and IVFPQ returns exact distances (like FAISS's IndexRefineFlat). A query whose probed lists
 * hold fewer than k vectors visits further lists until it has k. Queries run in parallel; concurrent searches
 * share nothing mutable.
 *
 * <p>Immutable and thread-safe.
 */
final class KnnIndex {
  /** Candidates per neighbor the PQ search re-ranks exactly. */
  static final int PQ_REFINE = 16;
  /** From this many queries an IVF search scans list by list rather than query by query. */
  private static final int BATCHED = 16;
  /**
   * Queries a flat-search task scores against each block of stored vectors while the block is in cache: the stored
   * vectors are read from memory once per batch rather than once per four queries.
   */
  private static final int QUERY_BATCH = 256;
  /** Queries probing the same inverted list that are scored against each of its blocks while it is in cache. */
  private static final int LIST_GROUP = 64;

  final Metric metric;
  final VectorBlocks vectors;
  /** The coarse centroids ({@code nlists × dim}), or null for a flat index. */
  final float[] centroids;
  final int[] listOf;
  final int nprobe;
  /** The product quantizer, or null. */
  final ProductQuantizer pq;
  private final KnnIndex coarse;
  private final char[] codes;

  private KnnIndex(Metric metric, float[] v, int n, int dim, float[] centroids, int[] listOf, int nprobe,
      ProductQuantizer pq, ForkJoinPool pool) {
    this.metric = metric;
    this.centroids = centroids;
    this.listOf = listOf;
    this.nprobe = nprobe;
    this.pq = pq;
    int lists = centroids == null ? 1 : centroids.length / dim;
    this.vectors = new VectorBlocks(v, n, dim, listOf, lists);
    this.coarse = centroids == null ? null : flat(metric, centroids, lists, dim);
    if (pq == null) {
      this.codes = null;
    } else {
      char[] c = new char[(vectors.listStart(lists - 1) + vectors.listSize(lists - 1)) * pq.m];
      run(pool, IntStream.range(0, n), i -> {
        float[] r = residualTo(v, i * dim, centroids, listOf[i], dim);
        pq.encode(r, 0, c, vectors.position(i) * pq.m);
      });
      this.codes = c;
    }
  }

  /**
   * @param metric the metric
   * @param v {@code n × dim} vectors, indexed by id
   * @param n vectors
   * @param dim values per vector
   * @return an exact index
   */
  static KnnIndex flat(Metric metric, float[] v, int n, int dim) {
    return new KnnIndex(metric, v, n, dim, null, new int[n], 1, null, null);
  }

  /**
   * Trains an inverted-file index.
   *
   * @param metric the metric
   * @param v {@code n × dim} vectors, indexed by id
   * @param n vectors
   * @param dim values per vector
   * @param nlists coarse centroids (≤ n)
   * @param nprobe lists a query visits
   * @param pqM product-quantizer sub-vectors, or 0 for IVFFlat
   * @param rng randomness
   * @param pool threads
   * @return the index
   */
  static KnnIndex ivf(Metric metric, float[] v, int n, int dim, int nlists, int nprobe, int pqM, RandomStream rng,
      ForkJoinPool pool) {
    int[] train = sample(n, 64 * nlists, rng.fork("coarse-sample"));
    float[] points = gather(v, train, dim);
    double[] ones = new double[train.length];
    java.util.Arrays.fill(ones, 1);
    float[] centroids = LocalLloyd.reduce(points, ones, train.length, dim, nlists, true, 10, 1e-4, 1,
        rng.fork("coarse"), pool).centers();
    int[] listOf = flat(metric, centroids, nlists, dim).nearest(v, n, pool);
    ProductQuantizer pq = null;
    if (pqM > 0) {
      int[] pqTrain = sample(n, 32_768, rng.fork("pq-sample"));
      float[] residuals = new float[pqTrain.length * dim];
      for (int i = 0; i < pqTrain.length; i++) {
        int id = pqTrain[i];
        float[] r = residualTo(v, id * dim, centroids, listOf[id], dim);
        System.arraycopy(r, 0, residuals, i * dim, dim);
      }
      pq = ProductQuantizer.train(residuals, pqTrain.length, dim, pqM, rng.fork("pq"), pool);
    }
    return new KnnIndex(metric, v, n, dim, centroids, listOf, nprobe, pq, pool);
  }

  /**
   * Rebuilds a saved index (the product-quantizer codes are recomputed: encoding is deterministic).
   *
   * @param metric the metric
   * @param v the vectors
   * @param n how many
   * @param dim values per vector
   * @param centroids the coarse centroids, or null for flat
   * @param listOf each vector's list
   * @param nprobe lists a query visits
   * @param pq the product quantizer, or null
   * @param pool threads
   * @return the index
   */
  static KnnIndex restore(Metric metric, float[] v, int n, int dim, float[] centroids, int[] listOf, int nprobe,
      ProductQuantizer pq, ForkJoinPool pool) {
    return new KnnIndex(metric, v, n, dim, centroids, listOf, nprobe, pq, pool);
  }

  /** @return the number of vectors */
  int size() {
    return vectors.count;
  }

  /** @return the number of values per vector */
  int dim() {
    return vectors.dim;
  }

  /** @return the vectors by id, {@code size × dim} row-major */
  float[] vectors() {
    float[] out = new float[vectors.count * vectors.dim];
    float[] row = new float[vectors.dim];
    for (int i = 0; i < vectors.count; i++) {
      vectors.copy(i, row);
      System.arraycopy(row, 0, out, i * vectors.dim, vectors.dim);
    }
    return out;
  }

  /**
   * The k nearest stored vectors of each query, ascending by distance.
   *
   * @param queries {@code nq × dim} transformed queries, row-major
   * @param nq queries
   * @param k neighbors (≤ size)
   * @param ids receives {@code nq × k} ids
   * @param dist receives {@code nq × k} distances
   * @param pool threads, or null for the calling thread
   */
  void search(float[] queries, int nq, int k, int[] ids, double[] dist, ForkJoinPool pool) {
    int dim = vectors.dim;
    int keep = Math.min(vectors.count, pq != null ? Math.max(PQ_REFINE * k, k + 16) : k + 16);
    if (coarse == null) {
      int batch = queryBatch(nq, pool);
      run(pool, IntStream.range(0, (nq + batch - 1) / batch), g -> {
        int q0 = g * batch;
        int n = Math.min(batch, nq - q0);
        TopK[] tops = new TopK[n];
        for (int i = 0; i < n; i++) {
          tops[i] = new TopK(keep);
        }
        vectors.scan(queries, q0, n, metric.euclidean(), 0, tops, VectorBlocks.scratch());
        float[] q = new float[dim];
        for (int i = 0; i < n; i++) {
          System.arraycopy(queries, (q0 + i) * dim, q, 0, dim);
          rerank(q, tops[i], k, ids, dist, (q0 + i) * k);
        }
      });
      return;
    }
    if (nq >= BATCHED) {
      searchByList(queries, nq, k, keep, ids, dist, pool);
      return;
    }
    run(pool, IntStream.range(0, nq), qi -> {
      float[] q = java.util.Arrays.copyOfRange(queries, qi * dim, (qi + 1) * dim);
      TopK top = new TopK(keep);
      probe(q, k, top, VectorBlocks.scratch(), pq == null ? null : new float[pq.m * pq.ksub]);
      rerank(q, top, k, ids, dist, qi * k);
    });
  }

  /**
   * A batch of IVF queries, turned around: the coarse search of all queries first (the flat kernel), then every
   * inverted list is scanned once for all the queries that probe it, up to {@link #LIST_GROUP} at a time, so a
   * list's vectors are loaded from memory once per group. Lists are split over threads in contiguous ranges of
   * about equal work, each thread keeping its own candidate heaps, merged per query at the end (the heaps' order on
   * (score, id) makes the merge independent of the split).
   */
  private void searchByList(float[] queries, int nq, int k, int keep, int[] ids, double[] dist, ForkJoinPool pool) {
    int dim = vectors.dim;
    int lists = vectors.lists();
    int probes = Math.min(nprobe, lists);
    int[] probed = new int[nq * probes];
    coarse.search(queries, nq, probes, probed, new double[nq * probes], pool);
    int[] start = new int[lists + 1];
    for (int l : probed) {
      start[l + 1]++;
    }
    long[] work = new long[lists + 1];
    for (int l = 0; l < lists; l++) {
      work[l + 1] = work[l] + (long) start[l + 1] * Math.max(1, vectors.listSize(l));
      start[l + 1] += start[l];
    }
    int[] who = new int[probed.length];
    int[] fill = start.clone();
    for (int qi = 0; qi < nq; qi++) {
      for (int j = 0; j < probes; j++) {
        who[fill[probed[qi * probes + j]]++] = qi;
      }
    }
    int parts = threads(pool);
    TopK[][] tops = new TopK[parts][];
    run(pool, IntStream.range(0, parts), t -> {
      TopK[] mine = new TopK[nq];
      tops[t] = mine;
      float[] group = new float[LIST_GROUP * dim];
      float[][] dots = VectorBlocks.scratch();
      float[] lut = pq == null ? null : new float[pq.m * pq.ksub];
      TopK[] heaps = new TopK[LIST_GROUP];
      for (int l = 0; l < lists; l++) {
        long mid = (work[l] + work[l + 1]) / 2;
        if (mid * parts / Math.max(1, work[lists]) != t) {
          continue; // another thread's list
        }
        for (int g = start[l]; g < start[l + 1]; g += LIST_GROUP) {
          int n = Math.min(LIST_GROUP, start[l + 1] - g);
          for (int i = 0; i < n; i++) {
            int qi = who[g + i];
            if (mine[qi] == null) {
              mine[qi] = new TopK(keep);
            }
            heaps[i] = mine[qi];
            System.arraycopy(queries, qi * dim, group, i * dim, dim);
          }
          if (pq == null) {
            vectors.scan(group, 0, n, metric.euclidean(), l, heaps, dots);
          } else {
            float[] q = new float[dim];
            for (int i = 0; i < n; i++) {
              System.arraycopy(group, i * dim, q, 0, dim);
              scanList(q, l, heaps[i], dots, lut);
            }
          }
        }
      }
    });
    run(pool, IntStream.range(0, nq), qi -> {
      TopK all = new TopK(keep);
      for (TopK[] part : tops) {
        if (part[qi] != null) {
          all.addAll(part[qi]);
        }
      }
      float[] q = java.util.Arrays.copyOfRange(queries, qi * dim, (qi + 1) * dim);
      if (all.size < k) { // the probed lists were too small: search this query alone, visiting more lists
        all.clear();
        probe(q, k, all, VectorBlocks.scratch(), pq == null ? null : new float[pq.m * pq.ksub]);
      }
      rerank(q, all, k, ids, dist, qi * k);
    });
  }

  /**
   * The queries one flat-search task scans together: as many as give every thread work, at most
   * {@link #QUERY_BATCH}, a multiple of four (the kernel's width).
   */
  private static int queryBatch(int nq, ForkJoinPool pool) {
    int threads = threads(pool);
    int perThread = (nq + threads - 1) / threads;
    return Math.min(QUERY_BATCH, Math.max(4, (perThread + 3) / 4 * 4));
  }

  /**
   * @return the threads {@link #run} keeps busy: the pool's, or every core on the common pool (whose caller works
   *     too, beside one thread fewer than cores); 1 without a pool
   */
  private static int threads(ForkJoinPool pool) {
    return pool == null ? 1 : Math.max(pool.getParallelism(), Runtime.getRuntime().availableProcessors());
  }

  /** Scans the lists of the nprobe nearest centroids, then further lists until k candidates are held. */
  private void probe(float[] q, int k, TopK top, float[][] dots, float[] lut) {
    int lists = vectors.lists();
    TopK near = new TopK(lists);
    coarse.vectors.scan(q, 0, 1, metric.euclidean(), 0, new TopK[] {near}, dots);
    int[] order = sorted(near);
    for (int i = 0; i < order.length && (i < nprobe || top.size < k); i++) {
      scanList(q, order[i], top, dots, lut);
    }
  }

  private void scanList(float[] q, int list, TopK top, float[][] dots, float[] lut) {
    if (pq == null) {
      vectors.scan(q, 0, 1, metric.euclidean(), list, new TopK[] {top}, dots);
      return;
    }
    int dim = vectors.dim;
    float bias = 0;
    if (metric.euclidean()) {
      pq.table(residualTo(q, 0, centroids, list, dim), true, lut);
    } else {
      pq.table(q, false, lut);
      for (int p = 0; p < dim; p++) {
        bias -= q[p] * centroids[list * dim + p];
      }
    }
    int from = vectors.listStart(list);
    pq.scan(codes, from, from + vectors.listSize(list), lut, bias, vectors.ids, top);
  }

  /** The exact distances of the candidates, sorted (ties to the smaller id); the first k are written out. */
  private void rerank(float[] q, TopK top, int k, int[] ids, double[] dist, int off) {
    int n = top.size;
    double[] d = new double[n];
    int[] id = new int[n];
    // Insertion sort: a few dozen candidates, on primitives (no boxed comparator per query).
    for (int i = 0; i < n; i++) {
      double dv = vectors.exact(metric, q, top.id[i]);
      int iv = top.id[i];
      int j = i - 1;
      while (j >= 0 && (d[j] != dv ? Double.compare(d[j], dv) > 0 : id[j] > iv)) {
        d[j + 1] = d[j];
        id[j + 1] = id[j];
        j--;
      }
      d[j + 1] = dv;
      id[j + 1] = iv;
    }
    for (int i = 0; i < k; i++) {
      ids[off + i] = i < n ? id[i] : -1;
      dist[off + i] = i < n ? d[i] : Double.NaN;
    }
  }

  /** @return each vector's nearest stored vector (used on an index of centroids to assign lists) */
  private int[] nearest(float[] v, int n, ForkJoinPool pool) {
    int[] ids = new int[n];
    double[] dist = new double[n];
    search(v, n, 1, ids, dist, pool);
    return ids;
  }

  private static int[] sorted(TopK top) {
    Integer[] order = new Integer[top.size];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (a, b) -> top.score[a] != top.score[b] ? Float.compare(top.score[a], top.score[b])
        : Integer.compare(top.id[a], top.id[b]));
    int[] out = new int[order.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = top.id[order[i]];
    }
    return out;
  }

  private static float[] residualTo(float[] v, int off, float[] centroids, int list, int dim) {
    float[] r = new float[dim];
    for (int p = 0; p < dim; p++) {
      r[p] = v[off + p] - centroids[list * dim + p];
    }
    return r;
  }

  private static int[] sample(int n, int max, RandomStream rng) {
    int[] all = new int[n];
    for (int i = 0; i < n; i++) {
      all[i] = i;
    }
    if (n <= max) {
      return all;
    }
    rng.shuffle(all);
    int[] s = java.util.Arrays.copyOf(all, max);
    java.util.Arrays.sort(s);
    return s;
  }

  private static float[] gather(float[] v, int[] rows, int dim) {
    float[] out = new float[rows.length * dim];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(v, rows[i] * dim, out, i * dim, dim);
    }
    return out;
  }

  /** Runs on the calling thread (no pool), on the common pool with the caller helping, or inside a given pool. */
  private static void run(ForkJoinPool pool, IntStream range, java.util.function.IntConsumer body) {
    if (pool == null) {
      range.forEach(body);
    } else if (pool == ForkJoinPool.commonPool()) {
      range.parallel().forEach(body); // the calling thread works too: the common pool has one thread fewer than cores
    } else {
      pool.submit(() -> range.parallel().forEach(body)).join();
    }
  }
}
