// conv2d fp32 as an implicit GEMM (kernels/LAYOUTS.md): output[n,k,p,q] = sum over c,r,s of
// input[n,c,p*STRIDE-PAD+r, q*STRIDE-PAD+s] * weight[k,c,r,s], NCHW input, KCRS weight, zero padding, no bias.
// The GEMM: rows = output channels K, columns = N*P*Q output pixels, reduction = C*R*S; the weight is the
// row-major [K, C*R*S] left matrix as stored, the right matrix is the im2col of the input, gathered into shared
// memory tile by tile and never materialised. A 64x64 block tile, the reduction in steps of 16, 256 threads
// each computing 4x4 in true fp32 FMA (no TF32), as gemm_f32. Each thread gathers one output pixel's column
// (decoded once) for four reduction rows per step.
#define BM 64
#define BN 64
#define BK 16
#define TM 4
#define TN 4

extern "C" __global__ void __launch_bounds__(256)
conv2d_f32(float* __restrict__ out, const float* __restrict__ in, const float* __restrict__ wt, int N, int C, int H,
           int W, int K, int R, int S, int stride, int pad, int P, int Q) {
    __shared__ float As[BK][BM + 1];  // weight tile transposed: As[crs][k]
    __shared__ float Bs[BK][BN];      // im2col tile: Bs[crs][pixel]
    int tid = threadIdx.x;
    int tx = tid % (BN / TN), ty = tid / (BN / TN);
    int row0 = blockIdx.y * BM;
    long long col0 = (long long)blockIdx.x * BN;
    long long pixels = (long long)N * P * Q;
    int crs = C * R * S, rs = R * S;
    // the output pixel this thread gathers for the im2col tile
    int bn = tid % BN, bk0 = tid / BN;  // rows bk0, bk0+4, bk0+8, bk0+12 of each step
    long long gcol = col0 + bn;
    bool colValid = gcol < pixels;
    int n = 0, p = 0, q = 0;
    if (colValid) {
        n = (int)(gcol / ((long long)P * Q));
        int pq = (int)(gcol % ((long long)P * Q));
        p = pq / Q;
        q = pq % Q;
    }
    const float* inN = in + (long long)n * C * H * W;
    int h0 = p * stride - pad, w0 = q * stride - pad;
    float acc[TM][TN] = {};
    for (int k0 = 0; k0 < crs; k0 += BK) {
        for (int i = tid; i < BM * BK; i += 256) {
            int m = i / BK, k = i % BK;
            int gm = row0 + m, gk = k0 + k;
            As[k][m] = (gm < K && gk < crs) ? wt[(long long)gm * crs + gk] : 0.0f;
        }
#pragma unroll
        for (int j = 0; j < BK / 4; j++) {
            int k = bk0 + 4 * j, gk = k0 + k;
            float v = 0.0f;
            if (colValid && gk < crs) {
                int c = gk / rs, rem = gk % rs;
                int h = h0 + rem / S, w = w0 + rem % S;
                if (h >= 0 && h < H && w >= 0 && w < W) v = inN[((long long)c * H + h) * W + w];
            }
            Bs[k][bn] = v;
        }
        __syncthreads();
#pragma unroll
        for (int k = 0; k < BK; k++) {
            float a[TM], b[TN];
#pragma unroll
            for (int i = 0; i < TM; i++) a[i] = As[k][ty * TM + i];
#pragma unroll
            for (int j = 0; j < TN; j++) b[j] = Bs[k][tx * TN + j];
#pragma unroll
            for (int i = 0; i < TM; i++)
#pragma unroll
                for (int j = 0; j < TN; j++) acc[i][j] = fmaf(a[i], b[j], acc[i][j]);
        }
        __syncthreads();
    }
    long long pq = (long long)P * Q;
    for (int j = 0; j < TN; j++) {
        long long gn = col0 + tx * TN + j;
        if (gn >= pixels) continue;
        long long on = gn / pq, opq = gn % pq;
        for (int i = 0; i < TM; i++) {
            int gm = row0 + ty * TM + i;
            if (gm < K) out[(on * K + gm) * pq + opq] = acc[i][j];
        }
    }
}
