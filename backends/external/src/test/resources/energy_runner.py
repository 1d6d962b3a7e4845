#!/usr/bin/env python3
"""The NumPy runner with an energy reading of its own, for the tests of runner-reported energy: a stand-in for a
chip's counter (absent here), reporting WATTS times its own clock for each run n, with the method and scope given
as arguments (e.g. `energy_runner.py COUNTER DEVICE`). Never a measurement."""
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "runners"))
import jb_runner  # noqa: E402
import numpy_runner  # noqa: E402

METHOD, SCOPE = sys.argv[1], sys.argv[2]
WATTS = 25.0


class WithEnergy(numpy_runner.NumpyRuntime):
    name = "energy-test-runner"
    version = "0.1"

    def prepare(self, req, a):
        p = super().prepare(req, a)
        inner_run = p.run
        last = {"seconds": 0.0}

        def run(n):
            t0 = time.perf_counter()
            inner_run(n)
            last["seconds"] = time.perf_counter() - t0

        p.run = run
        p.energy = lambda: {"joules": WATTS * last["seconds"], "method": METHOD,
                            "source": "stand-in counter (%g W x the runner's clock)" % WATTS, "scope": SCOPE}
        return p


if __name__ == "__main__":
    jb_runner.serve(WithEnergy())
