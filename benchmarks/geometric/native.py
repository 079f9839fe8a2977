"""Issue 31's native peers for the geometric algorithms, end to end from CSV as their users run them.

usage: native.py TASK TRAIN_CSV QUERY_CSV OUT k threads
  knn-flat / knn-ivfflat / knn-ivfpq (faiss 1.7.3): TRAIN_CSV has the label first, QUERY_CSV none; the k nearest
      neighbours' majority label of each query is written to OUT, one per line (SageMaker's classifier answer).
      IVF: nlist = round(sqrt(rows)) and nprobe = max(8, ceil(nlist / 32)), sagemill's defaults; IVFPQ: 16
      sub-quantizers of 8 bits.
  kmeans (scikit-learn 1.2 KMeans, n_init=1, k-means++) and pca (PCA, svd_solver="randomized", k components):
      TRAIN_CSV has no label; QUERY_CSV and OUT are ignored ("-").
Prints "quality" on stdout: the mean squared distance (kmeans), the explained variance ratio of the k components
(pca), nothing (knn). The caller times the process.
"""
import sys

import numpy as np
import pandas as pd
from threadpoolctl import threadpool_limits

task, train, query, out, k, threads = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]), \
    int(sys.argv[6])

X = pd.read_csv(train, header=None, dtype=np.float32, engine="c").to_numpy()
if task.startswith("knn"):
    import faiss
    faiss.omp_set_num_threads(threads)
    y, X = X[:, 0].astype(np.int64), np.ascontiguousarray(X[:, 1:])
    Q = np.ascontiguousarray(pd.read_csv(query, header=None, dtype=np.float32, engine="c").to_numpy())
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
    _, ids = index.search(Q, k)
    votes = y[ids]
    pred = np.array([np.bincount(v).argmax() for v in votes])
    np.savetxt(out, pred, fmt="%d")
    print("")
elif task == "kmeans":
    from sklearn.cluster import KMeans
    with threadpool_limits(threads):
        km = KMeans(n_clusters=k, n_init=1, random_state=0).fit(X)
    print(km.inertia_ / X.shape[0])
elif task == "pca":
    from sklearn.decomposition import PCA
    with threadpool_limits(threads):
        pca = PCA(n_components=k, svd_solver="randomized", random_state=0).fit(X)
    print(float(pca.explained_variance_ratio_.sum()))
else:
    raise SystemExit("unknown task " + task)
