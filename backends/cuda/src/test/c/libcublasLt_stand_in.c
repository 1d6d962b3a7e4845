/*
 * joulebench's stand-in cuBLASLt (libcublasLt.so.13) for machines without an NVIDIA GPU, beside the stand-in
 * libcuda.so.1 and libcublas.so.13: the calls the CUDA backend's cublas implementation makes for int8 GEMM
 * (cublasLtMatmul with CUBLAS_COMPUTE_32I), executed on the CPU with cuBLASLt's column-major semantics (the
 * matmul descriptor's TRANSA/TRANSB, each layout's rows, columns and leading dimension, int32 alpha and beta).
 * Every matrix must lie inside one allocation of the stand-in driver (else CUBLAS_STATUS_EXECUTION_FAILED).
 * Not a GPU: the device it runs on is marked stand-in and check rejects every result timed on it. Counts live
 * handles, descriptors, layouts and preferences (jbsi_cublaslt_live) so a test sees leaks.
 *
 * Build: gcc -shared -fPIC -O2 -o libcublasLt.so.13 libcublasLt_stand_in.c -ldl -lpthread
 */
#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum { SUCCESS = 0, NOT_INITIALIZED = 1, INVALID_VALUE = 7, EXECUTION_FAILED = 13, NOT_SUPPORTED = 15 };
enum { R_8I = 3, R_32I = 10, COMPUTE_32I = 72, DESC_TRANSA = 3, DESC_TRANSB = 4, PREF_MAX_WORKSPACE_BYTES = 1 };
#define MAGIC_HANDLE 0x4c544831u
#define MAGIC_DESC 0x4c544431u
#define MAGIC_LAYOUT 0x4c544c31u
#define MAGIC_PREF 0x4c545031u
#define MAGIC_ALGO 0x4c544131u

typedef struct { unsigned magic; } Handle;
typedef struct { unsigned magic; int compute, scale, transa, transb; } Desc;
typedef struct { unsigned magic; int type; uint64_t rows, cols; int64_t ld; } Layout;
typedef struct { unsigned magic; uint64_t max_workspace; } Pref;
typedef struct { uint64_t data[8]; } Algo;
typedef struct {
    Algo algo;
    size_t workspaceSize;
    int state;
    float wavesCount;
    int reserved[4];
} HeuristicResult;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static long live;

long jbsi_cublaslt_live(void) {
    pthread_mutex_lock(&lock);
    long v = live;
    pthread_mutex_unlock(&lock);
    return v;
}

static void *make(size_t size, unsigned magic) {
    unsigned *p = calloc(1, size);
    if (!p) return NULL;
    *p = magic;
    pthread_mutex_lock(&lock);
    live++;
    pthread_mutex_unlock(&lock);
    return p;
}

static int unmake(void *p, unsigned magic) {
    if (!p || *(unsigned *)p != magic) return INVALID_VALUE;
    *(unsigned *)p = 0;
    free(p);
    pthread_mutex_lock(&lock);
    live--;
    pthread_mutex_unlock(&lock);
    return SUCCESS;
}

/* the stand-in driver's check that a range is device memory */
static int device_range(const void *p, unsigned long long bytes) {
    static int (*check)(unsigned long long, unsigned long long);
    if (!check) {
        void *cuda = dlopen("libcuda.so.1", RTLD_LAZY | RTLD_NOLOAD);
        if (cuda) check = (int (*)(unsigned long long, unsigned long long))dlsym(cuda, "jbsi_device_range");
    }
    return check && check((unsigned long long)(uintptr_t)p, bytes);
}

size_t cublasLtGetVersion(void) { return 130000; } /* the stand-in says 13.0.0 */

int cublasLtCreate(Handle **h) {
    if (!h) return INVALID_VALUE;
    if (!dlopen("libcuda.so.1", RTLD_LAZY | RTLD_NOLOAD)) return NOT_INITIALIZED;
    *h = make(sizeof(Handle), MAGIC_HANDLE);
    return *h ? SUCCESS : INVALID_VALUE;
}
int cublasLtDestroy(Handle *h) { return unmake(h, MAGIC_HANDLE) ? NOT_INITIALIZED : SUCCESS; }

int cublasLtMatmulDescCreate(Desc **d, int compute, int scale) {
    if (!d) return INVALID_VALUE;
    Desc *x = make(sizeof(Desc), MAGIC_DESC);
    x->compute = compute;
    x->scale = scale;
    *d = x;
    return SUCCESS;
}
int cublasLtMatmulDescDestroy(Desc *d) { return unmake(d, MAGIC_DESC); }
int cublasLtMatmulDescSetAttribute(Desc *d, int attr, const void *buf, size_t size) {
    if (!d || d->magic != MAGIC_DESC || !buf) return INVALID_VALUE;
    if (attr != DESC_TRANSA && attr != DESC_TRANSB) return NOT_SUPPORTED; /* the stand-in knows these two */
    if (size != 4) return INVALID_VALUE;
    int op = *(const int *)buf;
    if (op < 0 || op > 1) return INVALID_VALUE;
    if (attr == DESC_TRANSA) d->transa = op;
    else d->transb = op;
    return SUCCESS;
}

int cublasLtMatrixLayoutCreate(Layout **l, int type, uint64_t rows, uint64_t cols, int64_t ld) {
    if (!l) return INVALID_VALUE;
    if (ld < (int64_t)(rows > 1 ? rows : 1)) return INVALID_VALUE; /* column-major: ld >= rows */
    Layout *x = make(sizeof(Layout), MAGIC_LAYOUT);
    x->type = type;
    x->rows = rows;
    x->cols = cols;
    x->ld = ld;
    *l = x;
    return SUCCESS;
}
int cublasLtMatrixLayoutDestroy(Layout *l) { return unmake(l, MAGIC_LAYOUT); }

int cublasLtMatmulPreferenceCreate(Pref **p) {
    if (!p) return INVALID_VALUE;
    *p = make(sizeof(Pref), MAGIC_PREF);
    return SUCCESS;
}
int cublasLtMatmulPreferenceDestroy(Pref *p) { return unmake(p, MAGIC_PREF); }
int cublasLtMatmulPreferenceSetAttribute(Pref *p, int attr, const void *buf, size_t size) {
    if (!p || p->magic != MAGIC_PREF || !buf) return INVALID_VALUE;
    if (attr != PREF_MAX_WORKSPACE_BYTES) return NOT_SUPPORTED;
    if (size != 8) return INVALID_VALUE;
    p->max_workspace = *(const uint64_t *)buf;
    return SUCCESS;
}

/* the shapes of op(A) (m x k), op(B) (k x n), C and D (m x n) agree; int8 in, int32 out, 32I compute */
static int consistent(const Desc *d, const Layout *a, const Layout *b, const Layout *c, const Layout *dd) {
    if (!d || d->magic != MAGIC_DESC) return INVALID_VALUE;
    if (!a || !b || !c || !dd || a->magic != MAGIC_LAYOUT || b->magic != MAGIC_LAYOUT || c->magic != MAGIC_LAYOUT ||
        dd->magic != MAGIC_LAYOUT)
        return INVALID_VALUE;
    if (d->compute != COMPUTE_32I || d->scale != R_32I || a->type != R_8I || b->type != R_8I || c->type != R_32I ||
        dd->type != R_32I)
        return NOT_SUPPORTED; /* the stand-in implements only the int8 GEMM the backend asks for */
    uint64_t m = d->transa ? a->cols : a->rows, k = d->transa ? a->rows : a->cols;
    uint64_t kb = d->transb ? b->cols : b->rows, n = d->transb ? b->rows : b->cols;
    if (k != kb || c->rows != m || c->cols != n || dd->rows != m || dd->cols != n) return INVALID_VALUE;
    return SUCCESS;
}

int cublasLtMatmulAlgoGetHeuristic(Handle *h, Desc *d, Layout *a, Layout *b, Layout *c, Layout *dd, Pref *p,
                                   int requested, HeuristicResult *results, int *count) {
    if (!h || h->magic != MAGIC_HANDLE) return NOT_INITIALIZED;
    if (!p || p->magic != MAGIC_PREF || requested < 1 || !results || !count) return INVALID_VALUE;
    int r = consistent(d, a, b, c, dd);
    if (r) return r;
    memset(results, 0, sizeof *results);
    results->algo.data[0] = MAGIC_ALGO;
    results->workspaceSize = 0;
    results->wavesCount = 1.0f;
    *count = 1;
    return SUCCESS;
}

int cublasLtMatmul(Handle *h, Desc *d, const void *alpha, const void *A, Layout *a, const void *B, Layout *b,
                   const void *beta, const void *C, Layout *c, void *D, Layout *dd, const Algo *algo, void *workspace,
                   size_t workspaceBytes, void *stream) {
    (void)stream;
    if (!h || h->magic != MAGIC_HANDLE) return NOT_INITIALIZED;
    int r = consistent(d, a, b, c, dd);
    if (r) return r;
    if (!alpha || !beta || !algo || algo->data[0] != MAGIC_ALGO) return INVALID_VALUE;
    if (workspaceBytes && !device_range(workspace, workspaceBytes)) return EXECUTION_FAILED;
    uint64_t m = c->rows, n = c->cols, k = d->transa ? a->rows : a->cols;
    if (m == 0 || n == 0) return SUCCESS;
    if (!device_range(A, (unsigned long long)a->ld * a->cols) || !device_range(B, (unsigned long long)b->ld * b->cols) ||
        !device_range(C, (unsigned long long)c->ld * c->cols * 4) || !device_range(D, (unsigned long long)dd->ld * dd->cols * 4))
        return EXECUTION_FAILED;
    const int8_t *x = A, *y = B;
    const int32_t *cin = C;
    int32_t *out = D, al = *(const int32_t *)alpha, be = *(const int32_t *)beta;
    for (uint64_t j = 0; j < n; j++)
        for (uint64_t i = 0; i < m; i++) {
            int64_t acc = 0;
            for (uint64_t p = 0; p < k; p++) {
                int8_t av = d->transa ? x[p + i * a->ld] : x[i + p * a->ld];
                int8_t bv = d->transb ? y[j + p * b->ld] : y[p + j * b->ld];
                acc += (int32_t)av * bv;
            }
            int32_t v = (int32_t)(al * acc);
            out[i + j * dd->ld] = be == 0 ? v : v + be * cin[i + j * c->ld];
        }
    return SUCCESS;
}
