// gemm fp16 / bf16, tuned for Ampere and newer (sm_80+): C[M,N] fp32 = A[M,K] * B[K,N], A and B fp16 or bf16
// row-major, accumulation in fp32 (kernels/LAYOUTS.md). The `ours` GEMM on sm_80+; gemm_half.cu's wmma kernel
// stays beside it as the `ours-wmma` fallback (and is `ours` on Turing, which has no cp.async or bf16 mma).
//
// - 128x128 block tile, K in steps of 32, 256 threads = 8 warps as 2 (M) x 4 (N), each warp 64x32 of C:
//   4 x 4 mma.sync.aligned.m16n8k16 tiles per k16 step, 64 fp32 accumulators a thread.
// - 3-stage cp.async pipeline (16-byte copies global -> shared, no registers on the way), one __syncthreads a
//   K step: tile k+2 is in flight while tile k is multiplied.
// - Fragments through ldmatrix (.trans for B, stored k-major); shared rows are XOR-swizzled by 16-byte chunk so
//   neither the cp.async stores nor the ldmatrix reads conflict, with no padding: 3 stages x (8 + 8) KiB = 48 KiB,
//   all static (no opt-in to more than 48 KiB needed).
// - Any M, N, K: chunks past M, N or K are zero-filled (cp.async's src-size 0). A 16-byte copy needs rows that
//   start on 16 bytes, i.e. K % 8 == 0 (A) and N % 8 == 0 (B); otherwise that operand is staged element by
//   element (zero-filled at the edges) through the same swizzled layout. C is written from the accumulators,
//   as float2 where N is even, else element by element, nothing past M or N.
#include <cuda_fp16.h>
#include <cuda_bf16.h>
#include <stdint.h>

#if !defined(__CUDA_ARCH__) || __CUDA_ARCH__ >= 800

#define MMA_BM 128
#define MMA_BN 128
#define MMA_BK 32
#define MMA_STAGES 3
#define MMA_THREADS 256
#define MMA_A_CHUNKS (MMA_BK / 8)  // 16-byte chunks in a row of the A tile (4)
#define MMA_B_CHUNKS (MMA_BN / 8)  // 16-byte chunks in a row of the B tile (16)

// A tile [128 rows][4 chunks]: chunk c of row r lives at chunk c ^ ((r >> 1) & 3), so the 8 rows an ldmatrix
// phase reads (same logical chunk) fall in 8 different 16-byte bank groups.
__device__ __forceinline__ int a_offset(int row, int chunk) {
    return row * MMA_BK + ((chunk ^ ((row >> 1) & 3)) << 3);
}
// B tile [32 k-rows][16 chunks]: chunk c of k-row r lives at chunk c ^ (r & 7).
__device__ __forceinline__ int b_offset(int k, int chunk) {
    return k * MMA_BN + ((chunk ^ (k & 7)) << 3);
}

__device__ __forceinline__ void cp_async16(uint32_t dst, const void* src, int bytes) {
    asm volatile("cp.async.cg.shared.global [%0], [%1], 16, %2;\n" ::"r"(dst), "l"(src), "r"(bytes));
}
__device__ __forceinline__ void cp_async_commit() { asm volatile("cp.async.commit_group;\n" ::: "memory"); }
template <int N>
__device__ __forceinline__ void cp_async_wait() { asm volatile("cp.async.wait_group %0;\n" ::"n"(N) : "memory"); }

__device__ __forceinline__ void ldmatrix_x4(uint32_t (&r)[4], uint32_t addr) {
    asm volatile("ldmatrix.sync.aligned.m8n8.x4.shared.b16 {%0, %1, %2, %3}, [%4];\n"
                 : "=r"(r[0]), "=r"(r[1]), "=r"(r[2]), "=r"(r[3])
                 : "r"(addr));
}
__device__ __forceinline__ void ldmatrix_x4_trans(uint32_t (&r)[4], uint32_t addr) {
    asm volatile("ldmatrix.sync.aligned.m8n8.x4.trans.shared.b16 {%0, %1, %2, %3}, [%4];\n"
                 : "=r"(r[0]), "=r"(r[1]), "=r"(r[2]), "=r"(r[3])
                 : "r"(addr));
}

template <typename T> struct Mma;
template <> struct Mma<__half> {
    static __device__ __forceinline__ void run(float (&d)[4], const uint32_t (&a)[4], const uint32_t (&b)[2]) {
        asm volatile("mma.sync.aligned.m16n8k16.row.col.f32.f16.f16.f32 {%0, %1, %2, %3}, {%4, %5, %6, %7},"
                     " {%8, %9}, {%0, %1, %2, %3};\n"
                     : "+f"(d[0]), "+f"(d[1]), "+f"(d[2]), "+f"(d[3])
                     : "r"(a[0]), "r"(a[1]), "r"(a[2]), "r"(a[3]), "r"(b[0]), "r"(b[1]));
    }
};
template <> struct Mma<__nv_bfloat16> {
    static __device__ __forceinline__ void run(float (&d)[4], const uint32_t (&a)[4], const uint32_t (&b)[2]) {
        asm volatile("mma.sync.aligned.m16n8k16.row.col.f32.bf16.bf16.f32 {%0, %1, %2, %3}, {%4, %5, %6, %7},"
                     " {%8, %9}, {%0, %1, %2, %3};\n"
                     : "+f"(d[0]), "+f"(d[1]), "+f"(d[2]), "+f"(d[3])
                     : "r"(a[0]), "r"(a[1]), "r"(a[2]), "r"(a[3]), "r"(b[0]), "r"(b[1]));
    }
};

// Eight 16-bit elements from p[0..n) (n < 8 at an edge), zeros after: the unaligned operands' staging.
__device__ __forceinline__ uint4 load8_edge(const unsigned short* __restrict__ p, int n) {
    unsigned short e[8];
#pragma unroll
    for (int i = 0; i < 8; i++) e[i] = i < n ? __ldg(p + i) : (unsigned short)0;
    uint4 v;
    v.x = e[0] | ((uint32_t)e[1] << 16);
    v.y = e[2] | ((uint32_t)e[3] << 16);
    v.z = e[4] | ((uint32_t)e[5] << 16);
    v.w = e[6] | ((uint32_t)e[7] << 16);
    return v;
}

// Stages the K step starting at k0 into one stage's A and B tiles: each thread copies 2 chunks of A and 2 of B.
__device__ __forceinline__ void load_stage(unsigned short* As, unsigned short* Bs, const unsigned short* __restrict__ A,
                                           const unsigned short* __restrict__ B, int M, int N, int K, int row0,
                                           int col0, int k0, bool aVector, bool bVector) {
    int tid = threadIdx.x;
#pragma unroll
    for (int i = 0; i < 2; i++) {
        int idx = tid + i * MMA_THREADS;  // 0..511: 128 rows x 4 chunks
        int r = idx / MMA_A_CHUNKS, c = idx % MMA_A_CHUNKS;
        int gm = row0 + r, gk = k0 + c * 8;
        unsigned short* dst = As + a_offset(r, c);
        bool in = gm < M && gk < K;
        const unsigned short* src = in ? A + (long long)gm * K + gk : A;
        if (aVector) {
            cp_async16((uint32_t)__cvta_generic_to_shared(dst), src, in ? 16 : 0);
        } else {
            *reinterpret_cast<uint4*>(dst) = load8_edge(src, in ? min(8, K - gk) : 0);
        }
    }
#pragma unroll
    for (int i = 0; i < 2; i++) {
        int idx = tid + i * MMA_THREADS;  // 0..511: 32 k-rows x 16 chunks
        int k = idx / MMA_B_CHUNKS, c = idx % MMA_B_CHUNKS;
        int gk = k0 + k, gn = col0 + c * 8;
        unsigned short* dst = Bs + b_offset(k, c);
        bool in = gk < K && gn < N;
        const unsigned short* src = in ? B + (long long)gk * N + gn : B;
        if (bVector) {
            cp_async16((uint32_t)__cvta_generic_to_shared(dst), src, in ? 16 : 0);
        } else {
            *reinterpret_cast<uint4*>(dst) = load8_edge(src, in ? min(8, N - gn) : 0);
        }
    }
}

template <typename T>
__device__ __forceinline__ void gemm_mma_tile(float* __restrict__ C, const T* __restrict__ At,
                                              const T* __restrict__ Bt, int M, int N, int K) {
    __shared__ __align__(128) unsigned short As[MMA_STAGES][MMA_BM * MMA_BK];
    __shared__ __align__(128) unsigned short Bs[MMA_STAGES][MMA_BK * MMA_BN];
    const unsigned short* A = reinterpret_cast<const unsigned short*>(At);
    const unsigned short* B = reinterpret_cast<const unsigned short*>(Bt);
    int lane = threadIdx.x & 31, warp = threadIdx.x >> 5;
    int wm = (warp >> 2) * 64, wn = (warp & 3) * 32;
    int row0 = blockIdx.y * MMA_BM, col0 = blockIdx.x * MMA_BN;
    // 16-byte copies need every row to start on 16 bytes (the buffers themselves are 256-byte aligned)
    bool aVector = (K & 7) == 0, bVector = (N & 7) == 0;
    int tiles = (K + MMA_BK - 1) / MMA_BK;

    float acc[4][4][4];
#pragma unroll
    for (int i = 0; i < 4; i++)
#pragma unroll
        for (int j = 0; j < 4; j++)
#pragma unroll
            for (int e = 0; e < 4; e++) acc[i][j][e] = 0.0f;

#pragma unroll 1  // the prologue's copies: not unrolled, so the staging code is in the PTX twice, not three times
    for (int s = 0; s < MMA_STAGES - 1; s++) {
        if (s < tiles) load_stage(As[s], Bs[s], A, B, M, N, K, row0, col0, s * MMA_BK, aVector, bVector);
        cp_async_commit();
    }

    uint32_t aBase = (uint32_t)__cvta_generic_to_shared(&As[0][0]);
    uint32_t bBase = (uint32_t)__cvta_generic_to_shared(&Bs[0][0]);
    for (int t = 0; t < tiles; t++) {
        cp_async_wait<MMA_STAGES - 2>();  // tile t has landed (this thread's copies) ...
        __syncthreads();                   // ... everyone's, and everyone is done with the stage refilled next
        int next = t + MMA_STAGES - 1;
        if (next < tiles) {
            int s = next % MMA_STAGES;
            load_stage(As[s], Bs[s], A, B, M, N, K, row0, col0, next * MMA_BK, aVector, bVector);
        }
        cp_async_commit();
        int s = t % MMA_STAGES;
        uint32_t aStage = aBase + s * (MMA_BM * MMA_BK * 2), bStage = bBase + s * (MMA_BK * MMA_BN * 2);
#pragma unroll
        for (int kk = 0; kk < MMA_BK; kk += 16) {
            uint32_t a[4][4], b[4][2];
#pragma unroll
            for (int i = 0; i < 4; i++) {
                // lanes 0-15 give rows 0-15 at k chunk kk/8, lanes 16-31 the same rows at the next chunk
                int r = wm + i * 16 + (lane & 15), c = (kk >> 3) + (lane >> 4);
                ldmatrix_x4(a[i], aStage + a_offset(r, c) * 2);
            }
#pragma unroll
            for (int j = 0; j < 4; j += 2) {
                // matrices: (k 0-7, n tile j), (k 8-15, j), (k 0-7, j+1), (k 8-15, j+1)
                int k = kk + (lane & 15), c = ((wn + j * 8) >> 3) + (lane >> 4);
                uint32_t r[4];
                ldmatrix_x4_trans(r, bStage + b_offset(k, c) * 2);
                b[j][0] = r[0];
                b[j][1] = r[1];
                b[j + 1][0] = r[2];
                b[j + 1][1] = r[3];
            }
#pragma unroll
            for (int i = 0; i < 4; i++)
#pragma unroll
                for (int j = 0; j < 4; j++) Mma<T>::run(acc[i][j], a[i], b[j]);
        }
    }
    cp_async_wait<0>();

    // accumulator e of tile (i, j): row g (e < 2) or g + 8, columns 2t, 2t + 1 (g = lane / 4, t = lane % 4)
    int g = lane >> 2, tq = lane & 3;
    bool pairs = (N & 1) == 0;
#pragma unroll
    for (int i = 0; i < 4; i++)
#pragma unroll
        for (int j = 0; j < 4; j++)
#pragma unroll
            for (int h = 0; h < 2; h++) {
                int gm = row0 + wm + i * 16 + g + h * 8, gn = col0 + wn + j * 8 + tq * 2;
                if (gm >= M || gn >= N) continue;
                float* out = C + (long long)gm * N + gn;
                if (pairs) {
                    *reinterpret_cast<float2*>(out) = make_float2(acc[i][j][2 * h], acc[i][j][2 * h + 1]);
                } else {
                    out[0] = acc[i][j][2 * h];
                    if (gn + 1 < N) out[1] = acc[i][j][2 * h + 1];
                }
            }
}

extern "C" __global__ void __launch_bounds__(MMA_THREADS, 2)
gemm_f16_mma(float* __restrict__ C, const __half* __restrict__ A, const __half* __restrict__ B, int M, int N, int K) {
    gemm_mma_tile<__half>(C, A, B, M, N, K);
}

extern "C" __global__ void __launch_bounds__(MMA_THREADS, 2)
gemm_bf16_mma(float* __restrict__ C, const __nv_bfloat16* __restrict__ A, const __nv_bfloat16* __restrict__ B, int M,
              int N, int K) {
    gemm_mma_tile<__nv_bfloat16>(C, A, B, M, N, K);
}

#endif
