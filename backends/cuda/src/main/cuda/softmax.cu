// softmax along C: X, Y are [R, C] fp32 row-major. One block per row; each thread keeps an online
// (max, sum of exp) pair over its strided columns in one read pass, the block merges the pairs, then
// writes Y = exp(x - max) / sum (the row is read a second time, from L2 for rows that fit).
#define SOFTMAX_THREADS 256

__device__ __forceinline__ void merge(float& m, float& s, float m2, float s2) {
    if (m2 == -INFINITY) return;
    if (m == -INFINITY) { m = m2; s = s2; return; }
    if (m2 > m) { s = s * expf(m - m2) + s2; m = m2; }
    else { s = s + s2 * expf(m2 - m); }
}

extern "C" __global__ void __launch_bounds__(SOFTMAX_THREADS)
softmax_f32(float* __restrict__ y, const float* __restrict__ x, int rows, int cols) {
    int row = blockIdx.x;
    if (row >= rows) return;
    const float* xr = x + (long long)row * cols;
    float* yr = y + (long long)row * cols;
    float m = -INFINITY, s = 0.0f;
    for (int c = threadIdx.x; c < cols; c += blockDim.x) {
        float v = xr[c];
        if (v > m) { s = s * expf(m - v) + 1.0f; m = v; }
        else { s += expf(v - m); }
    }
    // warp reduction of (m, s)
    for (int off = 16; off > 0; off >>= 1) {
        float m2 = __shfl_xor_sync(0xffffffffu, m, off);
        float s2 = __shfl_xor_sync(0xffffffffu, s, off);
        merge(m, s, m2, s2);
    }
    __shared__ float wm[SOFTMAX_THREADS / 32], ws[SOFTMAX_THREADS / 32];
    int warp = threadIdx.x / 32, lane = threadIdx.x % 32;
    if (lane == 0) { wm[warp] = m; ws[warp] = s; }
    __syncthreads();
    if (warp == 0) {
        int nw = (blockDim.x + 31) / 32;
        m = lane < nw ? wm[lane] : -INFINITY;
        s = lane < nw ? ws[lane] : 0.0f;
        for (int off = 16; off > 0; off >>= 1) {
            float m2 = __shfl_xor_sync(0xffffffffu, m, off);
            float s2 = __shfl_xor_sync(0xffffffffu, s, off);
            merge(m, s, m2, s2);
        }
        if (lane == 0) { wm[0] = m; ws[0] = s; }
    }
    __syncthreads();
    float rowMax = wm[0];
    float inv = 1.0f / ws[0];
    for (int c = threadIdx.x; c < cols; c += blockDim.x) {
        yr[c] = expf(xr[c] - rowMax) * inv;
    }
}
