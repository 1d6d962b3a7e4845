// silu: Y[i] = x / (1 + e^-x); X, Y are [N] fp32. Accurate expf (no fast-math).
extern "C" __global__ void silu_f32(float* __restrict__ y, const float* __restrict__ x, long long n) {
    long long stride = (long long)gridDim.x * blockDim.x;
    for (long long i = (long long)blockIdx.x * blockDim.x + threadIdx.x; i < n; i += stride) {
        float v = x[i];
        y[i] = v / (1.0f + expf(-v));
    }
}
