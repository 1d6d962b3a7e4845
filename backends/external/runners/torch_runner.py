#!/usr/bin/env python3
"""joulebench's PyTorch runner: every catalogue kernel on any torch device (cuda, mps, xpu, cpu) (PROTOCOL.md).

Usage: joulebench run --backend external --runner 'python3 backends/external/runners/torch_runner.py [--devices cuda,cpu]'
One device synchronisation per `run n` (torch.cuda.synchronize and the like). TF32 and reduced-precision
reductions are switched off: the catalogue's fp32 tolerances fail them on purpose. fp16/bf16 GEMM multiplies in
the input type with fp32 output where torch offers it (torch.mm out_dtype), else widens to fp32.
"""
import argparse
import os
import platform
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

import jb_runner  # noqa: E402
from jb_runner import Prepared, Refused, unpack_int4  # noqa: E402

torch.backends.cuda.matmul.allow_tf32 = False
torch.backends.cudnn.allow_tf32 = False
torch.backends.cuda.matmul.allow_fp16_reduced_precision_reduction = False
torch.backends.cuda.matmul.allow_bf16_reduced_precision_reduction = False
torch.set_float32_matmul_precision("highest")

SUPPORTED = ["gemm/fp32", "gemm/fp16", "gemm/bf16", "gemm/int8", "gemv/fp32", "qgemv/int8", "qgemv/int4",
             "conv2d/fp32", "attention/fp32", "attention-causal/fp32", "softmax/fp32", "layernorm/fp32",
             "rmsnorm/fp32", "gelu/fp32", "silu/fp32", "triad/fp32", "noop/fp32"]


def synchronizer(dev):
    if dev.type == "cuda":
        return lambda: torch.cuda.synchronize(dev)
    if dev.type == "mps":
        return torch.mps.synchronize
    if dev.type == "xpu":
        return lambda: torch.xpu.synchronize(dev)
    return lambda: None


def list_devices(wanted):
    """(joulebench device dict, torch.device) pairs; cheap: no allocation on any device."""
    out = []
    if "cuda" in wanted and torch.cuda.is_available():
        for i in range(torch.cuda.device_count()):
            p = torch.cuda.get_device_properties(i)
            uuid = str(getattr(p, "uuid", "") or "")
            bus = "%04x:%02x:%02x.0" % (getattr(p, "pci_domain_id", 0), getattr(p, "pci_bus_id", 0),
                                       getattr(p, "pci_device_id", 0)) if hasattr(p, "pci_bus_id") else None
            hw = bus or ("GPU-" + uuid if uuid and not uuid.startswith("GPU-") else uuid)
            props = {"memoryBytes": str(p.total_memory), "computeCapability": "%d.%d" % (p.major, p.minor)}
            if bus:
                props["pciBusId"] = bus
            if uuid:
                props["uuid"] = uuid
            out.append(({"id": "cuda%d" % i, "kind": "GPU", "name": p.name, "hardwareId": hw,
                         "driver": torch.version.cuda and "CUDA " + torch.version.cuda,
                         "runtime": "PyTorch " + torch.__version__, "properties": props},
                        torch.device("cuda", i)))
    if "mps" in wanted and getattr(torch.backends, "mps", None) and torch.backends.mps.is_available():
        out.append(({"id": "mps0", "kind": "GPU", "name": "Apple " + platform.machine() + " GPU",
                     "hardwareId": "apple-soc:0", "driver": None, "runtime": "PyTorch " + torch.__version__,
                     "properties": {}}, torch.device("mps")))
    if "xpu" in wanted and hasattr(torch, "xpu") and torch.xpu.is_available():
        for i in range(torch.xpu.device_count()):
            p = torch.xpu.get_device_properties(i)
            uuid = str(getattr(p, "uuid", "") or "xpu-%d" % i)
            out.append(({"id": "xpu%d" % i, "kind": "GPU", "name": p.name, "hardwareId": uuid, "driver": None,
                         "runtime": "PyTorch " + torch.__version__, "properties": {}}, torch.device("xpu", i)))
    if "cpu" in wanted:
        out.append(({"id": "cpu0", "kind": "CPU", "name": jb_runner.cpu_model(), "hardwareId": "cpu-socket:0",
                     "driver": None, "runtime": "PyTorch " + torch.__version__,
                     "properties": {"threads": str(torch.get_num_threads())}}, torch.device("cpu")))
    return out


class Fn(Prepared):
    def __init__(self, out, fn, sync, weights_prepared=False):
        self.out, self.fn, self.sync, self.weights_prepared = out, fn, sync, weights_prepared

    def run(self, n):
        fn = self.fn
        for _ in range(n):
            fn()
        self.sync()

    def output(self):
        self.sync()
        return self.out.cpu().numpy()


def tensor(a, dev, dtype):
    """A numpy input as a torch tensor on the device: bf16 bits reinterpreted, halves kept as halves."""
    if dtype == "bf16":
        return torch.from_numpy(a.view(np.int16)).view(torch.bfloat16).to(dev)
    return torch.from_numpy(np.ascontiguousarray(a)).to(dev)


def gemm(d, A, B, dev, sync):
    M, N = A.shape[0], B.shape[1]
    if d == "int8":
        C = torch.zeros((M, N), dtype=torch.int32, device=dev)
        if dev.type == "cpu":
            B32 = B.to(torch.int32)
            return Fn(C, lambda: torch.matmul(A.to(torch.int32), B32, out=C), sync, True)
        # GPUs have no int32 matmul in torch; int8 products summed in fp64 are exact (|sum| < 2^53)
        B64 = B.to(torch.float64)
        return Fn(C, lambda: C.copy_(torch.matmul(A.to(torch.float64), B64)), sync, True)
    C = torch.zeros((M, N), dtype=torch.float32, device=dev)
    if d == "fp32":
        return Fn(C, lambda: torch.matmul(A, B, out=C), sync)
    if dev.type != "cpu":
        try:
            torch.mm(A[:1, :1], B[:1, :1], out_dtype=torch.float32)  # fp32 output from half inputs, if offered
            return Fn(C, lambda: C.copy_(torch.mm(A, B, out_dtype=torch.float32)), sync)
        except (TypeError, RuntimeError):
            pass
    Bf = B.float()  # weights widened once (exact); products stay exact in fp32
    return Fn(C, lambda: torch.matmul(A.float(), Bf, out=C), sync, True)


class TorchRuntime(jb_runner.Runtime):
    name = "torch-runner"
    version = "1.0.0"

    def __init__(self, wanted):
        self.devs = list_devices(wanted)

    def devices(self):
        cpu_blas = "MKL" if torch.backends.mkl.is_available() else "OpenBLAS/eigen"
        out = []
        for d, dev in self.devs:
            lib = {"cuda": "cuBLAS/cuDNN", "mps": "Metal Performance Shaders", "xpu": "oneDNN/oneMKL"}.get(
                dev.type, cpu_blas + "/oneDNN")
            out.append(dict(d, implementations=[{
                "id": "torch", "kind": "VENDOR_LIBRARY", "version": torch.__version__,
                "description": "PyTorch %s on %s (%s)" % (torch.__version__, dev.type, lib),
                "supported": SUPPORTED, "unavailable": None}]))
        return out

    def prepare(self, req, a):
        match = [dev for d, dev in self.devs if d["id"] == req["device"]]
        if not match or req["implementation"] != "torch":
            raise Refused("torch-runner has no device %s / implementation %s" % (req["device"], req["implementation"]))
        dev = match[0]
        sync = synchronizer(dev)
        kernel, dt, dims, sc = req["kernel"], req["dtype"], req["dims"], req["scalars"]
        if kernel + "/" + dt not in SUPPORTED:
            raise Refused("torch-runner does not implement %s/%s" % (kernel, dt))
        if kernel == "qgemv":
            K, G = dims["K"], dims["G"]
            W = a["W"] if dt == "int8" else unpack_int4(a["W"], K)
            W = torch.from_numpy(np.ascontiguousarray(W)).to(dev)  # int4 unpacked to int8 once
            S = torch.from_numpy(np.repeat(a["scales"], G, axis=1)[:, :K].copy()).to(dev)
            x = torch.from_numpy(a["x"]).to(dev)
            y = torch.zeros(dims["M"], dtype=torch.float32, device=dev)
            p = Fn(y, lambda: torch.mv(W.float().mul_(S), x, out=y), sync, True)
        else:
            t = {n: tensor(v, dev, dt if v.dtype.kind in "uf" and v.dtype.itemsize == 2 else "") for n, v in a.items()}
            if kernel == "gemm":
                p = gemm(dt, t["A"], t["B"], dev, sync)
            elif kernel == "gemv":
                y = torch.zeros(dims["M"], dtype=torch.float32, device=dev)
                p = Fn(y, lambda: torch.mv(t["A"], t["x"], out=y), sync)
            elif kernel == "conv2d":
                st, pad = dims["STRIDE"], dims["PAD"]
                P = (dims["H"] + 2 * pad - dims["R"]) // st + 1
                Q = (dims["W"] + 2 * pad - dims["S"]) // st + 1
                out = torch.zeros((dims["N"], dims["K"], P, Q), dtype=torch.float32, device=dev)
                p = Fn(out, lambda: out.copy_(F.conv2d(t["input"], t["weight"], stride=st, padding=pad)), sync)
            elif kernel in ("attention", "attention-causal"):
                O = torch.zeros_like(t["Q"])
                causal = kernel == "attention-causal"
                p = Fn(O, lambda: O.copy_(F.scaled_dot_product_attention(
                    t["Q"], t["K"], t["V"], is_causal=causal, scale=sc["scale"])), sync)
            elif kernel == "softmax":
                Y = torch.zeros_like(t["X"])
                p = Fn(Y, lambda: Y.copy_(torch.softmax(t["X"], 1)), sync)
            elif kernel == "layernorm":
                Y = torch.zeros_like(t["X"])
                C = dims["C"]
                p = Fn(Y, lambda: Y.copy_(F.layer_norm(t["X"], (C,), t["gamma"], t["beta"], sc["eps"])), sync)
            elif kernel == "rmsnorm":
                Y = torch.zeros_like(t["X"])
                C = dims["C"]
                p = Fn(Y, lambda: Y.copy_(F.rms_norm(t["X"], (C,), t["gamma"], sc["eps"])), sync)
            elif kernel == "gelu":
                Y = torch.zeros_like(t["X"])
                p = Fn(Y, lambda: Y.copy_(F.gelu(t["X"], approximate="tanh")), sync)
            elif kernel == "silu":
                Y = torch.zeros_like(t["X"])
                p = Fn(Y, lambda: Y.copy_(F.silu(t["X"])), sync)
            elif kernel == "triad":
                A_ = torch.zeros_like(t["b"])
                p = Fn(A_, lambda: torch.add(t["b"], t["c"], alpha=sc["alpha"], out=A_), sync)
            else:  # noop
                p = Fn(t["X"], lambda: None, sync)
        sync()
        return p


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--devices", default="cuda,mps,xpu,cpu",
                    help="device types to offer, comma-separated (default: every available one, and the CPU)")
    jb_runner.serve(TorchRuntime(set(ap.parse_args().devices.split(","))))
