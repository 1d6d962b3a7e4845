// gemm int8 on tensor cores: C[M,N] int32 = A[M,K] * B[K,N], A and B int8 row-major, exact int32
// accumulation (kernels/LAYOUTS.md; K <= 133144 keeps it from overflowing). wmma 16x16x16 s8 fragments: a
// 64x64 block tile, K in steps of 16 staged through shared memory, B stored transposed there (k contiguous,
// read as a col-major fragment) so every fragment pointer is 32-byte aligned; edges zero-filled.
#include <mma.h>
using namespace nvcuda;

#define IBM 64
#define IBN 64
#define IBK 16
#define ILD 32  // shared row length in bytes: IBK + 16 padding, a multiple of 32

extern "C" __global__ void __launch_bounds__(128)
gemm_i8(int* __restrict__ C, const signed char* __restrict__ A, const signed char* __restrict__ B, int M, int N,
        int K) {
    __shared__ __align__(32) signed char As[IBM][ILD];
    __shared__ __align__(32) signed char Bt[IBN][ILD];  // Bt[n][k] = B[k][n]
    __shared__ __align__(32) int Cs[IBM][IBN + 4];
    int tid = threadIdx.x;
    int warp = tid / 32;
    int wm = (warp / 2) * 32, wn = (warp % 2) * 32;
    int row0 = blockIdx.y * IBM, col0 = blockIdx.x * IBN;
    wmma::fragment<wmma::accumulator, 16, 16, 16, int> acc[2][2];
    for (int i = 0; i < 2; i++)
        for (int j = 0; j < 2; j++) wmma::fill_fragment(acc[i][j], 0);
    for (int k0 = 0; k0 < K; k0 += IBK) {
        for (int i = tid; i < IBM * IBK; i += 128) {
            int m = i / IBK, k = i % IBK;
            int gm = row0 + m, gk = k0 + k;
            As[m][k] = (gm < M && gk < K) ? A[(long long)gm * K + gk] : (signed char)0;
        }
        for (int i = tid; i < IBK * IBN; i += 128) {
            int k = i / IBN, n = i % IBN;
            int gk = k0 + k, gn = col0 + n;
            Bt[n][k] = (gk < K && gn < N) ? B[(long long)gk * N + gn] : (signed char)0;
        }
        __syncthreads();
        wmma::fragment<wmma::matrix_a, 16, 16, 16, signed char, wmma::row_major> a[2];
        wmma::fragment<wmma::matrix_b, 16, 16, 16, signed char, wmma::col_major> b[2];
        for (int i = 0; i < 2; i++) wmma::load_matrix_sync(a[i], &As[wm + i * 16][0], ILD);
        for (int j = 0; j < 2; j++) wmma::load_matrix_sync(b[j], &Bt[wn + j * 16][0], ILD);
        for (int i = 0; i < 2; i++)
            for (int j = 0; j < 2; j++) wmma::mma_sync(acc[i][j], a[i], b[j], acc[i][j]);
        __syncthreads();
    }
    for (int i = 0; i < 2; i++)
        for (int j = 0; j < 2; j++)
            wmma::store_matrix_sync(&Cs[wm + i * 16][wn + j * 16], acc[i][j], IBN + 4, wmma::mem_row_major);
    __syncthreads();
    for (int i = tid; i < IBM * IBN; i += 128) {
        int m = i / IBN, n = i % IBN;
        int gm = row0 + m, gn = col0 + n;
        if (gm < M && gn < N) C[(long long)gm * N + gn] = Cs[m][n];
    }
}
