// gemv fp32: y[M] = A[M,K] * x[K], all fp32 row-major (kernels/LAYOUTS.md). One warp per row, coalesced
// reads of the row, a shuffle reduction; 8 rows per 256-thread block.
#define GEMV_THREADS 256

extern "C" __global__ void __launch_bounds__(GEMV_THREADS)
gemv_f32(float* __restrict__ y, const float* __restrict__ A, const float* __restrict__ x, int M, int K) {
    int warp = threadIdx.x / 32, lane = threadIdx.x % 32;
    long long row = (long long)blockIdx.x * (GEMV_THREADS / 32) + warp;
    if (row >= M) return;
    const float* ar = A + row * K;
    float s = 0.0f;
    for (int k = lane; k < K; k += 32) s = fmaf(ar[k], x[k], s);
    for (int off = 16; off > 0; off >>= 1) s += __shfl_xor_sync(0xffffffffu, s, off);
    if (lane == 0) y[row] = s;
}
