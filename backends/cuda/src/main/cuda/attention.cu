// attention and causal attention, fp32, fused with an online softmax (kernels/LAYOUTS.md): Q, K, V, O are
// [B,H,L,D] row-major, O = softmax(Q*K^T*scale)*V per batch and head, along the key axis; causal: query i sees
// keys j <= i. The L x L scores are never stored: one warp per query row, 8 rows per 256-thread block (grid x
// over query rows, grid y over B*H); keys stream through shared memory 32 at a time (K padded to D+1 floats a
// row, so lane j reading key j's row is free of bank conflicts). Per tile, lane j computes key j's score, the
// warp takes the tile's max, rescales its running (max, sum, output) once, and accumulates p_j * V[j] with lane
// l holding output columns l, l+32, l+64, l+96. D <= 128 (the host refuses more); dynamic shared memory
// (32*(D+1) + 32*D + 8*D) floats.
#define ATT_THREADS 256
#define ATT_ROWS (ATT_THREADS / 32)
#define ATT_KEYS 32
#define ATT_MAX_D 128

template <bool CAUSAL>
__device__ __forceinline__ void attention(float* __restrict__ O, const float* __restrict__ Qg,
                                          const float* __restrict__ Kg, const float* __restrict__ Vg, int L, int D,
                                          float scale) {
    extern __shared__ float smem[];
    float* Ks = smem;                       // [ATT_KEYS][D + 1]
    float* Vs = Ks + ATT_KEYS * (D + 1);    // [ATT_KEYS][D]
    float* Qs = Vs + ATT_KEYS * D;          // [ATT_ROWS][D]
    int warp = threadIdx.x / 32, lane = threadIdx.x % 32;
    long long head = (long long)blockIdx.y * L * D;
    int row0 = blockIdx.x * ATT_ROWS;
    int row = row0 + warp;
    bool active = row < L;
    for (int i = threadIdx.x; i < ATT_ROWS * D; i += ATT_THREADS) {
        int r = row0 + i / D;
        Qs[i] = r < L ? Qg[head + (long long)r * D + i % D] : 0.0f;
    }
    float m = -INFINITY, l = 0.0f;
    float o[ATT_MAX_D / 32] = {};
    int lastRow = min(L - 1, row0 + ATT_ROWS - 1);
    int keys = CAUSAL ? lastRow + 1 : L;  // the block never needs keys after its last row (causal)
    const float* q = Qs + warp * D;
    for (int t0 = 0; t0 < keys; t0 += ATT_KEYS) {
        __syncthreads();  // the previous tile is consumed (and Qs written, on the first pass)
        for (int i = threadIdx.x; i < ATT_KEYS * D; i += ATT_THREADS) {
            int j = i / D, d = i % D;
            bool in = t0 + j < L;
            long long g = head + (long long)(t0 + j) * D + d;
            Ks[j * (D + 1) + d] = in ? Kg[g] : 0.0f;
            Vs[j * D + d] = in ? Vg[g] : 0.0f;
        }
        __syncthreads();
        if (!active || (CAUSAL && t0 > row)) continue;  // warp-uniform
        int key = t0 + lane;
        float s = -INFINITY;
        if (key < L && (!CAUSAL || key <= row)) {
            const float* k = Ks + lane * (D + 1);
            float dot = 0.0f;
            for (int d = 0; d < D; d++) dot = fmaf(q[d], k[d], dot);
            s = dot * scale;
        }
        float tileMax = s;
        for (int off = 16; off > 0; off >>= 1) tileMax = fmaxf(tileMax, __shfl_xor_sync(0xffffffffu, tileMax, off));
        float mNew = fmaxf(m, tileMax);  // finite: key t0 is always visible to this row
        float p = s == -INFINITY ? 0.0f : expf(s - mNew);
        float correction = expf(m - mNew);  // 0 on the first tile (m = -inf)
        float tileSum = p;
        for (int off = 16; off > 0; off >>= 1) tileSum += __shfl_xor_sync(0xffffffffu, tileSum, off);
        l = l * correction + tileSum;
        m = mNew;
#pragma unroll
        for (int c = 0; c < ATT_MAX_D / 32; c++) o[c] *= correction;
        for (int j = 0; j < ATT_KEYS; j++) {
            float pj = __shfl_sync(0xffffffffu, p, j);
            const float* v = Vs + j * D;
#pragma unroll
            for (int c = 0; c < ATT_MAX_D / 32; c++) {
                int d = lane + 32 * c;
                if (d < D) o[c] = fmaf(pj, v[d], o[c]);
            }
        }
    }
    if (!active) return;
    float inv = 1.0f / l;
    float* out = O + head + (long long)row * D;
#pragma unroll
    for (int c = 0; c < ATT_MAX_D / 32; c++) {
        int d = lane + 32 * c;
        if (d < D) out[d] = o[c] * inv;
    }
}

extern "C" __global__ void __launch_bounds__(ATT_THREADS)
attention_f32(float* __restrict__ O, const float* __restrict__ Q, const float* __restrict__ K,
              const float* __restrict__ V, int L, int D, float scale) {
    attention<false>(O, Q, K, V, L, D, scale);
}

extern "C" __global__ void __launch_bounds__(ATT_THREADS)
attention_causal_f32(float* __restrict__ O, const float* __restrict__ Q, const float* __restrict__ K,
                     const float* __restrict__ V, int L, int D, float scale) {
    attention<true>(O, Q, K, V, L, D, scale);
}
