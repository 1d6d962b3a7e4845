#!/usr/bin/env python3
"""A vendor runner skeleton: where your chip's calls go. Copy it, fill in the four TODOs, then run the conformance
kit over it (backends/external/README.md, "Bring your own chip" in docs/bring-your-own-chip.md).

joulebench hands the inputs over as NumPy arrays (read from .npy files), asks for `run(n)` (n invocations, ONE
device synchronisation at the end) and reads your output back through `output()` as a NumPy array. It checks the
output against its double-precision reference before it times anything, so a wrong kernel is a failed result,
never a fast one. Only what it supports is listed in SUPPORTED; everything else is refused by name.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import numpy as np  # noqa: E402

import jb_runner  # noqa: E402
from jb_runner import Prepared, Refused  # noqa: E402

SUPPORTED = ["gemm/fp32"]  # kernel/dtype pairs of kernels/LAYOUTS.md your chip runs


class VendorGemm(Prepared):
    def __init__(self, a, b):
        # TODO 1: allocate device buffers and copy the inputs in (untimed). B is the layer's weight: you may
        # lay it out in your own format here, once; then set self.weights_prepared = True.
        self.a, self.b = a, b
        self.c = np.zeros((a.shape[0], b.shape[1]), dtype=np.float32)

    def run(self, n):
        # TODO 2: queue n launches of your GEMM writing the same output buffer, then synchronise ONCE.
        for _ in range(n):
            np.matmul(self.a, self.b, out=self.c)  # stand-in: replace with your SDK's call

    def output(self):
        # TODO 3: copy the output back to the host as float32 [M, N] (untimed).
        return self.c

    def energy(self):
        # TODO 4 (optional): your chip's own energy counter for the last run(n), e.g.
        # {"joules": 1.84, "method": "COUNTER", "source": "npu-smi energy counter", "scope": "DEVICE"};
        # joulebench records it with your runner as source, at most tier B (tier A needs an external meter).
        return None

    def release(self):
        pass  # free device buffers


class VendorRuntime(jb_runner.Runtime):
    name = "my-npu-runner"
    version = "0.1.0"

    def devices(self):
        # Cheap: list devices without allocating on them. hardwareId must be stable (PCI bus id or UUID),
        # never an index: joulebench matches energy readings and `check` matches systems by it.
        return [{"id": "npu0", "kind": "ACCELERATOR", "name": "My NPU v1", "hardwareId": "0000:17:00.0",
                 "driver": "npu-driver 1.2.3", "runtime": "npu-sdk 4.5",
                 "implementations": [{"id": "npu-sdk", "kind": "VENDOR_LIBRARY", "version": "4.5",
                                      "description": "My NPU SDK 4.5 GEMM", "supported": SUPPORTED,
                                      "unavailable": None}]}]

    def prepare(self, req, arrays):
        if req["kernel"] + "/" + req["dtype"] not in SUPPORTED:
            raise Refused("my-npu-runner does not implement %s/%s" % (req["kernel"], req["dtype"]))
        return VendorGemm(arrays["A"], arrays["B"])


if __name__ == "__main__":
    jb_runner.serve(VendorRuntime())
