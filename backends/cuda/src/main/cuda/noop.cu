// noop: the null workload. One empty launch, so a batch measures launch and synchronisation overhead.
extern "C" __global__ void noop_kernel() {}
