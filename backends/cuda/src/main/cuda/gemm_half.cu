// gemm fp16 / bf16 on tensor cores: C[M,N] fp32 = A[M,K] * B[K,N], A and B fp16 or bf16 row-major,
// accumulation in fp32 (kernels/LAYOUTS.md). wmma 16x16x16 fragments (mma.sync on sm_80+): a 64x64 block
// tile, K in steps of 32 staged through shared memory (zero-filled at the edges, so any M, N, K works),
// 4 warps each computing a 32x32 quarter.
#include <cuda_fp16.h>
#include <cuda_bf16.h>
#include <mma.h>
using namespace nvcuda;

#define HBM 64
#define HBN 64
#define HBK 32
#define HPAD 8

template <typename T>
__device__ __forceinline__ void gemm_half_tile(float* __restrict__ C, const T* __restrict__ A,
                                               const T* __restrict__ B, int M, int N, int K) {
    __shared__ __align__(32) T As[HBM][HBK + HPAD];
    __shared__ __align__(32) T Bs[HBK][HBN + HPAD];
    __shared__ __align__(32) float Cs[HBM][HBN + 4];
    int tid = threadIdx.x;
    int warp = tid / 32;
    int wm = (warp / 2) * 32, wn = (warp % 2) * 32;
    int row0 = blockIdx.y * HBM, col0 = blockIdx.x * HBN;
    wmma::fragment<wmma::accumulator, 16, 16, 16, float> acc[2][2];
    for (int i = 0; i < 2; i++)
        for (int j = 0; j < 2; j++) wmma::fill_fragment(acc[i][j], 0.0f);
    const T zero = T(0.0f);
    for (int k0 = 0; k0 < K; k0 += HBK) {
        for (int i = tid; i < HBM * HBK; i += 128) {
            int m = i / HBK, k = i % HBK;
            int gm = row0 + m, gk = k0 + k;
            As[m][k] = (gm < M && gk < K) ? A[(long long)gm * K + gk] : zero;
        }
        for (int i = tid; i < HBK * HBN; i += 128) {
            int k = i / HBN, n = i % HBN;
            int gk = k0 + k, gn = col0 + n;
            Bs[k][n] = (gk < K && gn < N) ? B[(long long)gk * N + gn] : zero;
        }
        __syncthreads();
#pragma unroll
        for (int kk = 0; kk < HBK; kk += 16) {
            wmma::fragment<wmma::matrix_a, 16, 16, 16, T, wmma::row_major> a[2];
            wmma::fragment<wmma::matrix_b, 16, 16, 16, T, wmma::row_major> b[2];
            for (int i = 0; i < 2; i++) wmma::load_matrix_sync(a[i], &As[wm + i * 16][kk], HBK + HPAD);
            for (int j = 0; j < 2; j++) wmma::load_matrix_sync(b[j], &Bs[kk][wn + j * 16], HBN + HPAD);
            for (int i = 0; i < 2; i++)
                for (int j = 0; j < 2; j++) wmma::mma_sync(acc[i][j], a[i], b[j], acc[i][j]);
        }
        __syncthreads();
    }
    for (int i = 0; i < 2; i++)
        for (int j = 0; j < 2; j++)
            wmma::store_matrix_sync(&Cs[wm + i * 16][wn + j * 16], acc[i][j], HBN + 4, wmma::mem_row_major);
    __syncthreads();
    for (int i = tid; i < HBM * HBN; i += 128) {
        int m = i / HBN, n = i % HBN;
        int gm = row0 + m, gn = col0 + n;
        if (gm < M && gn < N) C[(long long)gm * N + gn] = Cs[m][n];
    }
}

extern "C" __global__ void __launch_bounds__(128)
gemm_f16(float* __restrict__ C, const __half* __restrict__ A, const __half* __restrict__ B, int M, int N, int K) {
    gemm_half_tile<__half>(C, A, B, M, N, K);
}

// bf16 tensor cores exist from sm_80 (Ampere): the Turing (sm_75) PTX has no gemm_bf16 entry, and the backend
// refuses gemm/bf16 there with that reason.
#if !defined(__CUDA_ARCH__) || __CUDA_ARCH__ >= 800
extern "C" __global__ void __launch_bounds__(128)
gemm_bf16(float* __restrict__ C, const __nv_bfloat16* __restrict__ A, const __nv_bfloat16* __restrict__ B, int M,
          int N, int K) {
    gemm_half_tile<__nv_bfloat16>(C, A, B, M, N, K);
}
#endif
