"""The joulebench runner protocol, version 1 (backends/external/PROTOCOL.md), as a small Python library.

A runner supplies a `Runtime`: what it is called, its devices and implementations, and `prepare(request, arrays)`
returning a `Prepared` (run n times, hand back the output). `serve(runtime)` speaks the protocol over
stdin/stdout. Only the standard library and NumPy (for .npy files) are used here.
"""
import json
import os
import sys
import time
import traceback

import numpy as np

PROTOCOL = 1


class Refused(Exception):
    """Raised by Runtime.prepare for a kernel it will not run; the reason goes back in `refused`."""


class Prepared:
    """A kernel with its inputs loaded. run(n) runs it n times and synchronises once; output() returns a NumPy
    array (on the host) of the prepare request's output descr and shape."""

    weights_prepared = False

    def run(self, n):
        raise NotImplementedError

    def output(self):
        raise NotImplementedError

    def energy(self):
        """Optional: the runner's own energy reading for the last run(n), a dict with joules, method, source,
        scope (PROTOCOL.md), or None."""
        return None

    def release(self):
        pass


class Runtime:
    name = "runner"
    version = "0"

    def devices(self):
        """The hello's devices list (dicts as PROTOCOL.md shows)."""
        raise NotImplementedError

    def prepare(self, request, arrays):
        """request: the prepare message; arrays: input name -> np.ndarray as read from its .npy file."""
        raise NotImplementedError


def bf16_to_f32(u2):
    """bf16 bit patterns (uint16) to float32: they are the upper halves of the fp32 patterns."""
    return (u2.astype(np.uint32) << 16).view(np.float32)


def unpack_int4(packed, k):
    """Rows packed two signed nibbles per byte, low nibble first (kernels/LAYOUTS.md) -> int8 [rows, k]."""
    lo = (packed & 0x0F).astype(np.int8)
    hi = (packed >> 4).astype(np.int8)
    both = np.empty(packed.shape[:-1] + (packed.shape[-1] * 2,), dtype=np.int8)
    both[..., 0::2] = lo
    both[..., 1::2] = hi
    both = (both ^ 8) - 8  # two's complement nibble -> int8
    return both[..., :k]


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    import platform
    return platform.processor() or platform.machine()


def _save(path, array):
    tmp = path + ".part"
    with open(tmp, "wb") as f:
        np.save(f, np.ascontiguousarray(array), allow_pickle=False)
    os.replace(tmp, path)


def serve(runtime):
    """Answers requests on stdin until close or end of file. stdout carries replies only: anything else a
    library prints goes to stderr."""
    out = sys.stdout.buffer
    sys.stdout = sys.stderr
    prepared = {}

    def reply(obj):
        out.write(json.dumps(obj, separators=(",", ":")).encode() + b"\n")
        out.flush()

    for raw in sys.stdin.buffer:
        try:
            req = json.loads(raw)
            op = req.get("op")
            if op == "hello":
                reply({"op": "hello", "protocol": PROTOCOL,
                       "runner": {"name": runtime.name, "version": runtime.version},
                       "devices": runtime.devices()})
            elif op == "prepare":
                h = req["handle"]
                arrays = {i["name"]: np.load(i["file"], allow_pickle=False) for i in req["inputs"]}
                try:
                    p = runtime.prepare(req, arrays)
                except Refused as e:
                    reply({"op": "refused", "handle": h, "reason": str(e)})
                    continue
                prepared[h] = p
                reply({"op": "ready", "handle": h, "weightsPrepared": bool(p.weights_prepared)})
            elif op == "run":
                h, n = req["handle"], req["n"]
                p = prepared[h]
                t0 = time.perf_counter()
                p.run(n)
                seconds = time.perf_counter() - t0
                done = {"op": "done", "handle": h, "n": n, "deviceSeconds": seconds}
                e = p.energy()
                if e is not None:
                    done["energy"] = e
                reply(done)
            elif op == "output":
                h = req["handle"]
                _save(req["file"], prepared[h].output())
                reply({"op": "written", "handle": h})
            elif op == "release":
                h = req["handle"]
                p = prepared.pop(h, None)
                if p is not None:
                    p.release()
                reply({"op": "released", "handle": h})
            elif op == "close":
                reply({"op": "bye"})
                return
            else:
                reply({"op": "error", "reason": "unknown op %r" % (op,)})
        except Exception as e:  # one line back to joulebench, the whole trace to stderr
            traceback.print_exc(file=sys.stderr)
            reply({"op": "error", "reason": "%s: %s" % (type(e).__name__, e)})
