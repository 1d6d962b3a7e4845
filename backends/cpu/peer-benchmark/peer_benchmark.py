#!/usr/bin/env python3
"""joulebench's CPU backend against ONNX Runtime on the catalogue's fp32 kernels (a benchmark, not a test).

One joulebench JVM (PeerBenchServer, kept warm) and ONNX Runtime sessions in this process, timed in
alternation on the same shapes: for each kernel and size, rounds of ORT sample, joulebench sample (and for
memory-bound kernels a copy-stream sample), each at least --sample-ms long, with a pause after each so
spinning worker threads go idle. Prints per kernel the median over rounds of joulebench / ORT (each ratio
from one round) with its min..max, and for memory-bound kernels joulebench / copy, plus the load average.

Run through run.sh, which makes the venv (onnxruntime 1.30.0, numpy, onnx, pinned in requirements.txt)
from the machine's pip index and builds the test classes.
"""
import argparse
import math
import os
import statistics
import subprocess
import sys
import time

import numpy as np
import onnx
import onnxruntime as ort
from onnx import TensorProto, helper

# the catalogue's fp32 kernels; BYTE-headline ones are also compared with the copy stream
KERNELS = ["gemm", "gemv", "conv2d", "attention", "attention-causal", "softmax", "layernorm", "rmsnorm",
           "gelu", "silu", "triad"]
MEMORY_BOUND = {"gemv", "softmax", "layernorm", "rmsnorm", "gelu", "silu", "triad"}
# kernels also compared with the weights pre-packed on both sides: ORT holding the weight as an initializer
# (it pre-packs MatMul's B and Conv's W at session creation, untimed), ours the java-prepacked implementation
WEIGHT_VARIANTS = {"gemm": "B", "conv2d": "W"}


def cpu_seconds_self():
    """This process's CPU time (all its threads: ORT's pool included), s."""
    t = os.times()
    return t.user + t.system


def cpu_seconds_of(pid):
    """A process's CPU time (all its threads) from /proc/<pid>/stat, s."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def load1():
    with open("/proc/loadavg") as f:
        return f.read().split()[0]


def loadavg():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


class Joulebench:
    """The Java side, over a pipe: one command per line, one answer per line."""

    def __init__(self, repo, threads):
        java = os.path.join(os.environ.get("JAVA_HOME", "/usr/lib/jvm/temurin-25-jdk-amd64"), "bin", "java")
        cp = ":".join(os.path.join(repo, p) for p in [
            "backends/cpu/target/test-classes", "backends/cpu/target/classes", "kernels/target/classes",
            "vocabulary/target/classes"])
        self.p = subprocess.Popen(
            [java, "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-Xmx6g",
             "-cp", cp, "org.joulebench.backend.cpu.PeerBenchServer", "--threads", str(threads)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, bufsize=1)

    def ask(self, line):
        self.p.stdin.write(line + "\n")
        self.p.stdin.flush()
        answer = self.p.stdout.readline().strip()
        if not answer or answer.startswith("error"):
            raise RuntimeError(f"joulebench: {line}: {answer or 'no answer (JVM ended)'}")
        return answer

    def dims(self, kernel, size):
        d = self.ask(f"shape {kernel} {size}").split(" ", 1)[1]
        return {k: int(v) for k, v in (p.split("=") for p in d.split(","))}

    def close(self):
        try:
            self.ask("quit")
        except Exception:
            pass
        self.p.wait(timeout=30)


def rand(rng, *shape):
    return rng.uniform(-1, 1, size=shape).astype(np.float32)


def tensor(name, shape):
    return helper.make_tensor_value_info(name, TensorProto.FLOAT, list(shape))


def graph(kernel, d, rng, weights_as_initializers):
    """The ONNX model for a catalogue kernel on dims d, its feeds, its output shape and what it is."""
    inits, feeds, opset, domain = [], {}, 13, []
    weights = {}
    out_shape = None

    def inp(name, arr, weight=False):
        if weight and weights_as_initializers:
            inits.append(onnx.numpy_helper.from_array(arr, name))
            weights[name] = arr
            return None
        feeds[name] = arr
        return tensor(name, arr.shape)

    if kernel == "gemm":
        ins = [inp("A", rand(rng, d["M"], d["K"])), inp("B", rand(rng, d["K"], d["N"]), True)]
        nodes = [helper.make_node("MatMul", ["A", "B"], ["Y"])]
        out_shape, what = (d["M"], d["N"]), "MatMul"
    elif kernel == "gemv":
        # x as a [K,1] matrix: ORT 1.30's MatMul with a 1-D second input runs ~10x slower (0.2 GB/s here)
        ins = [inp("A", rand(rng, d["M"], d["K"])), inp("x", rand(rng, d["K"], 1))]
        nodes = [helper.make_node("MatMul", ["A", "x"], ["Y"])]
        out_shape, what = (d["M"], 1), "MatMul A[M,K] x[K,1]"
    elif kernel == "conv2d":
        p = (d["H"] + 2 * d["PAD"] - d["R"]) // d["STRIDE"] + 1
        q = (d["W"] + 2 * d["PAD"] - d["S"]) // d["STRIDE"] + 1
        ins = [inp("X", rand(rng, d["N"], d["C"], d["H"], d["W"])),
               inp("W", rand(rng, d["K"], d["C"], d["R"], d["S"]), True)]
        nodes = [helper.make_node("Conv", ["X", "W"], ["Y"], strides=[d["STRIDE"]] * 2, pads=[d["PAD"]] * 4)]
        out_shape, what = (d["N"], d["K"], p, q), "Conv"
    elif kernel in ("attention", "attention-causal"):
        s = (d["B"], d["H"], d["L"], d["D"])
        ins = [inp("Q", rand(rng, *s)), inp("K", rand(rng, *s)), inp("V", rand(rng, *s))]
        nodes = [helper.make_node("Attention", ["Q", "K", "V"], ["Y"], scale=1.0 / math.sqrt(d["D"]),
                                  is_causal=1 if kernel == "attention-causal" else 0)]
        opset, out_shape, what = 23, s, "Attention (opset 23)"
    elif kernel == "softmax":
        ins = [inp("X", rand(rng, d["R"], d["C"]))]
        nodes = [helper.make_node("Softmax", ["X"], ["Y"], axis=-1)]
        out_shape, what = (d["R"], d["C"]), "Softmax"
    elif kernel == "layernorm":
        ins = [inp("X", rand(rng, d["R"], d["C"])), inp("gamma", rand(rng, d["C"]), True),
               inp("beta", rand(rng, d["C"]), True)]
        nodes = [helper.make_node("LayerNormalization", ["X", "gamma", "beta"], ["Y"], axis=-1, epsilon=1e-5)]
        opset, out_shape, what = 17, (d["R"], d["C"]), "LayerNormalization"
    elif kernel == "rmsnorm":
        ins = [inp("X", rand(rng, d["R"], d["C"])), inp("gamma", rand(rng, d["C"]), True)]
        nodes = [helper.make_node("RMSNormalization", ["X", "gamma"], ["Y"], axis=-1, epsilon=1e-6)]
        opset, out_shape, what = 23, (d["R"], d["C"]), "RMSNormalization (opset 23)"
    elif kernel == "gelu":
        ins = [inp("X", rand(rng, d["N"]))]
        nodes = [helper.make_node("Gelu", ["X"], ["Y"], approximate="tanh")]
        opset, out_shape, what = 20, (d["N"],), "Gelu tanh (opset 20)"
    elif kernel == "silu":
        ins = [inp("X", rand(rng, d["N"]))]
        nodes = [helper.make_node("QuickGelu", ["X"], ["Y"], domain="com.microsoft", alpha=1.0)]
        domain = [helper.make_opsetid("com.microsoft", 1)]
        out_shape, what = (d["N"],), "com.microsoft QuickGelu alpha=1 (= x*sigmoid(x))"
    elif kernel == "triad":
        ins = [inp("b", rand(rng, d["N"])), inp("c", rand(rng, d["N"]))]
        nodes = [helper.make_node("Add", ["b", "c"], ["Y"])]
        out_shape, what = (d["N"],), "Add (the triad's 3 streams, no multiply)"
    else:
        raise ValueError(kernel)
    g = helper.make_graph(nodes, kernel, [i for i in ins if i is not None], [tensor("Y", out_shape)],
                          initializer=inits)
    model = helper.make_model(g, opset_imports=[helper.make_opsetid("", opset)] + domain)
    model.ir_version = 10
    return model, feeds, weights, out_shape, what


def reference(kernel, d, feeds, inits):
    """What the catalogue kernel computes, in float64 numpy, from the graph's inputs and initializers."""
    t = {k: v.astype(np.float64) for k, v in {**feeds, **inits}.items()}
    if kernel == "gemm":
        return t["A"] @ t["B"]
    if kernel == "gemv":
        return t["A"] @ t["x"]
    if kernel == "conv2d":
        pad, st = d["PAD"], d["STRIDE"]
        xp = np.pad(t["X"], ((0, 0), (0, 0), (pad, pad), (pad, pad)))
        win = np.lib.stride_tricks.sliding_window_view(xp, (d["R"], d["S"]), axis=(2, 3))[:, :, ::st, ::st]
        return np.einsum("ncpqrs,kcrs->nkpq", win, t["W"], optimize=True)
    if kernel in ("attention", "attention-causal"):
        sc = np.einsum("bhld,bhmd->bhlm", t["Q"], t["K"]) / math.sqrt(d["D"])
        if kernel == "attention-causal":
            sc = np.where(np.tril(np.ones((d["L"], d["L"]), bool)), sc, -np.inf)
        e = np.exp(sc - sc.max(-1, keepdims=True))
        return np.einsum("bhlm,bhmd->bhld", e / e.sum(-1, keepdims=True), t["V"])
    x = t.get("X")
    if kernel == "softmax":
        e = np.exp(x - x.max(-1, keepdims=True))
        return e / e.sum(-1, keepdims=True)
    if kernel == "layernorm":
        mu = x.mean(-1, keepdims=True)
        return (x - mu) / np.sqrt(((x - mu) ** 2).mean(-1, keepdims=True) + 1e-5) * t["gamma"] + t["beta"]
    if kernel == "rmsnorm":
        return x / np.sqrt((x * x).mean(-1, keepdims=True) + 1e-6) * t["gamma"]
    if kernel == "gelu":
        return 0.5 * x * (1 + np.tanh(math.sqrt(2 / math.pi) * (x + 0.044715 * x ** 3)))
    if kernel == "silu":
        return x / (1 + np.exp(-x))
    if kernel == "triad":
        return t["b"] + t["c"]
    raise ValueError(kernel)


class OrtSide:
    def __init__(self, model, feeds, out_shape, threads):
        so = ort.SessionOptions()
        so.intra_op_num_threads = threads
        so.inter_op_num_threads = 1
        so.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        so.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        self.sess = ort.InferenceSession(model.SerializeToString(), so, providers=["CPUExecutionProvider"])
        self.io = self.sess.io_binding()
        self.keep = []
        for name, arr in feeds.items():
            v = ort.OrtValue.ortvalue_from_numpy(arr)
            self.keep.append(v)
            self.io.bind_ortvalue_input(name, v)
        # the output bound once, as joulebench's is allocated at prepare: no allocation in the timed loop
        out = ort.OrtValue.ortvalue_from_numpy(np.empty(out_shape, dtype=np.float32))
        self.out = out
        self.keep.append(out)
        self.io.bind_ortvalue_output("Y", out)

    def run(self):
        self.sess.run_with_iobinding(self.io)

    def sample(self, work, ms):
        """(rate in work units per ns, the same per CPU-ns of this process)."""
        calls, t0, c0 = 0, time.perf_counter_ns(), cpu_seconds_self()
        while True:
            self.run()
            calls += 1
            t = time.perf_counter_ns() - t0
            if t >= ms * 1e6:
                cpu = cpu_seconds_self() - c0
                return work * calls / t, (work * calls / (cpu * 1e9) if cpu > 0 else float("nan"))


def pause():
    time.sleep(0.15)  # ORT's and our worker threads spin a little after work: let them go idle


def measure(jb, kernel, size, threads, reps, ms, rng, weights_as_initializers, copy_key):
    d = jb.dims(kernel, size)
    # against ORT holding the weight as an initializer (pre-packed by ORT at session creation), ours pre-packs too
    impl = "java-prepacked" if weights_as_initializers else "java"
    work = float(jb.ask(f"prepare {kernel} {size} {impl}").split()[1])
    model, feeds, weights, out_shape, what = graph(kernel, d, rng, weights_as_initializers)
    peer = OrtSide(model, feeds, out_shape, threads)
    # the peer computes the catalogue's function, or its figure means nothing (joulebench's own output is
    # verified against the catalogue's reference by the server)
    peer.run()
    ref = reference(kernel, d, feeds, weights).reshape(out_shape)
    err = float(np.max(np.abs(peer.out.numpy() - ref)) / max(1e-30, float(np.max(np.abs(ref)))))
    if not err < 1e-3:
        raise RuntimeError(f"ORT's {what} differs from the catalogue's {kernel}: max error {err:.2e} of max |ref|")
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < 1.0:
        peer.run()
    if kernel in MEMORY_BOUND and copy_key not in jb_prepared:
        jb.ask(f"prepare copy {size}")  # the copy stream over the triad's N at this size, kept for the run
        jb_prepared.add(copy_key)
    ours, theirs, copies, ratios, copy_ratios, cpu_ratios, ours_cpu, theirs_cpu = [], [], [], [], [], [], [], []
    for _ in range(reps):
        p, p_cpu = peer.sample(work, ms)
        pause()
        w0, c0 = time.perf_counter(), cpu_seconds_of(jb.p.pid)
        o = float(jb.ask(f"time {kernel} {size} {ms}").split()[1])
        wall, cpu = time.perf_counter() - w0, cpu_seconds_of(jb.p.pid) - c0
        # per CPU-second of each side's process: what each got done with the CPU time it was given, which a
        # loaded machine hands out unevenly between the two samples (work = rate x wall, so ~1 % generous)
        o_cpu = o * wall / cpu if cpu > 0 else float("nan")
        pause()
        ours.append(o)
        theirs.append(p)
        ratios.append(o / p)
        cpu_ratios.append(o_cpu / p_cpu)
        ours_cpu.append(o_cpu)
        theirs_cpu.append(p_cpu)
        if kernel in MEMORY_BOUND:
            c = float(jb.ask(f"time copy {size} {ms}").split()[1])
            pause()
            copies.append(c)
            copy_ratios.append(o / c)
    jb.ask(f"close {kernel} {size}")
    return {"kernel": kernel + (" (weights pre-packed: ORT initializer, ours java-prepacked)"
                                if weights_as_initializers else ""),
            "size": size, "peer": what, "dims": d, "ours": statistics.median(ours),
            "theirs": statistics.median(theirs), "ratio": statistics.median(ratios),
            "min": min(ratios), "max": max(ratios),
            "ours_cpu": statistics.median(ours_cpu), "theirs_cpu": statistics.median(theirs_cpu),
            "cpu_ratio": statistics.median(cpu_ratios), "cpu_min": min(cpu_ratios), "cpu_max": max(cpu_ratios),
            "copy": statistics.median(copies) if copies else None,
            "copy_ratio": statistics.median(copy_ratios) if copy_ratios else None,
            "unit": "GB/s" if kernel in MEMORY_BOUND else "GFLOP/s", "load": load1()}


jb_prepared = set()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repo", default=os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..")))
    ap.add_argument("--sizes", default="S,M")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--sample-ms", type=int, default=300)
    ap.add_argument("--kernels", default=",".join(KERNELS))
    ap.add_argument("--no-weight-variants", action="store_true")
    # a joulebench fork runs one kernel at one size in its own JVM: so does each measurement here, unless --one-jvm
    # (in one JVM, code shared between kernels is compiled from the profile of whichever ran first: softmax S after
    # softmax M ran at a third of its own speed, results/measurements/2026-12-06-row-kernels.md)
    ap.add_argument("--one-jvm", action="store_true", help="measure every kernel in one joulebench JVM")
    a = ap.parse_args()
    print(f"# peer benchmark: onnxruntime {ort.__version__}, numpy {np.__version__}, {a.threads} threads,"
          f" {a.reps} rounds of >= {a.sample_ms} ms per side (order per round: ORT, joulebench, copy)")
    print(f"# {os.cpu_count()} logical CPUs; load average at start: {loadavg()};"
          f" {'one joulebench JVM' if a.one_jvm else 'a fresh joulebench JVM per kernel, size and variant'}")
    jb = Joulebench(a.repo, a.threads) if a.one_jvm else None
    rng = np.random.default_rng(1)
    rows = []
    # what one call costs ORT from Python with nothing to do (Identity on one float): at S this is part of
    # ORT's time per call, and would not be in a C++ caller's
    ident = helper.make_model(helper.make_graph([helper.make_node("Identity", ["X"], ["Y"])], "id",
                                                [tensor("X", (1,))], [tensor("Y", (1,))]),
                              opset_imports=[helper.make_opsetid("", 13)])
    ident.ir_version = 10
    o = OrtSide(ident, {"X": np.zeros(1, np.float32)}, (1,), a.threads)
    for _ in range(2000):
        o.run()
    t0, n = time.perf_counter_ns(), 20000
    for _ in range(n):
        o.run()
    print(f"# ORT call overhead from Python (Identity, io-binding): {(time.perf_counter_ns() - t0) / n / 1e3:.1f} us/call")
    try:
        for size in a.sizes.split(","):
            for kernel in a.kernels.split(","):
                variants = [False] + ([True] if kernel in WEIGHT_VARIANTS and not a.no_weight_variants else [])
                for init in variants:
                    own = None if a.one_jvm else Joulebench(a.repo, a.threads)
                    if own is not None:
                        jb_prepared.clear()  # a fresh JVM has no copy stream prepared
                    try:
                        r = measure(own or jb, kernel, size, a.threads, a.reps, a.sample_ms, rng, init, "copy/" + size)
                    except Exception as e:  # one kernel failing never stops the others
                        print(f"# {kernel} {size}: FAILED: {e}", flush=True)
                        continue
                    finally:
                        if own is not None:
                            own.close()
                    rows.append(r)
                    c = "" if r["copy_ratio"] is None else f" | {r['copy_ratio']:.2f} ({r['copy']:.1f} GB/s)"
                    print(f"# {r['kernel']} {size}: ours {r['ours']:.1f} {r['unit']}, ORT {r['theirs']:.1f},"
                          f" ours/ORT {r['ratio']:.2f} ({r['min']:.2f}..{r['max']:.2f}){c},"
                          f" per CPU-s {r['cpu_ratio']:.2f} ({r['cpu_min']:.2f}..{r['cpu_max']:.2f};"
                          f" ours {r['ours_cpu']:.1f}, ORT {r['theirs_cpu']:.1f} per CPU-s), load {r['load']}",
                          flush=True)
    finally:
        if jb is not None:
            jb.close()
    print(f"# load average at end: {loadavg()}")
    print()
    print("| kernel | size | ORT graph | joulebench | ORT | joulebench ÷ ORT (median) | min..max"
          " | ÷ ORT per CPU-second (median, min..max) | joulebench ÷ copy | load (1 min) |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        c = "-" if r["copy_ratio"] is None else f"{r['copy_ratio']:.2f} (copy {r['copy']:.1f} GB/s)"
        print(f"| {r['kernel']} | {r['size']} | {r['peer']} | {r['ours']:.1f} {r['unit']} | {r['theirs']:.1f}"
              f" {r['unit']} | {r['ratio']:.2f} | {r['min']:.2f}..{r['max']:.2f}"
              f" | {r['cpu_ratio']:.2f} ({r['cpu_min']:.2f}..{r['cpu_max']:.2f}) | {c} | {r['load']} |")


if __name__ == "__main__":
    main()
