// triad (STREAM): a[i] = b[i] + alpha * c[i]; b, c, a are [N] fp32 (kernels/LAYOUTS.md). One pass, grid-stride.
extern "C" __global__ void triad_f32(float* __restrict__ a, const float* __restrict__ b,
                                     const float* __restrict__ c, float alpha, long long n) {
    long long stride = (long long)gridDim.x * blockDim.x;
    for (long long i = (long long)blockIdx.x * blockDim.x + threadIdx.x; i < n; i += stride) {
        a[i] = fmaf(alpha, c[i], b[i]);
    }
}
