"""scikit-learn's reference for Linear Learner (issue 32 item 1), run by LinearLearnerVsScikitLearn.

sk_linear.py TASK DIR FOLDS: TASK is binary, multiclass or regression. For each fold i, DIR/train{i}.csv and
DIR/test{i}.csv hold the label then the features; the features are standardised on the training rows
(StandardScaler) and LogisticRegression(C=1) (binary, multiclass: multinomial, lbfgs, max_iter 1000) or Ridge(alpha=1)
is fitted. Writes DIR/pred{i}.txt: one line per test row, P(class 1) (binary), every class probability (multiclass)
or the prediction (regression). Prints the total fit seconds (scaling included), then the total seconds of the
cross-validated equivalent of sagemill's default (LogisticRegressionCV / RidgeCV over the same eight regularisation
strengths, 5 folds), for timing only."""
import sys
import time

import numpy as np
from sklearn.linear_model import LogisticRegression, LogisticRegressionCV, Ridge, RidgeCV
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

task, folder, folds = sys.argv[1], sys.argv[2], int(sys.argv[3])
# sagemill's wd grid m/rows is C = 1/m (alpha = m)
MULTIPLIERS = [1, 0.1, 10, 0.3, 3, 0.03, 30, 0.01]
seconds = 0.0
cv_seconds = 0.0
for i in range(folds):
    train = np.loadtxt(f"{folder}/train{i}.csv", delimiter=",", ndmin=2)
    test = np.loadtxt(f"{folder}/test{i}.csv", delimiter=",", ndmin=2)
    y, x = train[:, 0], train[:, 1:]
    model = Ridge(alpha=1.0) if task == "regression" else LogisticRegression(C=1.0, max_iter=1000)
    pipe = make_pipeline(StandardScaler(), model)
    t0 = time.perf_counter()
    pipe.fit(x, y if task == "regression" else y.astype(int))
    seconds += time.perf_counter() - t0
    if task == "regression":
        out = pipe.predict(test[:, 1:])[:, None]
    else:
        out = pipe.predict_proba(test[:, 1:])
        if task == "binary":
            out = out[:, 1:]
    np.savetxt(f"{folder}/pred{i}.txt", out, fmt="%.10g")
    cv = RidgeCV(alphas=MULTIPLIERS, cv=5) if task == "regression" else LogisticRegressionCV(
        Cs=[1 / m for m in MULTIPLIERS], cv=5, max_iter=1000)
    t0 = time.perf_counter()
    make_pipeline(StandardScaler(), cv).fit(x, y if task == "regression" else y.astype(int))
    cv_seconds += time.perf_counter() - t0
print(f"{seconds:.6f} {cv_seconds:.6f}")
