"""gensim's LdaModel and scikit-learn's LatentDirichletAllocation on the same documents as LdaVsPeers:
peers.py TRAIN.txt TEST.txt V K OUTDIR. Each file holds one document per line as space-separated word:count pairs
(0-based). Prints, per peer, its fit seconds and its own held-out per-word bound (nats: gensim's log_perplexity,
scikit-learn's score / words; both include their topic-word posterior's KL term), and writes its topics (K x V, rows
normalised) and document-topic prior alpha to OUTDIR/<peer>.topics / .alpha, so that LdaVsPeers scores every model
with the same inference."""
import sys
import time

import numpy as np
import scipy.sparse as sp


def read(path, v):
    rows, cols, vals = [], [], []
    docs = []
    for d, line in enumerate(open(path)):
        doc = []
        for pair in line.split():
            w, c = pair.split(":")
            rows.append(d)
            cols.append(int(w))
            vals.append(float(c))
            doc.append((int(w), int(float(c))))
        docs.append(doc)
    return sp.csr_matrix((vals, (rows, cols)), shape=(len(docs), v)), docs


train_path, test_path, v, k, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
xtr, dtr = read(train_path, v)
xte, dte = read(test_path, v)
words = xte.sum()

from sklearn.decomposition import LatentDirichletAllocation  # noqa: E402

t0 = time.perf_counter()
lda = LatentDirichletAllocation(n_components=k, learning_method="batch", max_iter=50, random_state=0, n_jobs=2)
lda.fit(xtr)
sk_time = time.perf_counter() - t0
print(f"sklearn {sk_time:.3f} {lda.score(xte) / words:.6f}")
topics = lda.components_ / lda.components_.sum(axis=1, keepdims=True)
np.savetxt(f"{out}/sklearn.topics", topics)
np.savetxt(f"{out}/sklearn.alpha", np.full(k, lda.doc_topic_prior_))

try:
    from gensim.models import LdaModel  # noqa: E402

    t0 = time.perf_counter()
    g = LdaModel(corpus=dtr, num_topics=k, id2word={i: str(i) for i in range(v)}, passes=10, iterations=100,
                 random_state=0, alpha="auto", eval_every=None)
    g_time = time.perf_counter() - t0
    print(f"gensim {g_time:.3f} {g.log_perplexity(dte):.6f}")
    np.savetxt(f"{out}/gensim.topics", g.get_topics())
    np.savetxt(f"{out}/gensim.alpha", np.asarray(g.alpha, dtype=float))
except ImportError:
    print("gensim missing nan")
