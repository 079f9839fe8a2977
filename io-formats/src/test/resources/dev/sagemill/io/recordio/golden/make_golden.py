"""Regenerates the RecordIO-protobuf golden files the way SageMaker's Python SDK writes them.

The framing and record layout follow sagemaker-python-sdk src/sagemaker/amazon/common.py
(write_numpy_to_dense_tensor, write_spmatrix_to_sparse_tensor, _write_recordio, _resolve_type):
features and labels live under the key "values"; numpy int -> Int32Tensor, float64 -> Float64Tensor,
float32 -> Float32Tensor; sparse rows add "keys" (uint64 column indices) and "shape" [n_cols];
every record is magic 0xCED7230A, uint32 length, payload, zero padding to 4 bytes (native little-endian).

Run from this folder:
  protoc --python_out=. --proto_path=../../../../../../../main/proto record.proto
  python3 make_golden.py
Tools used for the checked-in files: python 3.11, numpy 2.4.6, scipy 1.17.1, protobuf 7.36.2, protoc 4.36.2.
"""
import json
import struct

import numpy as np
import scipy.sparse

from record_pb2 import Record

MAGIC = 0xCED7230A


def resolve_type(dtype):
    if dtype == np.dtype(int):
        return "int32_tensor"
    if dtype == np.dtype(float):
        return "float64_tensor"
    if dtype == np.dtype("float32"):
        return "float32_tensor"
    raise ValueError(dtype)


def write_recordio(f, data):
    f.write(struct.pack("I", MAGIC))
    f.write(struct.pack("I", len(data)))
    f.write(data)
    f.write(b"\x00" * ((((len(data) + 3) >> 2) << 2) - len(data)))


def dense(path, array, labels=None):
    ft = resolve_type(array.dtype)
    lt = resolve_type(labels.dtype) if labels is not None else None
    with open(path, "wb") as f:
        for i, row in enumerate(array):
            r = Record()
            getattr(r.features["values"], ft).values.extend(row)
            if labels is not None:
                getattr(r.label["values"], lt).values.extend([labels[i]])
            write_recordio(f, r.SerializeToString())


def sparse(path, matrix, labels=None):
    ft = resolve_type(matrix.dtype)
    lt = resolve_type(labels.dtype) if labels is not None else None
    csr = matrix.tocsr()
    n_rows, n_cols = csr.shape
    with open(path, "wb") as f:
        for i in range(n_rows):
            row = csr.getrow(i)
            r = Record()
            t = getattr(r.features["values"], ft)
            t.values.extend(row.data)
            t.keys.extend(row.indices.astype(np.uint64))
            if labels is not None:
                getattr(r.label["values"], lt).values.extend([labels[i]])
            t.shape.extend([n_cols])
            write_recordio(f, r.SerializeToString())


rng = np.random.default_rng(20261122)
expected = {}

x32 = rng.normal(size=(5, 4)).astype(np.float32)
y32 = np.array([0, 1, 1, 0, 1], dtype=np.float32)
dense("dense_float32.rec", x32, y32)
expected["dense_float32"] = {"features": x32.astype(float).tolist(), "labels": y32.astype(float).tolist()}

x64 = rng.normal(size=(4, 3))
y64 = rng.normal(size=4)
dense("dense_float64.rec", x64, y64)
expected["dense_float64"] = {"features": x64.tolist(), "labels": y64.tolist()}

xi = rng.integers(-1000, 1000, size=(3, 6))
yi = np.array([2, 0, 1])
dense("dense_int32.rec", xi, yi)
expected["dense_int32"] = {"features": xi.astype(float).tolist(), "labels": yi.astype(float).tolist()}

dense("dense_unlabelled.rec", x32)
expected["dense_unlabelled"] = {"features": x32.astype(float).tolist(), "labels": None}

sp = scipy.sparse.random(6, 12, density=0.3, format="csr", dtype=np.float32, random_state=7)
sp[2, :] = 0  # one all-zero row: keys and values empty, shape still [12]
sp.eliminate_zeros()
ys = np.arange(6, dtype=np.float32)
sparse("sparse_float32.rec", sp, ys)
expected["sparse_float32"] = {"features": sp.toarray().astype(float).tolist(), "labels": ys.astype(float).tolist()}

with open("expected.json", "w") as f:
    json.dump(expected, f, indent=1, sort_keys=True)
