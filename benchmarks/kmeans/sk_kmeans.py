"""scikit-learn's KMeans(n_init=10) on a training CSV; prints the mean squared distance of the training rows and
of the held-out rows to their nearest center. Run by KMeansVsScikitLearn: sk_kmeans.py TRAIN.csv TEST.csv K SEED"""
import sys

import numpy as np
from sklearn.cluster import KMeans

train = np.loadtxt(sys.argv[1], delimiter=",", ndmin=2)
test = np.loadtxt(sys.argv[2], delimiter=",", ndmin=2)
km = KMeans(n_clusters=int(sys.argv[3]), n_init=10, random_state=int(sys.argv[4])).fit(train)


def msd(x):
    d = ((x[:, None, :] - km.cluster_centers_[None, :, :]) ** 2).sum(axis=2)
    return d.min(axis=1).mean()


print(f"{msd(train):.10g} {msd(test):.10g}")
