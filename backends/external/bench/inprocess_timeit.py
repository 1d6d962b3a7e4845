#!/usr/bin/env python3
"""NumPy timed in-process with timeit: the same kernel function the NumPy runner runs, on inputs of the same shape,
with no protocol around it. Prints seconds per invocation (the fastest of the repeats).

Usage: inprocess_timeit.py KERNEL DTYPE DIMS_JSON SCALARS_JSON NUMBER REPEATS
"""
import json
import os
import sys
import timeit

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "runners"))
import numpy as np  # noqa: E402

import numpy_runner  # noqa: E402

kernel, dtype, dims, scalars = sys.argv[1], sys.argv[2], json.loads(sys.argv[3]), json.loads(sys.argv[4])
number, repeats = int(sys.argv[5]), int(sys.argv[6])
rng = np.random.default_rng(1)
shapes = {
    "gemm": {"A": (dims.get("M"), dims.get("K")), "B": (dims.get("K"), dims.get("N"))},
    "softmax": {"X": (dims.get("R"), dims.get("C"))},
    "triad": {"b": (dims.get("N"),), "c": (dims.get("N"),)},
    "noop": {"X": (dims.get("N"),)},
}[kernel]
arrays = {n: rng.uniform(-1, 1, s).astype(np.float32) for n, s in shapes.items()}
req = {"kernel": kernel, "dtype": dtype, "dims": dims, "scalars": scalars, "device": "cpu0",
       "implementation": "numpy"}
p = numpy_runner.NumpyRuntime().prepare(req, arrays)
fn = p.fn
fn()
best = min(timeit.repeat(fn, number=number, repeat=repeats)) / number
print(repr(best))
