// qgemv: y[M] = sum_k W[m,k] * scales[m, k/G] * x[k] (kernels/LAYOUTS.md). W is int8 [M,K] (qgemv_i8) or int4
// packed two per byte, low nibble first, each row ceil(K/2) bytes (qgemv_i4); scales [M, ceil(K/G)] fp32, x [K]
// fp32, y fp32. Decode-time GEMV is memory-bound on W: one warp per row, 8 rows per 256-thread block; where the
// row is 16-byte aligned and a 16-byte chunk never straddles a group (K and G multiples of 16 for int8, of 32
// for int4), each lane loads 16 bytes of W at once and applies the chunk's one scale after the dot product;
// otherwise (odd shapes) element by element. fp32 accumulation, then a shuffle reduction.
#define QGEMV_THREADS 256

__device__ __forceinline__ float warp_sum(float s) {
    for (int off = 16; off > 0; off >>= 1) s += __shfl_xor_sync(0xffffffffu, s, off);
    return s;
}

extern "C" __global__ void __launch_bounds__(QGEMV_THREADS)
qgemv_i8(float* __restrict__ y, const signed char* __restrict__ W, const float* __restrict__ scales,
         const float* __restrict__ x, int M, int K, int G) {
    int warp = threadIdx.x / 32, lane = threadIdx.x % 32;
    long long row = (long long)blockIdx.x * (QGEMV_THREADS / 32) + warp;
    if (row >= M) return;
    int groups = (K + G - 1) / G;
    const signed char* wr = W + row * K;
    const float* sr = scales + row * groups;
    float s = 0.0f;
    if ((K & 15) == 0 && (G & 15) == 0) {
        const int4* w16 = reinterpret_cast<const int4*>(wr);
        const float4* x4 = reinterpret_cast<const float4*>(x);
        for (int c = lane; c < K / 16; c += 32) {
            int4 packed = __ldg(w16 + c);
            int words[4] = {packed.x, packed.y, packed.z, packed.w};
            float d = 0.0f;
#pragma unroll
            for (int i = 0; i < 4; i++) {
                float4 xv = __ldg(x4 + c * 4 + i);
                int v = words[i];
                d = fmaf((float)(signed char)(v & 0xff), xv.x, d);
                d = fmaf((float)(signed char)((v >> 8) & 0xff), xv.y, d);
                d = fmaf((float)(signed char)((v >> 16) & 0xff), xv.z, d);
                d = fmaf((float)(signed char)((v >> 24) & 0xff), xv.w, d);
            }
            s = fmaf(d, __ldg(sr + (c * 16) / G), s);
        }
    } else {
        for (int k = lane; k < K; k += 32) s = fmaf((float)wr[k] * sr[k / G], x[k], s);
    }
    s = warp_sum(s);
    if (lane == 0) y[row] = s;
}

__device__ __forceinline__ float nibble(unsigned v, int i) {
    return (float)((int)(v << (28 - 4 * i)) >> 28); // sign-extend nibble i (0 = lowest)
}

extern "C" __global__ void __launch_bounds__(QGEMV_THREADS)
qgemv_i4(float* __restrict__ y, const unsigned char* __restrict__ W, const float* __restrict__ scales,
         const float* __restrict__ x, int M, int K, int G) {
    int warp = threadIdx.x / 32, lane = threadIdx.x % 32;
    long long row = (long long)blockIdx.x * (QGEMV_THREADS / 32) + warp;
    if (row >= M) return;
    int groups = (K + G - 1) / G;
    long long rowBytes = (K + 1) / 2;
    const unsigned char* wr = W + row * rowBytes;
    const float* sr = scales + row * groups;
    float s = 0.0f;
    if ((K & 31) == 0 && (G & 31) == 0) {
        const uint4* w16 = reinterpret_cast<const uint4*>(wr);
        const float4* x4 = reinterpret_cast<const float4*>(x);
        for (int c = lane; c < K / 32; c += 32) {
            uint4 packed = __ldg(w16 + c);
            unsigned words[4] = {packed.x, packed.y, packed.z, packed.w};
            float d = 0.0f;
#pragma unroll
            for (int i = 0; i < 4; i++) {
                float4 xa = __ldg(x4 + c * 8 + 2 * i), xb = __ldg(x4 + c * 8 + 2 * i + 1);
                unsigned v = words[i];
                d = fmaf(nibble(v, 0), xa.x, d);
                d = fmaf(nibble(v, 1), xa.y, d);
                d = fmaf(nibble(v, 2), xa.z, d);
                d = fmaf(nibble(v, 3), xa.w, d);
                d = fmaf(nibble(v, 4), xb.x, d);
                d = fmaf(nibble(v, 5), xb.y, d);
                d = fmaf(nibble(v, 6), xb.z, d);
                d = fmaf(nibble(v, 7), xb.w, d);
            }
            s = fmaf(d, __ldg(sr + (c * 32) / G), s);
        }
    } else {
        for (int k = lane; k < K; k += 32) {
            unsigned b = wr[k >> 1];
            float q = nibble(b, k & 1);
            s = fmaf(q * sr[k / G], x[k], s);
        }
    }
    s = warp_sum(s);
    if (lane == 0) y[row] = s;
}
