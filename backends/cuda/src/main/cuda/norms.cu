// layernorm and rmsnorm along C: X, Y are [R, C] fp32 row-major, gamma (and beta) [C] fp32
// (kernels/LAYOUTS.md). One block per row. layernorm: mean, then the biased variance around it (two
// reductions, no sum-of-squares cancellation), then Y = (x - mean) / sqrt(var + eps) * gamma + beta.
// rmsnorm: Y = x / sqrt(mean(x^2) + eps) * gamma.
#define NORM_THREADS 256

__device__ __forceinline__ float block_sum(float v, float* scratch) {
    for (int off = 16; off > 0; off >>= 1) v += __shfl_xor_sync(0xffffffffu, v, off);
    int warp = threadIdx.x / 32, lane = threadIdx.x % 32;
    __syncthreads();  // scratch may still be read by a previous reduction
    if (lane == 0) scratch[warp] = v;
    __syncthreads();
    if (warp == 0) {
        int nw = (blockDim.x + 31) / 32;
        v = lane < nw ? scratch[lane] : 0.0f;
        for (int off = 16; off > 0; off >>= 1) v += __shfl_xor_sync(0xffffffffu, v, off);
        if (lane == 0) scratch[0] = v;
    }
    __syncthreads();
    return scratch[0];
}

extern "C" __global__ void __launch_bounds__(NORM_THREADS)
layernorm_f32(float* __restrict__ y, const float* __restrict__ x, const float* __restrict__ gamma,
              const float* __restrict__ beta, int rows, int cols, float eps) {
    __shared__ float scratch[NORM_THREADS / 32];
    int row = blockIdx.x;
    if (row >= rows) return;
    const float* xr = x + (long long)row * cols;
    float* yr = y + (long long)row * cols;
    float s = 0.0f;
    for (int c = threadIdx.x; c < cols; c += blockDim.x) s += xr[c];
    float mean = block_sum(s, scratch) / cols;
    float q = 0.0f;
    for (int c = threadIdx.x; c < cols; c += blockDim.x) {
        float d = xr[c] - mean;
        q = fmaf(d, d, q);
    }
    float var = block_sum(q, scratch) / cols;
    float inv = 1.0f / sqrtf(var + eps);
    for (int c = threadIdx.x; c < cols; c += blockDim.x) {
        yr[c] = fmaf((xr[c] - mean) * inv, gamma[c], beta[c]);
    }
}

extern "C" __global__ void __launch_bounds__(NORM_THREADS)
rmsnorm_f32(float* __restrict__ y, const float* __restrict__ x, const float* __restrict__ gamma, int rows,
            int cols, float eps) {
    __shared__ float scratch[NORM_THREADS / 32];
    int row = blockIdx.x;
    if (row >= rows) return;
    const float* xr = x + (long long)row * cols;
    float* yr = y + (long long)row * cols;
    float q = 0.0f;
    for (int c = threadIdx.x; c < cols; c += blockDim.x) {
        float v = xr[c];
        q = fmaf(v, v, q);
    }
    float inv = 1.0f / sqrtf(block_sum(q, scratch) / cols + eps);
    for (int c = threadIdx.x; c < cols; c += blockDim.x) yr[c] = xr[c] * inv * gamma[c];
}
