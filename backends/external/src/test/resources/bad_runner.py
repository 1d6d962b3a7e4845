#!/usr/bin/env python3
"""A runner that misbehaves in one way, named by its argument, for the external backend's failure tests.
Everything else is the NumPy runner."""
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "runners"))
import numpy as np  # noqa: E402

import jb_runner  # noqa: E402
import numpy_runner  # noqa: E402

MODE = sys.argv[1]
real_out = sys.stdout.buffer


class Bad(numpy_runner.NumpyRuntime):
    def devices(self):
        if MODE == "spawn-child":
            # a child in the runner's process group, and one that leaves it (setsid): both must be ended
            subprocess.Popen(["sleep", "1000"])
            subprocess.Popen(["setsid", "sleep", "1001"])
        return super().devices()

    def prepare(self, req, a):
        if MODE == "refuse":
            raise jb_runner.Refused("this chip has no " + req["kernel"])
        p = super().prepare(req, a)
        inner_run, inner_output = p.run, p.output

        def run(n):
            if MODE == "hang-run":
                time.sleep(1000)
            if MODE == "exit-mid-batch" or (MODE == "exit-mid-batch-gemv" and req["kernel"] == "gemv"):
                sys.stderr.write("device lost\x1b[31m in batch\n")
                sys.stderr.flush()
                os._exit(3)
            if MODE == "huge-line":
                real_out.write(b'{"op":"done","pad":"' + b"x" * (100 << 20) + b'"}\n')
                real_out.flush()
                time.sleep(1000)
            if MODE == "garbage":
                real_out.write(b"this is not json\n")
                real_out.flush()
                time.sleep(1000)
            inner_run(n)

        def output():
            out = inner_output()
            if MODE == "wrong-shape":
                return out[..., :-1]
            if MODE == "wrong-dtype":
                return out.astype(np.float64)
            if MODE == "nan":
                bad = out.copy()
                bad.flat[len(bad.flat) // 2] = np.nan
                return bad
            return out

        p.run, p.output = run, output
        return p


if MODE == "protocol2":
    jb_runner.PROTOCOL = 2
if MODE == "truncated":
    orig = jb_runner._save

    def save(path, array):
        orig(path, array)
        size = os.path.getsize(path)
        with open(path, "r+b") as f:
            f.truncate(size - 8)
    jb_runner._save = save
if MODE == "ignore-close":
    import signal
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    orig_serve = jb_runner.serve

    def serve(rt):
        orig_serve(rt)
        time.sleep(1000)  # neither close nor end of stdin ends it
    jb_runner.serve = serve

jb_runner.serve(Bad())
