package org.joulebench.backend.cuda;

import java.lang.reflect.Method;
import jcuda.NativePointerObject;

/**
 * The address a JCuda handle or device pointer holds (a {@code CUstream} is a {@code cudaStream_t}, a
 * {@code CUdeviceptr} a device address), for the FFM calls into cuBLAS. JCuda keeps it in a protected method.
 */
final class NativeAddress {
    private static final Method GET;

    static {
        try {
            GET = NativePointerObject.class.getDeclaredMethod("getNativePointer");
            GET.setAccessible(true);
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private NativeAddress() {}

    static long of(NativePointerObject o) {
        try {
            return (long) GET.invoke(o);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read JCuda's native pointer: " + e, e);
        }
    }
}
