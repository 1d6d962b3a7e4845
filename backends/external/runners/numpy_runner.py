#!/usr/bin/env python3
"""joulebench's NumPy reference runner: every catalogue kernel on the CPU with NumPy (PROTOCOL.md).

Usage: joulebench run --backend external --runner 'python3 backends/external/runners/numpy_runner.py'
Computes in fp32 (int32 for int8 gemm) into one output buffer; weights are laid out once at prepare (fp16/bf16
gemm weights widened to fp32, int4 unpacked, qgemv scales expanded), untimed, and the reply says so.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import numpy as np  # noqa: E402

import jb_runner  # noqa: E402
from jb_runner import Prepared, Refused, bf16_to_f32, unpack_int4  # noqa: E402

F32 = np.float32

SUPPORTED = ["gemm/fp32", "gemm/fp16", "gemm/bf16", "gemm/int8", "gemv/fp32", "qgemv/int8", "qgemv/int4",
             "conv2d/fp32", "attention/fp32", "attention-causal/fp32", "softmax/fp32", "layernorm/fp32",
             "rmsnorm/fp32", "gelu/fp32", "silu/fp32", "triad/fp32", "noop/fp32"]


def blas_name():
    try:
        cfg = np.show_config(mode="dicts")
        blas = cfg["Build Dependencies"]["blas"]
        return "%s %s" % (blas.get("name"), blas.get("version"))
    except Exception:
        return "unknown BLAS"


class Fn(Prepared):
    """A kernel as a function that writes the output buffer."""

    def __init__(self, out, fn, weights_prepared=False):
        self.out = out
        self.fn = fn
        self.weights_prepared = weights_prepared

    def run(self, n):
        fn = self.fn
        for _ in range(n):
            fn()

    def output(self):
        return self.out


def widen(a, dtype):
    """An fp16/bf16/int8 activation as the compute type, done every run (it is part of the kernel's work)."""
    if dtype == "fp16":
        return a.astype(F32)
    if dtype == "bf16":
        return bf16_to_f32(a)
    return a


def gemm(req, a, dims):
    d = req["dtype"]
    A, B = a["A"], a["B"]
    M, N = dims["M"], dims["N"]
    if d == "int8":
        C = np.zeros((M, N), dtype=np.int32)
        B32 = B.astype(np.int32)  # weights laid out once (int32 for numpy's exact integer matmul)
        return Fn(C, lambda: np.matmul(A.astype(np.int32), B32, out=C), True)
    C = np.zeros((M, N), dtype=F32)
    if d == "fp32":
        return Fn(C, lambda: np.matmul(A, B, out=C))
    Bf = widen(B, d)  # weights widened to fp32 once: exact, products stay exact in fp32
    return Fn(C, lambda: np.matmul(widen(A, d), Bf, out=C), True)


def qgemv(req, a, dims):
    M, K, G = dims["M"], dims["K"], dims["G"]
    W = a["W"] if req["dtype"] == "int8" else unpack_int4(a["W"], K)
    S = np.repeat(a["scales"], G, axis=1)[:, :K].astype(F32)  # one scale per column, laid out once
    W = np.ascontiguousarray(W)
    x = a["x"]
    y = np.zeros(M, dtype=F32)
    tmp = np.empty((M, K), dtype=F32)

    def fn():
        np.multiply(W, S, out=tmp, casting="unsafe")  # dequantise (part of the kernel's work)
        np.matmul(tmp, x, out=y)

    return Fn(y, fn, True)


def conv2d(req, a, dims):
    x, w = a["input"], a["weight"]
    N, C, H, W_ = dims["N"], dims["C"], dims["H"], dims["W"]
    K, R, S, st, pad = dims["K"], dims["R"], dims["S"], dims["STRIDE"], dims["PAD"]
    P, Q = (H + 2 * pad - R) // st + 1, (W_ + 2 * pad - S) // st + 1
    wm = np.ascontiguousarray(w.reshape(K, C * R * S).T)  # filters as a [CRS, K] matrix, laid out once
    out = np.zeros((N, K, P, Q), dtype=F32)

    def fn():
        xp = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad))) if pad else x
        win = np.lib.stride_tricks.sliding_window_view(xp, (R, S), axis=(2, 3))[:, :, ::st, ::st][:, :, :P, :Q]
        cols = win.transpose(0, 2, 3, 1, 4, 5).reshape(N * P * Q, C * R * S)
        out[...] = (cols @ wm).reshape(N, P, Q, K).transpose(0, 3, 1, 2)

    return Fn(out, fn, True)


def attention(req, a, dims, causal):
    Qm, Km, V = a["Q"], a["K"], a["V"]
    L = dims["L"]
    scale = F32(req["scalars"]["scale"])
    out = np.zeros(Qm.shape, dtype=F32)
    mask = np.triu(np.ones((L, L), dtype=bool), 1) if causal else None

    def fn():
        s = np.matmul(Qm, Km.swapaxes(-1, -2))
        s *= scale
        if causal:
            s[..., mask] = -np.inf
        s -= s.max(axis=-1, keepdims=True)
        np.exp(s, out=s)
        s /= s.sum(axis=-1, keepdims=True)
        np.matmul(s, V, out=out)

    return Fn(out, fn)


def rowwise(kernel, req, a, dims):
    X = a["X"]
    Y = np.zeros(X.shape, dtype=F32)
    if kernel == "softmax":
        def fn():
            np.subtract(X, X.max(axis=1, keepdims=True), out=Y)
            np.exp(Y, out=Y)
            np.divide(Y, Y.sum(axis=1, keepdims=True), out=Y)
    elif kernel == "layernorm":
        g, b, eps = a["gamma"], a["beta"], F32(req["scalars"]["eps"])

        def fn():
            mean = X.mean(axis=1, keepdims=True)
            np.subtract(X, mean, out=Y)
            var = np.mean(Y * Y, axis=1, keepdims=True)
            np.multiply(Y, 1 / np.sqrt(var + eps), out=Y)
            np.multiply(Y, g, out=Y)
            np.add(Y, b, out=Y)
    else:  # rmsnorm
        g, eps = a["gamma"], F32(req["scalars"]["eps"])

        def fn():
            ms = np.mean(X * X, axis=1, keepdims=True)
            np.multiply(X, 1 / np.sqrt(ms + eps), out=Y)
            np.multiply(Y, g, out=Y)
    return Fn(Y, fn)


def elementwise(kernel, req, a, dims):
    if kernel == "triad":
        b, c = a["b"], a["c"]
        alpha = F32(req["scalars"]["alpha"])
        out = np.zeros(b.shape, dtype=F32)

        def fn():
            np.multiply(c, alpha, out=out)
            np.add(out, b, out=out)
        return Fn(out, fn)
    X = a["X"]
    if kernel == "noop":
        return Fn(X, lambda: None)
    Y = np.zeros(X.shape, dtype=F32)
    if kernel == "gelu":
        k0, k1 = F32(np.sqrt(2 / np.pi)), F32(0.044715)

        def fn():
            np.multiply(X, X, out=Y)
            np.multiply(Y, X, out=Y)
            np.multiply(Y, k1, out=Y)
            np.add(Y, X, out=Y)
            np.multiply(Y, k0, out=Y)
            np.tanh(Y, out=Y)
            np.add(Y, 1, out=Y)
            np.multiply(Y, X, out=Y)
            np.multiply(Y, F32(0.5), out=Y)
    else:  # silu
        def fn():
            np.negative(X, out=Y)
            np.exp(Y, out=Y)
            np.add(Y, 1, out=Y)
            np.divide(X, Y, out=Y)
    return Fn(Y, fn)


class NumpyRuntime(jb_runner.Runtime):
    name = "numpy-runner"
    version = "1.0.0"

    def devices(self):
        return [{
            "id": "cpu0", "kind": "CPU", "name": jb_runner.cpu_model(), "hardwareId": "cpu-socket:0",
            "driver": None, "runtime": "NumPy " + np.__version__,
            "properties": {"logicalCpus": str(os.cpu_count()), "python": sys.version.split()[0]},
            "implementations": [{
                "id": "numpy", "kind": "PORTABLE", "version": np.__version__,
                "description": "NumPy %s (%s)" % (np.__version__, blas_name()),
                "supported": SUPPORTED, "unavailable": None}]}]

    def prepare(self, req, a):
        kernel, dtype, dims = req["kernel"], req["dtype"], req["dims"]
        if req["device"] != "cpu0" or req["implementation"] != "numpy":
            raise Refused("numpy-runner has device cpu0 and implementation numpy only")
        if kernel + "/" + dtype not in SUPPORTED:
            raise Refused("numpy-runner does not implement %s/%s" % (kernel, dtype))
        if kernel == "gemm":
            return gemm(req, a, dims)
        if kernel == "gemv":
            y = np.zeros(dims["M"], dtype=F32)
            A, x = a["A"], a["x"]
            return Fn(y, lambda: np.matmul(A, x, out=y))
        if kernel == "qgemv":
            return qgemv(req, a, dims)
        if kernel == "conv2d":
            return conv2d(req, a, dims)
        if kernel in ("attention", "attention-causal"):
            return attention(req, a, dims, kernel == "attention-causal")
        if kernel in ("softmax", "layernorm", "rmsnorm"):
            return rowwise(kernel, req, a, dims)
        return elementwise(kernel, req, a, dims)


if __name__ == "__main__":
    jb_runner.serve(NumpyRuntime())
