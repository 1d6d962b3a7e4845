/*
 * joulebench's stand-in cuBLAS (libcublas.so.13) for machines without an NVIDIA GPU, beside the stand-in
 * libcuda.so.1: the calls the CUDA backend's cublas implementation makes through the FFM API, executed on the
 * CPU with cuBLAS's column-major semantics (m, n, k, op, lda/ldb/ldc, alpha, beta). Every matrix must lie inside
 * one allocation of the stand-in driver (else CUBLAS_STATUS_EXECUTION_FAILED). Not a GPU: the device it runs on
 * is marked stand-in, and check rejects every result timed on it. Counts live handles (jbsi_cublas_handles).
 *
 * Build: gcc -shared -fPIC -O2 -o libcublas.so.13 libcublas_stand_in.c -ldl -lm -lpthread
 */
#include <dlfcn.h>
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum { SUCCESS = 0, NOT_INITIALIZED = 1, INVALID_VALUE = 7, EXECUTION_FAILED = 13, NOT_SUPPORTED = 15 };
enum { R_32F = 0, R_16F = 2, R_8I = 3, R_32I = 10, R_16BF = 14 };
#define HANDLE_MAGIC 0x43424c53u

typedef struct {
    unsigned magic;
    void *stream;
    int math_mode;
    void *workspace;
    size_t workspace_bytes;
} Handle;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static long live_handles;

long jbsi_cublas_handles(void) {
    pthread_mutex_lock(&lock);
    long v = live_handles;
    pthread_mutex_unlock(&lock);
    return v;
}

/* the stand-in driver's check that a range is device memory */
static int device_range(const void *p, unsigned long long bytes) {
    static int (*check)(unsigned long long, unsigned long long);
    if (!check) {
        void *cuda = dlopen("libcuda.so.1", RTLD_LAZY | RTLD_NOLOAD); /* loaded locally by JCuda, not global */
        if (cuda) check = (int (*)(unsigned long long, unsigned long long))dlsym(cuda, "jbsi_device_range");
    }
    return check && check((unsigned long long)(uintptr_t)p, bytes);
}

static int valid(Handle *h) { return h && h->magic == HANDLE_MAGIC; }

int cublasCreate_v2(Handle **handle) {
    if (!handle) return INVALID_VALUE;
    if (!device_range(NULL, 0) && !dlopen("libcuda.so.1", RTLD_LAZY | RTLD_NOLOAD)) {
        return NOT_INITIALIZED; /* the stand-in driver is not loaded */
    }
    Handle *h = calloc(1, sizeof(Handle));
    h->magic = HANDLE_MAGIC;
    pthread_mutex_lock(&lock);
    live_handles++;
    pthread_mutex_unlock(&lock);
    *handle = h;
    return SUCCESS;
}

int cublasDestroy_v2(Handle *h) {
    if (!valid(h)) return NOT_INITIALIZED;
    h->magic = 0;
    free(h);
    pthread_mutex_lock(&lock);
    live_handles--;
    pthread_mutex_unlock(&lock);
    return SUCCESS;
}

int cublasSetStream_v2(Handle *h, void *stream) {
    if (!valid(h)) return NOT_INITIALIZED;
    h->stream = stream;
    return SUCCESS;
}

int cublasSetMathMode(Handle *h, int mode) {
    if (!valid(h)) return NOT_INITIALIZED;
    if (mode < 0 || mode > 3) return INVALID_VALUE;
    h->math_mode = mode;
    return SUCCESS;
}

int cublasGetMathMode(Handle *h, int *mode) {
    if (!valid(h) || !mode) return NOT_INITIALIZED;
    *mode = h->math_mode;
    return SUCCESS;
}

int cublasSetWorkspace_v2(Handle *h, void *workspace, size_t bytes) {
    if (!valid(h)) return NOT_INITIALIZED;
    if (bytes && !device_range(workspace, bytes)) return INVALID_VALUE;
    h->workspace = workspace;
    h->workspace_bytes = bytes;
    return SUCCESS;
}

/* MAJOR_VERSION 0, MINOR_VERSION 1, PATCH_LEVEL 2: the stand-in says 13.0.0 */
int cublasGetProperty(int type, int *value) {
    if (!value || type < 0 || type > 2) return INVALID_VALUE;
    *value = type == 0 ? 13 : 0;
    return SUCCESS;
}

static float h2f(uint16_t h) {
    uint32_t sign = (uint32_t)(h & 0x8000) << 16, exp = (h >> 10) & 0x1f, mant = h & 0x3ff, bits;
    if (exp == 0) {
        if (mant == 0) bits = sign;
        else {
            int e = -1;
            do {
                e++;
                mant <<= 1;
            } while (!(mant & 0x400));
            bits = sign | ((uint32_t)(127 - 15 - e) << 23) | ((mant & 0x3ff) << 13);
        }
    } else if (exp == 31) bits = sign | 0x7f800000u | (mant << 13);
    else bits = sign | ((exp + 112) << 23) | (mant << 13);
    float f;
    memcpy(&f, &bits, 4);
    return f;
}

static float load(const void *p, int type, long long i) {
    switch (type) {
        case R_32F: return ((const float *)p)[i];
        case R_16F: return h2f(((const uint16_t *)p)[i]);
        case R_16BF: {
            uint32_t bits = (uint32_t)((const uint16_t *)p)[i] << 16;
            float f;
            memcpy(&f, &bits, 4);
            return f;
        }
        default: return NAN;
    }
}

static size_t size_of(int type) { return type == R_32F ? 4 : 2; }

/* column-major: element (r, c) of an op(X) with leading dimension ld */
static long long at(int op, long long r, long long c, int ld) { return op == 0 ? r + c * ld : c + r * ld; }

int cublasGemmEx(Handle *h, int transa, int transb, int m, int n, int k, const void *alpha, const void *A, int Atype,
                 int lda, const void *B, int Btype, int ldb, const void *beta, void *C, int Ctype, int ldc,
                 int computeType, int algo) {
    (void)algo;
    if (!valid(h)) return NOT_INITIALIZED;
    if (m < 0 || n < 0 || k < 0 || transa < 0 || transa > 1 || transb < 0 || transb > 1) return INVALID_VALUE;
    if (Atype != Btype || (Atype != R_32F && Atype != R_16F && Atype != R_16BF) || Ctype != R_32F) return NOT_SUPPORTED;
    if (computeType != 68 && computeType != 77) return NOT_SUPPORTED; /* CUBLAS_COMPUTE_32F(_FAST_TF32) */
    int arows = transa ? k : m, brows = transb ? n : k;
    if (lda < (arows > 1 ? arows : 1) || ldb < (brows > 1 ? brows : 1) || ldc < (m > 1 ? m : 1)) return INVALID_VALUE;
    size_t es = size_of(Atype);
    if (m == 0 || n == 0) return SUCCESS;
    if (!device_range(A, (unsigned long long)lda * (transa ? m : k) * es) ||
        !device_range(B, (unsigned long long)ldb * (transb ? k : n) * es) ||
        !device_range(C, (unsigned long long)ldc * n * 4))
        return EXECUTION_FAILED;
    float a = *(const float *)alpha, b = *(const float *)beta;
    float *c = C;
    for (long long j = 0; j < n; j++)
        for (long long i = 0; i < m; i++) {
            float acc = 0.0f;
            for (long long p = 0; p < k; p++)
                acc = fmaf(load(A, Atype, at(transa, i, p, lda)), load(B, Btype, at(transb, p, j, ldb)), acc);
            c[i + j * ldc] = b == 0.0f ? a * acc : a * acc + b * c[i + j * ldc];
        }
    return SUCCESS;
}

int cublasSgemv_v2(Handle *h, int trans, int m, int n, const float *alpha, const float *A, int lda, const float *x,
                   int incx, const float *beta, float *y, int incy) {
    if (!valid(h)) return NOT_INITIALIZED;
    if (m < 0 || n < 0 || lda < (m > 1 ? m : 1) || incx == 0 || incy == 0 || trans < 0 || trans > 1) return INVALID_VALUE;
    if (incx != 1 || incy != 1) return NOT_SUPPORTED;
    int xl = trans ? m : n, yl = trans ? n : m;
    if (m == 0 || n == 0) return SUCCESS;
    if (!device_range(A, (unsigned long long)lda * n * 4) || !device_range(x, xl * 4ULL) || !device_range(y, yl * 4ULL))
        return EXECUTION_FAILED;
    for (int i = 0; i < yl; i++) {
        float acc = 0.0f;
        for (int p = 0; p < xl; p++) acc = fmaf(trans ? A[p + (long long)i * lda] : A[i + (long long)p * lda], x[p], acc);
        y[i] = *beta == 0.0f ? *alpha * acc : *alpha * acc + *beta * y[i];
    }
    return SUCCESS;
}
