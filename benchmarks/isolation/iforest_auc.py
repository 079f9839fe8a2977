#!/usr/bin/python3
"""scikit-learn's IsolationForest on a prepared CSV (label first, 1 = anomaly, then the features): fit on all rows,
score the same rows, print {"auc": ..., "seconds": ...} as JSON. Used by AnomalyAucVsIsolationForest.

usage: iforest_auc.py DATA.csv TREES SAMPLES SEED
"""
import json
import sys
import time

import numpy as np
from sklearn.ensemble import IsolationForest
from sklearn.metrics import roc_auc_score


def main():
    data = np.loadtxt(sys.argv[1], delimiter=",", dtype=np.float64, ndmin=2)
    y, x = data[:, 0], data[:, 1:]
    start = time.perf_counter()
    model = IsolationForest(n_estimators=int(sys.argv[2]), max_samples=min(int(sys.argv[3]), len(x)),
                            random_state=int(sys.argv[4]), n_jobs=-1).fit(x)
    scores = -model.score_samples(x)
    seconds = time.perf_counter() - start
    print(json.dumps({"auc": roc_auc_score(y, scores), "seconds": seconds}))


if __name__ == "__main__":
    main()
