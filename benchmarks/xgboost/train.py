"""Debian's XGBoost 1.7.4 training on rows sagemill's TrainVsNativeXGBoost wrote, for issue 31:
train.py ROWS.f32 LABELS.f32 N D ROUNDS DEPTH METRIC THREADS REPEATS. Reads the first N rows (raw little-endian float32,
D columns), then REPEATS times: builds the DMatrix (hist's quantile cuts are made in the first round's setup, so they
are inside "train") and trains binary:logistic, tree_method hist, eta 0.1, max_bin 256, evaluating METRIC (none,
logloss or auc) on the training rows every round as SageMaker's container does with train in its watchlist. Prints
one line per repeat: dmatrix seconds, train seconds."""
import sys
import time

import numpy as np
import xgboost as xgb

rows, labels = sys.argv[1], sys.argv[2]
n, d, rounds, depth = int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
metric, threads, repeats = sys.argv[7], int(sys.argv[8]), int(sys.argv[9])
x = np.fromfile(rows, dtype="<f4", count=n * d).reshape(n, d)
y = np.fromfile(labels, dtype="<f4", count=n)
params = {"objective": "binary:logistic", "tree_method": "hist", "eta": 0.1, "max_depth": depth, "max_bin": 256,
          "nthread": threads, "seed": 0}
if metric != "none":
    params["eval_metric"] = metric
for _ in range(repeats):
    t0 = time.perf_counter()
    dm = xgb.DMatrix(x, label=y, nthread=threads)
    t1 = time.perf_counter()
    evals = [(dm, "train")] if metric != "none" else []
    xgb.train(params, dm, rounds, evals=evals, verbose_eval=False)
    t2 = time.perf_counter()
    print(f"{t1 - t0:.4f} {t2 - t1:.4f}", flush=True)
