"""Issue 31's native peers, end to end from CSV, as a user of scikit-learn or faiss would run them.

usage: native.py TASK TRAIN_CSV [QUERY_CSV] [k] [threads]
  knn-flat / knn-ivfflat / knn-ivfpq: label first in TRAIN_CSV; QUERY_CSV has no label; k neighbours, majority vote
  kmeans: TRAIN_CSV without label, k clusters (scikit-learn KMeans, n_init=1, k-means++)
  pca: TRAIN_CSV without label, k components (scikit-learn PCA, svd_solver="randomized")
Prints one line: "seconds quality" where quality is the msd (kmeans), explained variance ratio sum (pca) or the
predicted labels' checksum (knn); times cover process work after imports: CSV read, fit, predict.
"""
import sys
import time

import numpy as np
import pandas as pd

task, train = sys.argv[1], sys.argv[2]
query = sys.argv[3] if len(sys.argv) > 3 else None
k = int(sys.argv[4]) if len(sys.argv) > 4 else 10
threads = int(sys.argv[5]) if len(sys.argv) > 5 else 2

t0 = time.perf_counter()
X = pd.read_csv(train, header=None, dtype=np.float32, engine="c").to_numpy()
if task.startswith("knn"):
    import faiss
    faiss.omp_set_num_threads(threads)
    y, X = X[:, 0].astype(np.int64), np.ascontiguousarray(X[:, 1:])
    Q = pd.read_csv(query, header=None, dtype=np.float32, engine="c").to_numpy()
    d = X.shape[1]
    if task == "knn-flat":
        index = faiss.IndexFlatL2(d)
    else:
        nlist = int(round(np.sqrt(X.shape[0])))
        quantizer = faiss.IndexFlatL2(d)
        if task == "knn-ivfflat":
            index = faiss.IndexIVFFlat(quantizer, d, nlist)
        else:
            index = faiss.IndexIVFPQ(quantizer, d, nlist, 16, 8)
        index.train(X)
        index.nprobe = max(8, -(-nlist // 32))
    index.add(X)
    _, I = index.search(np.ascontiguousarray(Q), k)
    votes = y[I]
    pred = np.array([np.bincount(v).argmax() for v in votes])
    np.savetxt("/dev/null", pred, fmt="%d")
    quality = int(pred.sum())
elif task == "kmeans":
    from sklearn.cluster import KMeans
    from threadpoolctl import threadpool_limits
    with threadpool_limits(threads):
        km = KMeans(n_clusters=k, n_init=1, random_state=0).fit(X)
    quality = km.inertia_ / X.shape[0]
elif task == "pca":
    from sklearn.decomposition import PCA
    from threadpoolctl import threadpool_limits
    with threadpool_limits(threads):
        pca = PCA(n_components=k, svd_solver="randomized", random_state=0).fit(X)
    quality = float(pca.explained_variance_ratio_.sum())
else:
    raise SystemExit("unknown task " + task)
print(f"{time.perf_counter() - t0:.3f} {quality}")
