package dev.sagemill.benchmarks;

import dev.sagemill.algo.knn.KnnEstimator;
import dev.sagemill.algo.knn.KnnModel;
import dev.sagemill.algo.knn.KnnParams;
import dev.sagemill.core.data.InMemoryDataset;
import dev.sagemill.core.data.RowBatch;
import dev.sagemill.core.estimator.FitOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;

/**
 * Issue 31's search throughput: sagemill's {@code knn} indexes against faiss 1.7.3's (Debian's {@code python3-faiss},
 * {@code benchmarks/geometric/faiss_search.py}) on the same rows, both in-process and warm: the index is built once,
 * then the queries are searched three times and the best time counts; recall@k is measured against each side's
 * exact index. Rows: 200,000 × 64 drawn around 1,000 Gaussian centres (centre coordinates N(0, 1), unit noise, so
 * neighbourhoods overlap); 10,000 queries from the same distribution; k = 10; IVF with 447 lists (√rows) and 14
 * probes (sagemill's defaults), IVFPQ with 16 sub-quantizers of 8 bits, which sagemill re-ranks (16 × k candidates
 * by their exact distance): faiss' IVFPQ is shown alone and inside {@code IndexRefineFlat} with the same factor. A
 * last line gives sagemill's IVFFlat with more probes, to compare throughput at faiss' recall; 2 threads each.
 *
 * <pre>apt-get install python3-faiss
 * benchmarks/run.sh -Xmx6g KnnSearchVsFaiss [rows] [queries]</pre>
 */
public final class KnnSearchVsFaiss {
  private static final int D = 64;
  private static final int K = 10;

  private KnnSearchVsFaiss() {}

  /**
   * @param args optional rows and queries
   * @throws Exception on failure
   */
  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    int nq = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    int nlists = (int) Math.round(Math.sqrt(n));
    int nprobe = Math.max(8, (nlists + 31) / 32);
    float[] all = blobs(n + nq, 1_000, 7);
    float[] train = java.util.Arrays.copyOf(all, n * D);
    float[] queries = java.util.Arrays.copyOfRange(all, n * D, (n + nq) * D);
    Path dir = Files.createTempDirectory("knn-vs-faiss");
    BenchData.writeFloat32(dir.resolve("train.f32"), train);
    BenchData.writeFloat32(dir.resolve("queries.f32"), queries);
    System.out.printf(Locale.ROOT, "machine: %d cores, java %s; %,d x %d rows, %,d queries, k = %d, %d lists, %d "
        + "probes, 2 threads; search time best of 3%n", Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"), n, D, nq, K, nlists, nprobe);
    System.out.printf(Locale.ROOT, "%-16s | %8s %9s %10s %7s | %8s %9s %10s %7s | %6s%n", "index, probes", "build",
        "search", "queries/s", "recall", "build", "search", "queries/s", "recall", "q/s ×");
    Process py = new ProcessBuilder("/usr/bin/python3", "benchmarks/geometric/faiss_search.py",
        dir.resolve("train.f32").toString(), dir.resolve("queries.f32").toString(), Integer.toString(n),
        Integer.toString(nq), Integer.toString(D), Integer.toString(K), Integer.toString(nlists),
        Integer.toString(nprobe), "16", "2").redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String[] faiss = new String(py.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim().split("\n");
    if (py.waitFor() != 0) {
      throw new IllegalStateException("faiss_search.py failed");
    }
    RowBatch.Builder b = RowBatch.builder(D, 1, false);
    for (int r = 0; r < n; r++) {
      b.addDense(train, r * D, new float[] {0}, 1f);
    }
    InMemoryDataset rows = InMemoryDataset.of(b.build());
    RowBatch.Builder qb = RowBatch.builder(D, 0, false);
    for (int r = 0; r < nq; r++) {
      qb.addDense(queries, r * D, null, 1f);
    }
    RowBatch q = qb.build();
    int[] exact = null;
    String[] kinds = {"faiss.Flat", "faiss.IVFFlat", "faiss.IVFPQ", "faiss.IVFPQ", "faiss.IVFFlat"};
    String[] labels = {"Flat", "IVFFlat", "IVFPQ", "IVFPQ+refine", "IVFFlat"};
    int[] probes = {nprobe, nprobe, nprobe, nprobe, 2 * nprobe};
    ForkJoinPool pool = new ForkJoinPool(2);
    for (int i = 0; i < kinds.length; i++) {
      long t0 = System.nanoTime();
      KnnModel m = new KnnEstimator(KnnParams.builder(D, K, "classifier", n).set("index_type", kinds[i])
          .set("faiss_index_pq_m", "16").set("faiss_index_ivf_nprobe", Integer.toString(probes[i])).build())
          .fit(rows, FitOptions.builder().threads(2).build());
      double build = (System.nanoTime() - t0) / 1e9;
      double best = Double.POSITIVE_INFINITY;
      int[] ids = null;
      for (int rep = 0; rep < 3; rep++) {
        long s0 = System.nanoTime();
        ids = m.neighbors(q, pool).ids();
        best = Math.min(best, (System.nanoTime() - s0) / 1e9);
      }
      exact = exact == null ? ids : exact;
      String name = labels[i] + " " + probes[i];
      if (i >= faiss.length) {
        System.out.printf(Locale.ROOT, "%-16s | %7.2fs %8.3fs %10.0f %7.4f |%n", name, build, best, nq / best,
            recall(ids, exact, nq));
        continue;
      }
      String[] f = faiss[i].split(" ");
      double fSearch = Double.parseDouble(f[2]);
      System.out.printf(Locale.ROOT, "%-16s | %7.2fs %8.3fs %10.0f %7.4f | %7.2fs %8.3fs %10.0f %7.4f | %6.2f%n",
          name, build, best, nq / best, recall(ids, exact, nq), Double.parseDouble(f[1]), fSearch, nq / fSearch,
          Double.parseDouble(f[3]), fSearch / best);
    }
    pool.shutdown();
  }

  private static double recall(int[] got, int[] exact, int nq) {
    double sum = 0;
    for (int qi = 0; qi < nq; qi++) {
      Set<Integer> want = new HashSet<>();
      for (int j = 0; j < K; j++) {
        want.add(exact[qi * K + j]);
      }
      int hit = 0;
      for (int j = 0; j < K; j++) {
        hit += want.contains(got[qi * K + j]) ? 1 : 0;
      }
      sum += (double) hit / K;
    }
    return sum / nq;
  }

  /** Rows around {@code k} Gaussian centres (coordinates N(0, 1)) with unit noise. */
  private static float[] blobs(int n, int k, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] centres = new double[k * D];
    for (int i = 0; i < centres.length; i++) {
      centres[i] = gaussian(rng);
    }
    float[] x = new float[n * D];
    for (int r = 0; r < n; r++) {
      int c = rng.nextInt(k);
      for (int j = 0; j < D; j++) {
        x[r * D + j] = (float) (centres[c * D + j] + gaussian(rng));
      }
    }
    return x;
  }

  private static double gaussian(SplittableRandom rng) {
    return Math.sqrt(-2 * Math.log1p(-rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
  }
}
