// gelu (tanh approximation): Y[i] = 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))); X, Y are [N] fp32.
// Accurate tanhf (no fast-math): the catalogue's tolerance rejects the approximate hardware tanh.
extern "C" __global__ void gelu_f32(float* __restrict__ y, const float* __restrict__ x, long long n) {
    const float k0 = 0.7978845608028654f;  // sqrt(2/pi)
    long long stride = (long long)gridDim.x * blockDim.x;
    for (long long i = (long long)blockIdx.x * blockDim.x + threadIdx.x; i < n; i += stride) {
        float v = x[i];
        y[i] = 0.5f * v * (1.0f + tanhf(k0 * (v + 0.044715f * v * v * v)));
    }
}
