package org.joulebench.backend.cuda;

import static jcuda.driver.JCudaDriver.cuMemcpyDtoHAsync;
import static jcuda.driver.JCudaDriver.cuMemcpyHtoDAsync;
import static jcuda.driver.JCudaDriver.cuStreamSynchronize;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUstream;

/**
 * A page-locked host buffer (cuMemAllocHost) through which tensors go to and from the device on the kernel's
 * own stream. A copy from pageable memory goes through the legacy default stream, which a non-blocking stream
 * does not wait for, so a kernel could read a buffer still being written; copies queued on the kernel's stream
 * are ordered before its launches. Tensors larger than the buffer go in chunks, each waited for before the
 * buffer is refilled.
 */
final class PinnedStaging {
    /** Largest staging buffer (bytes): big tensors go through it in chunks of this size. */
    static final long MAX_BYTES = 64L << 20;

    private final Pointer host;
    private final long bytes;

    PinnedStaging(Pointer host, long bytes) {
        this.host = host;
        this.bytes = bytes;
    }

    /** Copies {@code length} bytes of a tensor array to the device buffer, queued on {@code stream}. */
    void upload(Object array, CUdeviceptr device, long length, CUstream stream) {
        for (long off = 0; off < length; off += bytes) {
            int chunk = (int) Math.min(bytes, length - off);
            if (off > 0) {
                cuStreamSynchronize(stream); // the previous chunk has left the staging buffer
            }
            fill(array, off, chunk);
            cuMemcpyHtoDAsync(device.withByteOffset(off), host, chunk, stream);
        }
    }

    /** Copies {@code length} bytes of the device buffer into a tensor array, on {@code stream}, and waits. */
    void download(CUdeviceptr device, Object array, long length, CUstream stream) {
        for (long off = 0; off < length; off += bytes) {
            int chunk = (int) Math.min(bytes, length - off);
            cuMemcpyDtoHAsync(host, device.withByteOffset(off), chunk, stream);
            cuStreamSynchronize(stream);
            drain(array, off, chunk);
        }
    }

    private ByteBuffer view(int chunk) {
        return host.getByteBuffer(0, chunk).order(ByteOrder.nativeOrder());
    }

    private void fill(Object array, long offBytes, int chunk) {
        ByteBuffer b = view(chunk);
        switch (array) {
            case float[] f -> b.asFloatBuffer().put(f, (int) (offBytes / 4), chunk / 4);
            case short[] s -> b.asShortBuffer().put(s, (int) (offBytes / 2), chunk / 2);
            case int[] i -> b.asIntBuffer().put(i, (int) (offBytes / 4), chunk / 4);
            case byte[] by -> b.put(by, (int) offBytes, chunk);
            default -> throw new IllegalArgumentException("not a tensor array: " + array.getClass());
        }
    }

    private void drain(Object array, long offBytes, int chunk) {
        ByteBuffer b = view(chunk);
        switch (array) {
            case float[] f -> b.asFloatBuffer().get(f, (int) (offBytes / 4), chunk / 4);
            case short[] s -> b.asShortBuffer().get(s, (int) (offBytes / 2), chunk / 2);
            case int[] i -> b.asIntBuffer().get(i, (int) (offBytes / 4), chunk / 4);
            case byte[] by -> b.get(by, (int) offBytes, chunk);
            default -> throw new IllegalArgumentException("not a tensor array: " + array.getClass());
        }
    }
}
