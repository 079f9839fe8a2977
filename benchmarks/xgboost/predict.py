"""Debian's XGBoost 1.7.4 predicting with a model sagemill wrote, for PredictVsNativeXGBoost:
predict.py MODEL.json ROWS.f32 N D OUT.f32. Loads the rows (raw little-endian float32, N x D), predicts with 2 threads,
best of 5 runs of the faster of inplace_predict and DMatrix + predict; prints the best seconds and writes the
predictions of the last run as float32."""
import sys
import time

import numpy as np
import xgboost as xgb

model, rows, n, d, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
x = np.fromfile(rows, dtype="<f4").reshape(n, d)
booster = xgb.Booster(model_file=model)
booster.set_param({"nthread": 2})
best = float("inf")
pred = None
for _ in range(5):
    t0 = time.perf_counter()
    pred = booster.inplace_predict(x)
    best = min(best, time.perf_counter() - t0)
    t0 = time.perf_counter()
    pred = booster.predict(xgb.DMatrix(x, nthread=2))
    best = min(best, time.perf_counter() - t0)
np.asarray(pred, dtype="<f4").tofile(out)
print(f"{best:.6f}")
