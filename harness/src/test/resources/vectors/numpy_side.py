"""NumPy's side of the golden-vectors round trip: read the manifest and files, check their SHA-256, compute the
kernel's output from the inputs with NumPy and write it as OUTPUT.npy. Prints what it checked."""
import hashlib
import json
import os
import sys

import numpy as np

d, out, mode = sys.argv[1], sys.argv[2], sys.argv[3]
m = json.load(open(os.path.join(d, "manifest.json")))
arrays = {}
for i in m["inputs"]:
    path = os.path.join(d, i["file"])
    assert hashlib.sha256(open(path, "rb").read()).hexdigest() == i["sha256"], i["file"]
    a = np.load(path, allow_pickle=False)
    assert a.dtype.str == i["descr"].replace("|", "|"), (a.dtype.str, i["descr"])
    assert list(a.shape) == i["fileShape"], (a.shape, i["fileShape"])
    arrays[i["name"]] = a
ref = np.load(os.path.join(d, m["reference"]["file"]), allow_pickle=False)
assert ref.dtype == np.float64 and list(ref.shape) == m["output"]["dims"]

k, dt, dims = m["kernel"], m["dtype"], m["dims"]
if k == "gemm":
    A, B = arrays["A"], arrays["B"]
    if dt == "bf16":
        A = (A.astype(np.uint32) << 16).view(np.float32)
        B = (B.astype(np.uint32) << 16).view(np.float32)
    exact = A.astype(np.float64) @ B.astype(np.float64)
    y = (A.astype(np.float32) @ B.astype(np.float32)).astype(np.float32)
elif k == "qgemv":
    p = arrays["W"]
    lo = (p & 0x0F).astype(np.int8)
    hi = (p >> 4).astype(np.int8)
    W = np.empty((p.shape[0], p.shape[1] * 2), dtype=np.int8)
    W[:, 0::2], W[:, 1::2] = lo, hi
    W = ((W ^ 8) - 8)[:, :dims["K"]]
    S = np.repeat(arrays["scales"], dims["G"], axis=1)[:, :dims["K"]]
    exact = (W.astype(np.float64) * S.astype(np.float64)) @ arrays["x"].astype(np.float64)
    y = exact.astype(np.float32)
else:
    raise SystemExit("no NumPy side for " + k)
# joulebench's reference and NumPy's own double-precision result agree
assert np.allclose(ref, exact, rtol=1e-12, atol=1e-12), np.abs(ref - exact).max()
if mode == "nan":
    y.flat[0] = np.nan
elif mode == "wrong":
    y = y * np.float32(1.01)
np.save(out, y)
print("numpy side ok", k, dt, y.shape, y.dtype)
