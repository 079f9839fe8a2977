"""Seasonal naive and statsmodels' exponential smoothing on the splits the DeepArVsStatistical harness uses.

usage: /usr/bin/python3 benchmarks/deepar/statistical.py hourly|weekly|exchange DATA_DIR
Prints one JSON object: per method, sMAPE and MASE as the M4 competition computes them (averaged over forecasts),
and the seconds taken. Needs Debian's python3-statsmodels.
"""
import gzip
import json
import sys
import time
import warnings

import numpy as np
from statsmodels.tsa.holtwinters import ExponentialSmoothing

warnings.filterwarnings("ignore")


def read_m4(path):
    out = []
    with open(path) as f:
        next(f)
        for line in f:
            vals = [v.strip('"') for v in line.strip().split(",")[1:]]
            out.append(np.array([float(v) for v in vals if v != ""]))
    return out


def cases(kind, data):
    """(history, actual, period) triples, as the Java harness builds them."""
    if kind in ("hourly", "weekly"):
        name = "Hourly" if kind == "hourly" else "Weekly"
        train = read_m4(f"{data}/m4/{name}-train.csv")
        test = read_m4(f"{data}/m4/{name}-test.csv")
        period = 24 if kind == "hourly" else 1
        return [(h, a, period) for h, a in zip(train, test)]
    with gzip.open(f"{data}/exchange_rate/exchange_rate.txt.gz", "rt") as f:
        rows = np.array([[float(v) for v in line.split(",")] for line in f])
    n = rows.shape[0]
    out = []
    for origin in range(n - 150, n, 30):
        for c in range(rows.shape[1]):
            out.append((rows[:origin, c], rows[origin:origin + 30, c], 1))
    return out


def smape(a, f):
    d = np.abs(a) + np.abs(f)
    return 200 * np.mean(np.where(d == 0, 0, np.abs(a - f) / np.where(d == 0, 1, d)))


def mase(h, a, f, m):
    scale = np.mean(np.abs(h[m:] - h[:-m]))
    return np.mean(np.abs(a - f)) / scale


def seasonal_naive(h, horizon, m):
    return np.array([h[len(h) - m + (j % m)] for j in range(horizon)])


def ets(h, horizon, m):
    seasonal = "add" if m > 1 and len(h) >= 2 * m else None
    fit = ExponentialSmoothing(h, trend="add", damped_trend=True, seasonal=seasonal,
                               seasonal_periods=m if seasonal else None).fit()
    return fit.forecast(horizon)


def main():
    kind, data = sys.argv[1], sys.argv[2]
    result = {}
    cs = cases(kind, data)
    for name, method in (("seasonal naive", seasonal_naive), ("statsmodels ETS (damped trend)", ets)):
        t0 = time.time()
        s, q = [], []
        for h, a, m in cs:
            f = method(h, len(a), m)
            s.append(smape(a, f))
            q.append(mase(h, a, f, m))
        result[name] = {"sMAPE": float(np.mean(s)), "MASE": float(np.mean(q)), "seconds": time.time() - t0}
    print(json.dumps(result))


if __name__ == "__main__":
    main()
