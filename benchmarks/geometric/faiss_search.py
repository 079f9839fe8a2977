"""Issue 31's search throughput peer: faiss 1.7.3's IndexFlatL2, IndexIVFFlat and IndexIVFPQ on the same rows as
KnnSearchVsFaiss (raw float32 files), searched in-process, best of three, with recall@k against IndexFlatL2. IVFPQ
is also run inside IndexRefineFlat with k_factor 16, which re-ranks 16 x k candidates by their exact distance, as
sagemill's IVFPQ does.

usage: faiss_search.py TRAIN.f32 QUERIES.f32 ROWS QUERIES DIM K NLIST NPROBE PQ_M THREADS
Prints one line per index: "kind build_seconds search_seconds recall".
"""
import sys
import time

import faiss
import numpy as np

train, queries = sys.argv[1], sys.argv[2]
n, nq, d, k, nlist, nprobe, m, threads = (int(a) for a in sys.argv[3:11])
faiss.omp_set_num_threads(threads)
X = np.fromfile(train, dtype="<f4").reshape(n, d)
Q = np.fromfile(queries, dtype="<f4").reshape(nq, d)
exact = None
for kind in ("flat", "ivfflat", "ivfpq", "ivfpq-refined"):
    t0 = time.perf_counter()
    if kind == "flat":
        index = faiss.IndexFlatL2(d)
    else:
        quantizer = faiss.IndexFlatL2(d)
        ivf = faiss.IndexIVFFlat(quantizer, d, nlist) if kind == "ivfflat" else \
            faiss.IndexIVFPQ(quantizer, d, nlist, m, 8)
        ivf.nprobe = nprobe
        index = ivf
        if kind == "ivfpq-refined":
            index = faiss.IndexRefineFlat(ivf)
            index.k_factor = 16
        index.train(X)
    index.add(X)
    build = time.perf_counter() - t0
    best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        _, ids = index.search(Q, k)
        best = min(best, time.perf_counter() - t0)
    if exact is None:
        exact = ids
    recall = np.mean([len(set(a) & set(b)) / k for a, b in zip(ids, exact)])
    print(f"{kind} {build:.3f} {best:.3f} {recall:.4f}", flush=True)
