"""End to end with Debian's XGBoost 1.7.4, for TrainVsNativeXGBoost e2e=true: what a user would run instead of
`sagemill train`: train_csv.py TRAIN.csv MODEL.json ROUNDS DEPTH METRIC THREADS. Reads the CSV (label first, as
SageMaker's) with XGBoost's own reader, trains binary:logistic, hist, eta 0.1, max_bin 256 with METRIC on the
training rows each round (none for no metric), and saves the model. Timed from process start by the caller."""
import sys

import xgboost as xgb

csv, out, rounds, depth, metric, threads = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5], \
    int(sys.argv[6])
dm = xgb.DMatrix(f"{csv}?format=csv&label_column=0", nthread=threads)
params = {"objective": "binary:logistic", "tree_method": "hist", "eta": 0.1, "max_depth": depth, "max_bin": 256,
          "nthread": threads, "seed": 0}
if metric != "none":
    params["eval_metric"] = metric
xgb.train(params, dm, rounds, evals=[(dm, "train")] if metric != "none" else [], verbose_eval=False).save_model(out)
