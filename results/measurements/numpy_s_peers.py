"""NumPy on the catalogue's S shapes of gemv, rmsnorm and triad: GB/s counted as joulebench counts bytes
(kernels/.../shapes.csv and each kernel's work formula), best-of and median of 20 timed batches of >= 50 ms.
A plausibility check beside a joulebench run, not a benchmark of NumPy. Run with OPENBLAS_NUM_THREADS=2."""
import time, statistics, os
import numpy as np

rng = np.random.default_rng(42)

def rate(fn, nbytes, reps=20, min_s=0.05):
    fn()
    out = []
    for _ in range(reps):
        n, t0 = 0, time.perf_counter()
        while True:
            fn(); n += 1
            t = time.perf_counter() - t0
            if t >= min_s:
                break
        out.append(nbytes * n / t / 1e9)
    return max(out), statistics.median(out)

# gemv S: M=768, K=768 fp32: reads A (M*K) + x (K), writes y (M)
M = K = 768
A = rng.standard_normal((M, K), dtype=np.float32); x = rng.standard_normal(K, dtype=np.float32); y = np.empty(M, np.float32)
gemv_bytes = 4 * (M * K + K + M)
# rmsnorm S: R=256, C=4096: reads X + gamma, writes Y
R, C = 256, 4096
X = rng.standard_normal((R, C), dtype=np.float32); g = rng.standard_normal(C, dtype=np.float32); Y = np.empty_like(X)
tmp = np.empty(R, np.float32)
def rmsnorm():
    np.einsum('ij,ij->i', X, X, out=tmp)
    np.multiply(X, (1.0 / np.sqrt(tmp / C + 1e-6))[:, None], out=Y)
    np.multiply(Y, g, out=Y)
rms_bytes = 4 * (R * C + C + R * C)
# triad S: N=1Mi: a = b + s*c, reads b, c, writes a (12 bytes per element, as STREAM counts)
N = 1 << 20
b = rng.standard_normal(N, dtype=np.float32); c = rng.standard_normal(N, dtype=np.float32); a = np.empty(N, np.float32)
def triad():
    np.multiply(c, np.float32(3.0), out=a); np.add(a, b, out=a)
triad_bytes = 12 * N

print(f"# numpy {np.__version__}, OPENBLAS_NUM_THREADS={os.environ.get('OPENBLAS_NUM_THREADS')}, load {os.getloadavg()[0]:.1f}")
for name, fn, nb in [("gemv", lambda: np.matmul(A, x, out=y), gemv_bytes), ("rmsnorm", rmsnorm, rms_bytes), ("triad", triad, triad_bytes)]:
    best, med = rate(fn, nb)
    print(f"{name} S: numpy best {best:.1f} GB/s, median {med:.1f} GB/s")
