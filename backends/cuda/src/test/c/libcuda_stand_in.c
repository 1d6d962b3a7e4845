/*
 * joulebench's stand-in CUDA driver: a libcuda.so.1 for machines without an NVIDIA GPU, so the CUDA backend's
 * host side (JCuda's real natives, argument order, launch geometry, copies and their ordering, refusals,
 * close-after-failure, leaks) runs in every CI build. It is NOT a GPU and nothing timed on it is a measurement:
 * its device names itself "joulebench stand-in ...", the provider marks the device standIn=true and check
 * rejects every result that ran on it.
 *
 * What it does with a kernel: cuModuleLoadData keeps the PTX text and checks it as a driver would (.version
 * against the PTX ISA the configured driver accepts, .target against the device's compute capability);
 * cuModuleGetFunction finds the .entry and reads its parameter types and .maxntid; cuLaunchKernel checks the
 * parameters against the kernel's signature and the block size against .maxntid, checks every buffer the
 * kernel will touch lies inside one allocation (else the context gets the sticky CUDA_ERROR_ILLEGAL_ADDRESS,
 * as a device would), then executes the kernel's semantics on the CPU with the grid and block it was given,
 * block by block, thread by thread where the kernel's indexing depends on them (a grid too small leaves rows or
 * tiles unwritten, as on a device). Launches run synchronously; events take the host clock.
 *
 * It counts live device allocations, pinned host allocations, modules, streams, events and primary-context
 * references (jbsi_counter), so a test sees leaks; it counts copies from pageable memory and kernel reads of a
 * buffer whose last write is queued on another stream with nothing ordering the two ("unordered reads").
 *
 * Configuration (environment, read by cuInit): JOULEBENCH_STAND_IN_CC ("9.0"), JOULEBENCH_STAND_IN_DRIVER
 * (cuDriverGetVersion's number, 13000 = CUDA 13.0).
 *
 * Build: gcc -shared -fPIC -O2 -o libcuda.so.1 libcuda_stand_in.c -lm -lpthread
 */
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef int CUresult;
typedef int CUdevice;
typedef unsigned long long CUdeviceptr;

enum {
    OK = 0,
    INVALID_VALUE = 1,
    OUT_OF_MEMORY = 2,
    NOT_INITIALIZED = 3,
    INVALID_DEVICE = 101,
    INVALID_IMAGE = 200,
    INVALID_CONTEXT = 201,
    NO_BINARY_FOR_GPU = 209,
    INVALID_PTX = 218,
    UNSUPPORTED_PTX_VERSION = 222,
    INVALID_HANDLE = 400,
    NOT_FOUND = 500,
    ILLEGAL_ADDRESS = 700,
    CONTEXT_IS_DESTROYED = 709,
    NOT_SUPPORTED = 801,
};

#define STAND_IN_NAME "joulebench stand-in CUDA device (kernels run on the CPU, not a GPU)"
#define STAND_IN_BUS_ID "0000:5A:00.0"
#define TOTAL_MEMORY (8ULL << 30)
#define MAGIC_CTX 0x43545831u
#define MAGIC_MOD 0x4d4f4431u
#define MAGIC_FUN 0x46554e31u
#define MAGIC_STR 0x53545231u
#define MAGIC_EVT 0x45565431u
#define LEGACY_STREAM ((void *)1)

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int initialised;
static int cc_major = 9, cc_minor = 0, driver_version = 13000;

/* ---- bookkeeping ---- */
typedef struct Alloc {
    char *base;
    size_t size;
    int pinned;
    void *pending; /* stream whose queued write has not been waited for, LEGACY_STREAM, or NULL */
    struct Alloc *next;
} Alloc;
static Alloc *allocs;
static unsigned long long device_bytes;
static long live_device, live_pinned, live_modules, live_streams, live_events, ctx_refs;
static long total_pageable_copies, total_unordered_reads, total_launches, total_illegal_addresses;
static CUresult sticky; /* the context's sticky error (an illegal address poisons it) */
static unsigned generation = 1; /* of the primary context: handles made in an earlier one are dead */

typedef struct {
    unsigned magic;
    int dummy;
} Ctx;
static Ctx primary = {MAGIC_CTX, 0};

typedef struct {
    unsigned magic;
    unsigned gen;
    char *ptx;
} Module;

typedef struct Stream {
    unsigned magic;
    unsigned gen;
    unsigned flags;
} Stream;

typedef struct {
    unsigned magic;
    unsigned gen;
    int recorded;
    double ms;
} Event;

typedef struct Function Function;
typedef CUresult (*Semantics)(Function *, void **params, unsigned gx, unsigned gy, unsigned bx, void *stream);
struct Function {
    unsigned magic;
    Module *module;
    char name[128];
    char signature[32]; /* PTX parameter types: '8' .u64/.s64, '4' .u32/.s32, 'f' .f32 */
    unsigned maxntid;   /* 0: none declared */
    Semantics run;
    const char *expected;
};

static Alloc *find_alloc(const void *p) {
    for (Alloc *a = allocs; a; a = a->next) {
        if ((const char *)p >= a->base && (const char *)p < a->base + (a->size ? a->size : 1)) return a;
    }
    return NULL;
}

/* the allocation holding [p, p+bytes), or NULL when the range is not inside one device allocation */
static Alloc *device_range(CUdeviceptr p, unsigned long long bytes) {
    Alloc *a = find_alloc((const void *)(uintptr_t)p);
    if (!a || a->pinned) return NULL;
    if ((char *)(uintptr_t)p + bytes > a->base + a->size) return NULL;
    return a;
}

static double now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

#define LOCKED(body)                 \
    do {                             \
        pthread_mutex_lock(&lock);   \
        CUresult r__ = (body);       \
        pthread_mutex_unlock(&lock); \
        return r__;                  \
    } while (0)

/* ---- counters for tests (not part of the CUDA API) ---- */
long jbsi_counter(const char *name) {
    long v = -1;
    pthread_mutex_lock(&lock);
    if (!strcmp(name, "device_allocations")) v = live_device;
    else if (!strcmp(name, "device_bytes")) v = (long)device_bytes;
    else if (!strcmp(name, "pinned_allocations")) v = live_pinned;
    else if (!strcmp(name, "modules")) v = live_modules;
    else if (!strcmp(name, "streams")) v = live_streams;
    else if (!strcmp(name, "events")) v = live_events;
    else if (!strcmp(name, "context_references")) v = ctx_refs;
    else if (!strcmp(name, "pageable_copies")) v = total_pageable_copies;
    else if (!strcmp(name, "unordered_reads")) v = total_unordered_reads;
    else if (!strcmp(name, "launches")) v = total_launches;
    else if (!strcmp(name, "illegal_addresses")) v = total_illegal_addresses;
    pthread_mutex_unlock(&lock);
    return v;
}

/* for the stand-in cuBLAS: whether [p, p+bytes) lies inside one device allocation */
int jbsi_device_range(unsigned long long p, unsigned long long bytes) {
    pthread_mutex_lock(&lock);
    int ok = device_range(p, bytes ? bytes : 1) != NULL && !sticky;
    pthread_mutex_unlock(&lock);
    return ok;
}

/* ---- initialisation and devices ---- */
/* tests: another device generation and driver from now on (what cuDeviceGetAttribute and cuDriverGetVersion
   say, and what cuModuleLoadData accepts) */
void jbsi_set_device(int major, int minor, int driver) {
    pthread_mutex_lock(&lock);
    cc_major = major;
    cc_minor = minor;
    driver_version = driver;
    initialised = 1;
    pthread_mutex_unlock(&lock);
}

CUresult cuInit(unsigned flags) {
    (void)flags;
    pthread_mutex_lock(&lock);
    if (initialised) {
        pthread_mutex_unlock(&lock);
        return OK;
    }
    const char *cc = getenv("JOULEBENCH_STAND_IN_CC");
    if (cc && sscanf(cc, "%d.%d", &cc_major, &cc_minor) != 2) {
        cc_major = 9;
        cc_minor = 0;
    }
    const char *drv = getenv("JOULEBENCH_STAND_IN_DRIVER");
    if (drv) driver_version = atoi(drv);
    initialised = 1;
    pthread_mutex_unlock(&lock);
    return OK;
}

CUresult cuDriverGetVersion(int *v) {
    if (!v) return INVALID_VALUE;
    *v = driver_version;
    return OK;
}

CUresult cuDeviceGetCount(int *n) {
    if (!initialised) return NOT_INITIALIZED;
    *n = 1;
    return OK;
}

CUresult cuDeviceGet(CUdevice *d, int ordinal) {
    if (!initialised) return NOT_INITIALIZED;
    if (ordinal != 0) return INVALID_DEVICE;
    *d = 0;
    return OK;
}

CUresult cuDeviceGetName(char *name, int len, CUdevice d) {
    if (d != 0) return INVALID_DEVICE;
    if (!name || len < 1) return INVALID_VALUE;
    snprintf(name, (size_t)len, "%s", STAND_IN_NAME);
    return OK;
}

CUresult cuDeviceGetPCIBusId(char *bus, int len, CUdevice d) {
    if (d != 0) return INVALID_DEVICE;
    if (!bus || len < 13) return INVALID_VALUE;
    snprintf(bus, (size_t)len, "%s", STAND_IN_BUS_ID);
    return OK;
}

CUresult cuDeviceTotalMem_v2(size_t *bytes, CUdevice d) {
    if (d != 0) return INVALID_DEVICE;
    *bytes = TOTAL_MEMORY;
    return OK;
}

CUresult cuDeviceGetAttribute(int *v, int attribute, CUdevice d) {
    if (d != 0) return INVALID_DEVICE;
    switch (attribute) {
        case 1: *v = 1024; break;          /* max threads per block */
        case 8: *v = 48 * 1024; break;     /* shared memory per block */
        case 10: *v = 32; break;           /* warp size */
        case 13: *v = 1000000; break;      /* clock, kHz */
        case 16: *v = 2; break;            /* multiprocessors */
        case 36: *v = 1000000; break;      /* memory clock, kHz */
        case 37: *v = 64; break;           /* memory bus width */
        case 38: *v = 4 << 20; break;      /* L2 bytes */
        case 75: *v = cc_major; break;
        case 76: *v = cc_minor; break;
        default: *v = 0;
    }
    return OK;
}

CUresult cuDevicePrimaryCtxRetain(void **ctx, CUdevice d) {
    if (!initialised) return NOT_INITIALIZED;
    if (d != 0) return INVALID_DEVICE;
    pthread_mutex_lock(&lock);
    ctx_refs++;
    pthread_mutex_unlock(&lock);
    *ctx = &primary;
    return OK;
}

CUresult cuDevicePrimaryCtxRelease_v2(CUdevice d) {
    if (d != 0) return INVALID_DEVICE;
    pthread_mutex_lock(&lock);
    CUresult r = OK;
    if (ctx_refs <= 0) r = INVALID_CONTEXT;
    else if (--ctx_refs == 0) {
        /* the context is destroyed with everything made in it; a new one starts clean */
        while (allocs) {
            Alloc *a = allocs;
            allocs = a->next;
            free(a->base);
            free(a);
        }
        device_bytes = 0;
        live_device = live_pinned = live_modules = live_streams = live_events = 0;
        generation++;
        sticky = OK;
    }
    pthread_mutex_unlock(&lock);
    return r;
}

CUresult cuCtxSetCurrent(void *ctx) {
    if (ctx && ((Ctx *)ctx)->magic != MAGIC_CTX) return INVALID_CONTEXT;
    if (ctx && ctx_refs == 0) return CONTEXT_IS_DESTROYED;
    return OK;
}

static void complete_all(void) {
    for (Alloc *a = allocs; a; a = a->next) a->pending = NULL;
}

CUresult cuCtxSynchronize(void) {
    pthread_mutex_lock(&lock);
    complete_all();
    CUresult r = sticky;
    pthread_mutex_unlock(&lock);
    return r;
}

CUresult cuMemGetInfo_v2(size_t *free_bytes, size_t *total) {
    pthread_mutex_lock(&lock);
    *total = TOTAL_MEMORY;
    *free_bytes = TOTAL_MEMORY - device_bytes;
    pthread_mutex_unlock(&lock);
    return OK;
}

/* ---- memory ---- */
static CUresult alloc_locked(void **p, size_t bytes, int pinned) {
    if (!p || bytes == 0) return INVALID_VALUE;
    if (sticky) return sticky;
    if (!pinned && device_bytes + bytes > TOTAL_MEMORY) return OUT_OF_MEMORY;
    Alloc *a = calloc(1, sizeof(Alloc));
    a->base = malloc(bytes);
    if (!a->base) {
        free(a);
        return OUT_OF_MEMORY;
    }
    a->size = bytes;
    a->pinned = pinned;
    a->next = allocs;
    allocs = a;
    if (pinned) live_pinned++;
    else {
        live_device++;
        device_bytes += bytes;
    }
    *p = a->base;
    return OK;
}

static CUresult free_locked(void *p, int pinned) {
    Alloc **link = &allocs;
    for (Alloc *a = allocs; a; link = &a->next, a = a->next) {
        if (a->base == p && a->pinned == pinned) {
            *link = a->next;
            if (pinned) live_pinned--;
            else {
                live_device--;
                device_bytes -= a->size;
            }
            free(a->base);
            free(a);
            return OK;
        }
    }
    return INVALID_VALUE;
}

CUresult cuMemAlloc_v2(CUdeviceptr *p, size_t bytes) {
    void *q = NULL;
    pthread_mutex_lock(&lock);
    CUresult r = alloc_locked(&q, bytes, 0);
    pthread_mutex_unlock(&lock);
    if (r == OK) *p = (CUdeviceptr)(uintptr_t)q;
    return r;
}

CUresult cuMemFree_v2(CUdeviceptr p) { LOCKED(free_locked((void *)(uintptr_t)p, 0)); }

CUresult cuMemAllocHost_v2(void **p, size_t bytes) { LOCKED(alloc_locked(p, bytes, 1)); }

CUresult cuMemFreeHost(void *p) { LOCKED(free_locked(p, 1)); }

static int is_pinned(const void *host, size_t bytes) {
    Alloc *a = find_alloc(host);
    return a && a->pinned && (const char *)host + bytes <= a->base + a->size;
}

static CUresult htod(CUdeviceptr dst, const void *src, size_t bytes, void *stream, int async) {
    if (sticky) return sticky;
    Alloc *a = device_range(dst, bytes);
    if (!a || !src) return INVALID_VALUE;
    int pinned = is_pinned(src, bytes);
    if (!pinned) total_pageable_copies++;
    memcpy((void *)(uintptr_t)dst, src, bytes);
    /* a pageable copy returns once the data is staged; its DMA runs on the legacy stream, which a
       non-blocking stream does not wait for. A synchronous copy from pinned memory is complete on return. */
    if (async) a->pending = stream ? stream : LEGACY_STREAM;
    else a->pending = pinned ? NULL : LEGACY_STREAM;
    return OK;
}

static CUresult dtoh(void *dst, CUdeviceptr src, size_t bytes, void *stream, int async) {
    (void)stream;
    (void)async;
    if (sticky) return sticky;
    if (!device_range(src, bytes) || !dst) return INVALID_VALUE;
    if (!is_pinned(dst, bytes)) total_pageable_copies++;
    memcpy(dst, (void *)(uintptr_t)src, bytes);
    return OK;
}

CUresult cuMemcpyHtoD_v2(CUdeviceptr dst, const void *src, size_t bytes) { LOCKED(htod(dst, src, bytes, NULL, 0)); }
CUresult cuMemcpyHtoDAsync_v2(CUdeviceptr dst, const void *src, size_t bytes, void *stream) {
    LOCKED(htod(dst, src, bytes, stream, 1));
}
CUresult cuMemcpyDtoH_v2(void *dst, CUdeviceptr src, size_t bytes) { LOCKED(dtoh(dst, src, bytes, NULL, 0)); }
CUresult cuMemcpyDtoHAsync_v2(void *dst, CUdeviceptr src, size_t bytes, void *stream) {
    LOCKED(dtoh(dst, src, bytes, stream, 1));
}

/* a device-to-device copy queued on a stream (calibration's copy bandwidth): both ranges inside allocations */
static CUresult dtod(CUdeviceptr dst, CUdeviceptr src, size_t bytes, void *stream) {
    if (sticky) return sticky;
    Alloc *d = device_range(dst, bytes);
    if (!d || !device_range(src, bytes)) return INVALID_VALUE;
    memmove((void *)(uintptr_t)dst, (const void *)(uintptr_t)src, bytes);
    d->pending = stream ? stream : LEGACY_STREAM;
    return OK;
}
CUresult cuMemcpyDtoDAsync_v2(CUdeviceptr dst, CUdeviceptr src, size_t bytes, void *stream) {
    LOCKED(dtod(dst, src, bytes, stream));
}

/* ---- modules: the PTX checked as a driver would ---- */

/* The newest PTX ISA (major*10+minor) a driver of this CUDA version accepts (CUDA 12.x -> 8.x, 13.0 -> 9.0). */
static int max_ptx_isa(int driver) {
    int major = driver / 1000, minor = (driver % 1000) / 10;
    if (major >= 13) return 90 + minor;
    if (major == 12) {
        static const int isa[] = {80, 81, 82, 83, 84, 85, 85, 86, 87, 88};
        return isa[minor < 10 ? minor : 9];
    }
    if (major == 11) return 70 + (minor < 8 ? minor : 8);
    return 0;
}

CUresult cuModuleLoadData(void **module, const void *image) {
    if (!module || !image) return INVALID_VALUE;
    const char *text = image;
    const char *v = strstr(text, ".version ");
    const char *t = strstr(text, ".target ");
    int vmaj, vmin, sm;
    if (!v || !t || sscanf(v, ".version %d.%d", &vmaj, &vmin) != 2 || sscanf(t, ".target sm_%d", &sm) != 1) {
        return INVALID_PTX;
    }
    if (vmaj * 10 + vmin > max_ptx_isa(driver_version)) return UNSUPPORTED_PTX_VERSION;
    int device_sm = cc_major * 10 + cc_minor;
    /* PTX JIT-compiles onto its target or newer; an arch-specific target (sm_90a) only onto that chip */
    if (sm > device_sm) return NO_BINARY_FOR_GPU;
    char suffix = t[strlen(".target sm_") + (sm >= 100 ? 3 : 2)];
    if ((suffix == 'a' || suffix == 'f') && sm != device_sm) return NO_BINARY_FOR_GPU;
    pthread_mutex_lock(&lock);
    if (sticky) {
        pthread_mutex_unlock(&lock);
        return sticky;
    }
    Module *m = calloc(1, sizeof(Module));
    m->magic = MAGIC_MOD;
    m->gen = generation;
    m->ptx = strdup(text);
    live_modules++;
    pthread_mutex_unlock(&lock);
    *module = m;
    return OK;
}

CUresult cuModuleUnload(void *module) {
    Module *m = module;
    if (!m || m->magic != MAGIC_MOD) return INVALID_HANDLE;
    if (m->gen != generation) return CONTEXT_IS_DESTROYED;
    pthread_mutex_lock(&lock);
    m->magic = 0;
    free(m->ptx);
    m->ptx = NULL; /* the struct stays: functions of the module still point at it */
    live_modules--;
    pthread_mutex_unlock(&lock);
    return OK;
}

/* ---- the kernels' semantics ---- */
#define P(i, T) (*(T *)params[i])
#define PTR(i, T) ((T *)(uintptr_t)P(i, CUdeviceptr))

static int in_range_ptr(const void *p, unsigned long long bytes) {
    return device_range((CUdeviceptr)(uintptr_t)p, bytes ? bytes : 1) != NULL;
}

/* every pointer the kernel touches must lie in one allocation, for the extent the dims give */
#define NEED(ptr, bytes)                                 \
    do {                                                 \
        if (!in_range_ptr((ptr), (bytes))) return ILLEGAL_ADDRESS; \
    } while (0)

static float half_to_float(uint16_t h) {
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

static float bf16_to_float(uint16_t h) {
    uint32_t bits = (uint32_t)h << 16;
    float f;
    memcpy(&f, &bits, 4);
    return f;
}

static CUresult sem_noop(Function *f, void **params, unsigned gx, unsigned gy, unsigned bx, void *s) {
    (void)f, (void)params, (void)gx, (void)gy, (void)bx, (void)s;
    return OK;
}

/* grid-stride loops: i = block*blockDim + thread, stepping by gridDim*blockDim */
#define GRID_STRIDE(n, body)                                                      \
    for (unsigned blk_ = 0; blk_ < gx; blk_++)                                    \
        for (unsigned thr_ = 0; thr_ < bx; thr_++)                                \
            for (long long i = (long long)blk_ * bx + thr_; i < (n); i += (long long)gx * bx) body

static CUresult sem_triad(Function *f, void **params, unsigned gx, unsigned gy, unsigned bx, void *s) {
    (void)f, (void)gy, (void)s;
    float *a = PTR(0, float);
    const float *b = PTR(1, float), *c = PTR(2, float);
    float alpha = P(3, float);
    long long n = P(4, long long);
    NEED(a, n * 4ULL); NEED(b, n * 4ULL); NEED(c, n * 4ULL);
    GRID_STRIDE(n, { a[i] = fmaf(alpha, c[i], b[i]); });
    return OK;
}

static CUresult sem_gelu(Function *f, void **params, unsigned gx, unsigned gy, unsigned bx, void *s) {
    (void)f, (void)gy, (void)s;
    float *y = PTR(0, float);
    const float *x = PTR(1, float);
    long long n = P(2, long long);
    NEED(y, n * 4ULL); NEED(x, n * 4ULL);
    const float k0 = 0.7978845608028654f;
    GRID_STRIDE(n, {
        float v = x[i];
        y[i] = 0.5f * v * (1.0f + tanhf(k0 * (v + 0.044715f * v * v * v)));
    });
    return OK;
}

static CUresult sem_silu(Function *f, void **params, unsigned gx, unsigned gy, unsigned bx, void *s) {
    (void)f, (void)gy, (void)s;
    float *y = PTR(0, float);
    const float *x = PTR(1, float);
    long long n = P(2, long long);
    NEED(y, n * 4ULL); NEED(x, n * 4ULL);
    GRID_STRIDE(n, {
        float v = x[i];
        y[i] = v / (1.0f + expf(-v));
    });
    return OK;
}

/* one block per row: rows past the grid stay unwritten */
static CUresult sem_softmax(Function *f, void **params, unsigned gx, unsigned gy, unsigned bx, void *s) {
    (void)f, (void)gy, (void)bx, (void)s;
    float *y = PTR(0, float);
    const float *x = PTR(1, float);
    int rows = P(2, int), cols = P(3, int);
    NEED(y, (unsigned long long)rows * cols * 4); NEED(x, (unsigned long long)rows * cols * 4);
    for (unsigned row = 0; row < gx && (int)row < rows; row++) {
        const float *xr = x + (long long)row * cols;
        float *yr = y + (long long)row * cols;
        float m = -INFINITY, sum = 0.0f;
        for (int c = 0; c < cols; c++) {
            float v = xr[c];
            if (v > m) {
                sum = sum * expf(m - v) + 1.0f;
                m = v;
            } else sum += expf(v - m);
        }
        float inv = 1.0f / sum;
        for (int c = 0; c < cols; c++) yr[c] = expf(xr[c] - m) * inv;
    }
    return OK;
}

static CUresult sem_layernorm(Function *f, void **params, unsigned gx, unsigned gy, unsigned bx, void *s) {
    (void)f, (void)gy, (void)bx, (void)s;
    float *y = PTR(0, float);
    const float *x = PTR(1, float), *gamma = PTR(2, float), *beta = PTR(3, float);
    int rows = P(4, int), cols = P(5, int);
    float eps = P(6, float);
    unsigned long long rc = (unsigned long long)rows * cols * 4;
    NEED(y, rc); NEED(x, rc); NEED(gamma, cols * 4ULL); NEED(beta, cols * 4ULL);
    for (unsigned row = 0; row < gx && (int)row < rows; row++) {
        const float *xr = x + (long long)row * cols;
        float *yr = y + (long long)row * cols;
        float sum = 0.0f;
        for (int c = 0; c < cols; c++) sum += xr[c];
        float mean = sum / cols, q = 0.0f;
        for (int c = 0; c < cols; c++) {
            float d = xr[c] - mean;
            q = fmaf(d, d, q);
        }
        float inv = 1.0f / sqrtf(q / cols + eps);
        for (int c = 0; c < cols; c++) yr[c] = fmaf((xr[c] - mean) * inv, gamma[c], beta[c]);
    }
    return OK;
}

static CUresult sem_rmsnorm(Function *f, void **params, unsigned gx, unsigned gy, unsigned bx, void *s) {
    (void)f, (void)gy, (void)bx, (void)s;
    float *y = PTR(0, float);
    const float *x = PTR(1, float), *gamma = PTR(2, float);
    int rows = P(3, int), cols = P(4, int);
    float eps = P(5, float);
    unsigned long long rc = (unsigned long long)rows * cols * 4;
    NEED(y, rc); NEED(x, rc); NEED(gamma, cols * 4ULL);
    for (unsigned row = 0; row < gx && (int)row < rows; row++) {
        const float *xr = x + (long long)row * cols;
        float *yr = y + (long long)row * cols;
        float q = 0.0f;
        for (int c = 0; c < cols; c++) q = fmaf(xr[c], xr[c], q);
        float inv = 1.0f / sqrtf(q / cols + eps);
        for (int c = 0; c < cols; c++) yr[c] = xr[c] * inv * gamma[c];
    }
    return OK;
}

/* one warp per row, 8 rows per block (the kernel's compile-time GEMV_THREADS / 32) */
static CUresult sem_gemv(Function *f, void **params, unsigned gx, unsigned gy, unsigned bx, void *s) {
    (void)f, (void)gy, (void)s;
    float *y = PTR(0, float);
    const float *A = PTR(1, float), *x = PTR(2, float);
    int M = P(3, int), K = P(4, int);
    NEED(y, M * 4ULL); NEED(A, (unsigned long long)M * K * 4); NEED(x, K * 4ULL);
    for (unsigned b = 0; b < gx; b++)
        for (unsigned w = 0; w < bx / 32; w++) {
            long long row = (long long)b * 8 + w;
            if (row >= M) continue;
            float acc = 0.0f;
            for (int k = 0; k < K; k++) acc = fmaf(A[row * K + k], x[k], acc);
            y[row] = acc;
        }
    return OK;
}

/* 64x64 output tiles: block (x, y) writes rows y*64.., columns x*64..; threads as the kernels split them */
static CUresult sem_gemm_f32(Function *f, void **params, unsigned gx, unsigned gy, unsigned bx, void *s) {
    (void)f, (void)s;
    float *C = PTR(0, float);
    const float *A = PTR(1, float), *B = PTR(2, float);
    int M = P(3, int), N = P(4, int), K = P(5, int);
    NEED(C, (unsigned long long)M * N * 4); NEED(A, (unsigned long long)M * K * 4); NEED(B, (unsigned long long)K * N * 4);
    for (unsigned by = 0; by < gy; by++)
        for (unsigned bxi = 0; bxi < gx; bxi++)
            for (unsigned tid = 0; tid < bx && tid < 256; tid++) {
                int tx = tid % 16, ty = tid / 16;
                for (int i = 0; i < 4; i++) {
                    int gm = by * 64 + ty * 4 + i;
                    if (gm >= M) continue;
                    for (int j = 0; j < 4; j++) {
                        int gn = bxi * 64 + tx * 4 + j;
                        if (gn >= N) continue;
                        float acc = 0.0f;
                        for (int k = 0; k < K; k++) acc = fmaf(A[(long long)gm * K + k], B[(long long)k * N + gn], acc);
                        C[(long long)gm * N + gn] = acc;
                    }
                }
            }
    return OK;
}

/* the tensor-core GEMMs: 4 warps, each a 32x32 quarter of the tile; the tile is written back by a loop
   striding 128 threads */
static CUresult gemm_tiles(void **params, unsigned gx, unsigned gy, unsigned bx, int kind) {
    const void *A = PTR(1, void), *B = PTR(2, void);
    int M = P(3, int), N = P(4, int), K = P(5, int);
    size_t in = kind == 2 ? 1 : 2;
    NEED(PTR(0, void), (unsigned long long)M * N * 4); NEED(A, (unsigned long long)M * K * in); NEED(B, (unsigned long long)K * N * in);
    float tile[64][64];
    int itile[64][64];
    for (unsigned by = 0; by < gy; by++)
        for (unsigned bxi = 0; bxi < gx; bxi++) {
            memset(tile, 0, sizeof tile);
            memset(itile, 0, sizeof itile);
            for (unsigned w = 0; w < bx / 32 && w < 4; w++) {
                int wm = (w / 2) * 32, wn = (w % 2) * 32;
                for (int i = 0; i < 32; i++)
                    for (int j = 0; j < 32; j++) {
                        int gm = by * 64 + wm + i, gn = bxi * 64 + wn + j;
                        if (gm >= M || gn >= N) continue;
                        if (kind == 2) {
                            const signed char *a = A, *b = B;
                            int acc = 0;
                            for (int k = 0; k < K; k++) acc += a[(long long)gm * K + k] * b[(long long)k * N + gn];
                            itile[wm + i][wn + j] = acc;
                        } else {
                            const uint16_t *a = A, *b = B;
                            float acc = 0.0f;
                            for (int k = 0; k < K; k++) {
                                float x = kind == 0 ? half_to_float(a[(long long)gm * K + k]) : bf16_to_float(a[(long long)gm * K + k]);
                                float y = kind == 0 ? half_to_float(b[(long long)k * N + gn]) : bf16_to_float(b[(long long)k * N + gn]);
                                acc = fmaf(x, y, acc);
                            }
                            tile[wm + i][wn + j] = acc;
                        }
                    }
            }
            for (unsigned tid = 0; tid < bx && tid < 128; tid++)
                for (int i = tid; i < 64 * 64; i += 128) {
                    int m = i / 64, n = i % 64, gm = by * 64 + m, gn = bxi * 64 + n;
                    if (gm >= M || gn >= N) continue;
                    if (kind == 2) PTR(0, int)[(long long)gm * N + gn] = itile[m][n];
                    else PTR(0, float)[(long long)gm * N + gn] = tile[m][n];
                }
        }
    return OK;
}

static CUresult sem_gemm_f16(Function *f, void **p, unsigned gx, unsigned gy, unsigned bx, void *s) {
    (void)f, (void)s;
    return gemm_tiles(p, gx, gy, bx, 0);
}
static CUresult sem_gemm_bf16(Function *f, void **p, unsigned gx, unsigned gy, unsigned bx, void *s) {
    (void)f, (void)s;
    return gemm_tiles(p, gx, gy, bx, 1);
}
static CUresult sem_gemm_i8(Function *f, void **p, unsigned gx, unsigned gy, unsigned bx, void *s) {
    (void)f, (void)s;
    return gemm_tiles(p, gx, gy, bx, 2);
}

/* gemm_mma.cu's tuned GEMMs: 128x128 output tiles, 8 warps as 2 (rows) x 4 (columns), each a 64x32 part of the
   tile written from its own accumulators (nothing past M or N) */
static CUresult gemm_mma_tiles(void **params, unsigned gx, unsigned gy, unsigned bx, int bf16) {
    float *C = PTR(0, float);
    const uint16_t *A = PTR(1, uint16_t), *B = PTR(2, uint16_t);
    int M = P(3, int), N = P(4, int), K = P(5, int);
    NEED(C, (unsigned long long)M * N * 4); NEED(A, (unsigned long long)M * K * 2); NEED(B, (unsigned long long)K * N * 2);
    for (unsigned by = 0; by < gy; by++)
        for (unsigned bxi = 0; bxi < gx; bxi++)
            for (unsigned w = 0; w < bx / 32 && w < 8; w++) {
                int wm = (w / 4) * 64, wn = (w % 4) * 32;
                for (int i = 0; i < 64; i++)
                    for (int j = 0; j < 32; j++) {
                        long long gm = (long long)by * 128 + wm + i, gn = (long long)bxi * 128 + wn + j;
                        if (gm >= M || gn >= N) continue;
                        float acc = 0.0f;
                        for (int k = 0; k < K; k++) {
                            uint16_t a = A[gm * K + k], b = B[(long long)k * N + gn];
                            acc = fmaf(bf16 ? bf16_to_float(a) : half_to_float(a), bf16 ? bf16_to_float(b) : half_to_float(b), acc);
                        }
                        C[gm * N + gn] = acc;
                    }
            }
    return OK;
}
static CUresult sem_gemm_f16_mma(Function *f, void **p, unsigned gx, unsigned gy, unsigned bx, void *s) {
    (void)f, (void)s;
    return gemm_mma_tiles(p, gx, gy, bx, 0);
}
static CUresult sem_gemm_bf16_mma(Function *f, void **p, unsigned gx, unsigned gy, unsigned bx, void *s) {
    (void)f, (void)s;
    return gemm_mma_tiles(p, gx, gy, bx, 1);
}

/* qgemv: one warp per row, 8 rows per block (the kernel's QGEMV_THREADS / 32); int8 or packed int4 weights,
   one fp32 scale per group of G columns of a row */
static CUresult qgemv(void **params, unsigned gx, unsigned bx, int int4) {
    float *y = PTR(0, float);
    const unsigned char *W = PTR(1, unsigned char);
    const float *scales = PTR(2, float), *x = PTR(3, float);
    int M = P(4, int), K = P(5, int), G = P(6, int);
    if (G < 1) return ILLEGAL_ADDRESS; /* a division by zero on a device: garbage, never a result */
    long long groups = (K + G - 1) / G, rowBytes = int4 ? (K + 1) / 2 : K;
    NEED(y, M * 4ULL); NEED(W, (unsigned long long)M * rowBytes); NEED(scales, (unsigned long long)M * groups * 4);
    NEED(x, K * 4ULL);
    for (unsigned b = 0; b < gx; b++)
        for (unsigned w = 0; w < bx / 32; w++) {
            long long row = (long long)b * 8 + w;
            if (row >= M) continue;
            const unsigned char *wr = W + row * rowBytes;
            float acc = 0.0f;
            for (int k = 0; k < K; k++) {
                int q;
                if (int4) {
                    int nib = (wr[k >> 1] >> (4 * (k & 1))) & 0xf;
                    q = nib >= 8 ? nib - 16 : nib;
                } else q = (signed char)wr[k];
                acc = fmaf((float)q * scales[row * groups + k / G], x[k], acc);
            }
            y[row] = acc;
        }
    return OK;
}
static CUresult sem_qgemv_i8(Function *f, void **p, unsigned gx, unsigned gy, unsigned bx, void *s) {
    (void)f, (void)gy, (void)s;
    return qgemv(p, gx, bx, 0);
}
static CUresult sem_qgemv_i4(Function *f, void **p, unsigned gx, unsigned gy, unsigned bx, void *s) {
    (void)f, (void)gy, (void)s;
    return qgemv(p, gx, bx, 1);
}

/* conv2d as the kernel's implicit GEMM: block (x, y) writes output channels y*64.., output pixels (n, p, q in
   row-major order) x*64..; each of 256 threads 4 channels x 4 pixels. P and Q are taken as passed. */
static CUresult sem_conv2d(Function *f, void **params, unsigned gx, unsigned gy, unsigned bx, void *s) {
    (void)f, (void)s;
    float *out = PTR(0, float);
    const float *in = PTR(1, float), *wt = PTR(2, float);
    int N = P(3, int), C = P(4, int), H = P(5, int), W = P(6, int), K = P(7, int), R = P(8, int), S = P(9, int);
    int stride = P(10, int), pad = P(11, int), Pp = P(12, int), Q = P(13, int);
    long long pixels = (long long)N * Pp * Q, pq = (long long)Pp * Q;
    NEED(out, (unsigned long long)pixels * K * 4); NEED(in, (unsigned long long)N * C * H * W * 4);
    NEED(wt, (unsigned long long)K * C * R * S * 4);
    for (unsigned by = 0; by < gy; by++)
        for (unsigned bxi = 0; bxi < gx; bxi++)
            for (unsigned tid = 0; tid < bx && tid < 256; tid++) {
                int tx = tid % 16, ty = tid / 16;
                for (int j = 0; j < 4; j++) {
                    long long gn = (long long)bxi * 64 + tx * 4 + j;
                    if (gn >= pixels) continue;
                    long long n = gn / pq;
                    int p = (int)(gn % pq / Q), q = (int)(gn % Q);
                    for (int i = 0; i < 4; i++) {
                        int k = by * 64 + ty * 4 + i;
                        if (k >= K) continue;
                        float acc = 0.0f;
                        for (int c = 0; c < C; c++)
                            for (int r = 0; r < R; r++)
                                for (int t = 0; t < S; t++) {
                                    int h = p * stride - pad + r, w = q * stride - pad + t;
                                    if (h < 0 || h >= H || w < 0 || w >= W) continue;
                                    acc = fmaf(in[((n * C + c) * H + h) * W + w], wt[(((long long)k * C + c) * R + r) * S + t], acc);
                                }
                        out[(n * K + k) * pq + (gn % pq)] = acc;
                    }
                }
            }
    return OK;
}

/* attention: block (x, y) is head y (b*H + h), one warp per query row x*8 + warp; the row's softmax in one
   online pass. The kernel's dynamic shared memory must hold its key/value tiles and queries, and it keeps at
   most 128 output columns of a row in registers (ATT_MAX_D). */
static unsigned launch_shared; /* the launch's dynamic shared memory, bytes */
static CUresult attention(void **params, unsigned gx, unsigned gy, unsigned bx, int causal) {
    float *O = PTR(0, float);
    const float *Q = PTR(1, float), *K = PTR(2, float), *V = PTR(3, float);
    int L = P(4, int), D = P(5, int);
    float scale = P(6, float);
    unsigned long long extent = (unsigned long long)gy * L * D * 4;
    NEED(O, extent); NEED(Q, extent); NEED(K, extent); NEED(V, extent);
    if ((unsigned long long)launch_shared < 4ULL * (32ULL * (D + 1) + 32ULL * D + 8ULL * D)) return ILLEGAL_ADDRESS;
    float *scores = malloc(sizeof(float) * (L > 0 ? L : 1));
    if (!scores) return OUT_OF_MEMORY;
    for (unsigned head = 0; head < gy; head++)
        for (unsigned bxi = 0; bxi < gx; bxi++)
            for (unsigned w = 0; w < bx / 32 && w < 8; w++) {
                long long i = (long long)bxi * 8 + w;
                if (i >= L) continue;
                const float *q = Q + ((long long)head * L + i) * D;
                int keys = causal ? (int)i + 1 : L;
                float m = -INFINITY, l = 0.0f;
                for (int j = 0; j < keys; j++) {
                    const float *k = K + ((long long)head * L + j) * D;
                    float dot = 0.0f;
                    for (int d = 0; d < D; d++) dot = fmaf(q[d], k[d], dot);
                    scores[j] = dot * scale;
                    if (scores[j] > m) m = scores[j];
                }
                for (int j = 0; j < keys; j++) {
                    scores[j] = expf(scores[j] - m);
                    l += scores[j];
                }
                float *o = O + ((long long)head * L + i) * D;
                for (int d = 0; d < D && d < 128; d++) {
                    float acc = 0.0f;
                    for (int j = 0; j < keys; j++) acc = fmaf(scores[j], V[((long long)head * L + j) * D + d], acc);
                    o[d] = acc / l;
                }
            }
    free(scores);
    return OK;
}
static CUresult sem_attention(Function *f, void **p, unsigned gx, unsigned gy, unsigned bx, void *s) {
    (void)f, (void)s;
    return attention(p, gx, gy, bx, 0);
}
static CUresult sem_attention_causal(Function *f, void **p, unsigned gx, unsigned gy, unsigned bx, void *s) {
    (void)f, (void)s;
    return attention(p, gx, gy, bx, 1);
}

/* name, PTX parameter types, which parameters are buffers the kernel reads ('r'), writes ('w') or neither */
static const struct {
    const char *name;
    const char *signature;
    const char *buffers;
    Semantics run;
} KERNELS[] = {
    {"noop_kernel", "", "", sem_noop},
    {"triad_f32", "888f8", "wrr..", sem_triad},
    {"gelu_f32", "888", "wr.", sem_gelu},
    {"silu_f32", "888", "wr.", sem_silu},
    {"softmax_f32", "8844", "wr..", sem_softmax},
    {"layernorm_f32", "888844f", "wrrr...", sem_layernorm},
    {"rmsnorm_f32", "88844f", "wrr...", sem_rmsnorm},
    {"gemv_f32", "88844", "wrr..", sem_gemv},
    {"gemm_f32", "888444", "wrr...", sem_gemm_f32},
    {"gemm_f16", "888444", "wrr...", sem_gemm_f16},
    {"gemm_bf16", "888444", "wrr...", sem_gemm_bf16},
    {"gemm_i8", "888444", "wrr...", sem_gemm_i8},
    {"gemm_f16_mma", "888444", "wrr...", sem_gemm_f16_mma},
    {"gemm_bf16_mma", "888444", "wrr...", sem_gemm_bf16_mma},
    {"qgemv_i8", "8888444", "wrrr...", sem_qgemv_i8},
    {"qgemv_i4", "8888444", "wrrr...", sem_qgemv_i4},
    {"conv2d_f32", "88844444444444", "wrr...........", sem_conv2d},
    {"attention_f32", "888844f", "wrrr...", sem_attention},
    {"attention_causal_f32", "888844f", "wrrr...", sem_attention_causal},
};

/* reads the .entry's parameter types and .maxntid from the PTX; 0 when the entry is not there */
static int parse_entry(const char *ptx, const char *name, char *signature, size_t cap, unsigned *maxntid) {
    char needle[160];
    snprintf(needle, sizeof needle, ".entry %s(", name);
    const char *e = strstr(ptx, needle);
    if (!e) {
        snprintf(needle, sizeof needle, ".entry %s\n", name);
        e = strstr(ptx, needle);
        if (!e) {
            snprintf(needle, sizeof needle, ".entry %s()", name);
            e = strstr(ptx, needle);
            if (!e) return 0;
        }
    }
    const char *close = strchr(e, ')');
    size_t n = 0;
    for (const char *p = strstr(e, ".param "); p && close && p < close && n + 1 < cap; p = strstr(p + 1, ".param ")) {
        const char *type = p + strlen(".param ");
        signature[n++] = !strncmp(type, ".u64", 4) || !strncmp(type, ".s64", 4) ? '8'
                         : !strncmp(type, ".f32", 4)                              ? 'f'
                                                                                  : '4';
    }
    signature[n] = 0;
    *maxntid = 0;
    const char *body = close ? strchr(close, '{') : NULL;
    const char *m = close ? strstr(close, ".maxntid") : NULL;
    if (m && (!body || m < body)) sscanf(m, ".maxntid %u", maxntid);
    return 1;
}

CUresult cuModuleGetFunction(void **fn, void *module, const char *name) {
    Module *m = module;
    if (!m || m->magic != MAGIC_MOD || !fn || !name) return INVALID_HANDLE;
    if (m->gen != generation) return CONTEXT_IS_DESTROYED;
    Function f = {MAGIC_FUN, m, "", "", 0, NULL, NULL};
    if (!parse_entry(m->ptx, name, f.signature, sizeof f.signature, &f.maxntid)) return NOT_FOUND;
    for (size_t i = 0; i < sizeof KERNELS / sizeof KERNELS[0]; i++) {
        if (!strcmp(KERNELS[i].name, name)) {
            f.run = KERNELS[i].run;
            f.expected = KERNELS[i].signature;
        }
    }
    if (!f.run) return NOT_SUPPORTED; /* a kernel whose semantics the stand-in does not know */
    snprintf(f.name, sizeof f.name, "%s", name);
    Function *out = malloc(sizeof f);
    *out = f;
    *fn = out; /* functions belong to their module (freed with it on a real driver); a few bytes here */
    return OK;
}

/* ---- streams and events ---- */
CUresult cuStreamCreate(void **stream, unsigned flags) {
    Stream *s = calloc(1, sizeof(Stream));
    s->magic = MAGIC_STR;
    s->gen = generation;
    s->flags = flags;
    pthread_mutex_lock(&lock);
    live_streams++;
    pthread_mutex_unlock(&lock);
    *stream = s;
    return OK;
}

CUresult cuStreamDestroy_v2(void *stream) {
    Stream *s = stream;
    if (!s || s->magic != MAGIC_STR) return INVALID_HANDLE;
    if (s->gen != generation) return CONTEXT_IS_DESTROYED;
    pthread_mutex_lock(&lock);
    for (Alloc *a = allocs; a; a = a->next)
        if (a->pending == stream) a->pending = NULL;
    s->magic = 0;
    free(s);
    live_streams--;
    pthread_mutex_unlock(&lock);
    return OK;
}

CUresult cuStreamSynchronize(void *stream) {
    Stream *st = stream;
    if (st && (st->magic != MAGIC_STR || st->gen != generation)) return INVALID_HANDLE;
    pthread_mutex_lock(&lock);
    for (Alloc *a = allocs; a; a = a->next)
        if (a->pending == stream || (stream == NULL && a->pending == LEGACY_STREAM)) a->pending = NULL;
    CUresult r = sticky;
    pthread_mutex_unlock(&lock);
    return r;
}

CUresult cuEventCreate(void **event, unsigned flags) {
    (void)flags;
    Event *e = calloc(1, sizeof(Event));
    e->magic = MAGIC_EVT;
    e->gen = generation;
    pthread_mutex_lock(&lock);
    live_events++;
    pthread_mutex_unlock(&lock);
    *event = e;
    return OK;
}

CUresult cuEventDestroy_v2(void *event) {
    Event *e = event;
    if (!e || e->magic != MAGIC_EVT) return INVALID_HANDLE;
    if (e->gen != generation) return CONTEXT_IS_DESTROYED;
    pthread_mutex_lock(&lock);
    e->magic = 0;
    free(e);
    live_events--;
    pthread_mutex_unlock(&lock);
    return OK;
}

CUresult cuEventRecord(void *event, void *stream) {
    (void)stream;
    Event *e = event;
    if (!e || e->magic != MAGIC_EVT) return INVALID_HANDLE;
    if (e->gen != generation) return CONTEXT_IS_DESTROYED;
    if (sticky) return sticky;
    e->recorded = 1;
    e->ms = now_ms();
    return OK;
}

CUresult cuEventElapsedTime(float *ms, void *start, void *end) {
    Event *a = start, *b = end;
    if (!a || !b || a->magic != MAGIC_EVT || b->magic != MAGIC_EVT) return INVALID_HANDLE;
    if (sticky) return sticky;
    if (!a->recorded || !b->recorded) return INVALID_HANDLE;
    *ms = (float)(b->ms - a->ms);
    return OK;
}

/* ---- launches ---- */
CUresult cuLaunchKernel(void *fn, unsigned gx, unsigned gy, unsigned gz, unsigned bx, unsigned by, unsigned bz,
                        unsigned shared, void *stream, void **params, void **extra) {
    Function *f = fn;
    if (!f || f->magic != MAGIC_FUN) return INVALID_HANDLE;
    if (f->module->magic != MAGIC_MOD || f->module->gen != generation) return CONTEXT_IS_DESTROYED;
    if (extra) return NOT_SUPPORTED;
    if (gx == 0 || gy == 0 || gz == 0 || bx == 0 || by == 0 || bz == 0 || gy > 65535 || gz > 65535) return INVALID_VALUE;
    if ((unsigned long long)bx * by * bz > 1024) return INVALID_VALUE;
    if (f->maxntid && (unsigned long long)bx * by * bz > f->maxntid) return INVALID_VALUE;
    if (shared > 48 * 1024) return INVALID_VALUE; /* more dynamic shared memory needs an opt-in we never make */
    if (gz != 1 || by != 1 || bz != 1) return NOT_SUPPORTED; /* our kernels use x (and grid y) only */
    if (strcmp(f->signature, f->expected) != 0) return INVALID_VALUE; /* the PTX is not the kernel it claims */
    if (strlen(f->signature) > 0 && !params) return INVALID_VALUE;
    pthread_mutex_lock(&lock);
    CUresult r = sticky;
    if (r == OK) {
        total_launches++;
        Stream *s = stream;
        int blocking = !s || !(s->flags & 1);
        const char *buffers = NULL;
        for (size_t i = 0; i < sizeof KERNELS / sizeof KERNELS[0]; i++)
            if (!strcmp(KERNELS[i].name, f->name)) buffers = KERNELS[i].buffers;
        /* a read of a buffer whose last write is queued elsewhere with nothing ordering the two */
        for (size_t i = 0; buffers && buffers[i]; i++) {
            if (buffers[i] != 'r') continue;
            Alloc *a = find_alloc((void *)(uintptr_t)P(i, CUdeviceptr));
            if (a && a->pending && a->pending != stream && !(a->pending == LEGACY_STREAM && blocking))
                total_unordered_reads++;
        }
        launch_shared = shared;
        r = f->run(f, params, gx, gy, bx, stream);
        if (r == ILLEGAL_ADDRESS) {
            total_illegal_addresses++;
            sticky = ILLEGAL_ADDRESS; /* reported by the next synchronising call, as on a device */
            r = OK;
        } else if (r == OK) {
            for (size_t i = 0; buffers && buffers[i]; i++) {
                if (buffers[i] != 'w') continue;
                Alloc *a = find_alloc((void *)(uintptr_t)P(i, CUdeviceptr));
                if (a) a->pending = stream ? stream : LEGACY_STREAM;
            }
        }
    }
    pthread_mutex_unlock(&lock);
    return r;
}

/* ---- errors ---- */
CUresult cuGetErrorName(CUresult e, const char **s) {
    switch (e) {
        case OK: *s = "CUDA_SUCCESS"; break;
        case INVALID_VALUE: *s = "CUDA_ERROR_INVALID_VALUE"; break;
        case OUT_OF_MEMORY: *s = "CUDA_ERROR_OUT_OF_MEMORY"; break;
        case NOT_INITIALIZED: *s = "CUDA_ERROR_NOT_INITIALIZED"; break;
        case INVALID_DEVICE: *s = "CUDA_ERROR_INVALID_DEVICE"; break;
        case INVALID_CONTEXT: *s = "CUDA_ERROR_INVALID_CONTEXT"; break;
        case NO_BINARY_FOR_GPU: *s = "CUDA_ERROR_NO_BINARY_FOR_GPU"; break;
        case INVALID_PTX: *s = "CUDA_ERROR_INVALID_PTX"; break;
        case UNSUPPORTED_PTX_VERSION: *s = "CUDA_ERROR_UNSUPPORTED_PTX_VERSION"; break;
        case INVALID_HANDLE: *s = "CUDA_ERROR_INVALID_HANDLE"; break;
        case NOT_FOUND: *s = "CUDA_ERROR_NOT_FOUND"; break;
        case ILLEGAL_ADDRESS: *s = "CUDA_ERROR_ILLEGAL_ADDRESS"; break;
        case CONTEXT_IS_DESTROYED: *s = "CUDA_ERROR_CONTEXT_IS_DESTROYED"; break;
        case NOT_SUPPORTED: *s = "CUDA_ERROR_NOT_SUPPORTED"; break;
        default: *s = "CUDA_ERROR_UNKNOWN"; return INVALID_VALUE;
    }
    return OK;
}

CUresult cuGetErrorString(CUresult e, const char **s) { return cuGetErrorName(e, s); }

/* every other driver call JCuda's natives link against: refused, never a crash */
#include "libcuda_stand_in_stubs.h"
