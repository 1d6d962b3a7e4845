package org.joulebench.backend.cuda;

import static jcuda.driver.JCudaDriver.cuCtxSetCurrent;
import static jcuda.driver.JCudaDriver.cuEventElapsedTime;
import static jcuda.driver.JCudaDriver.cuEventRecord;
import static jcuda.driver.JCudaDriver.cuLaunchKernel;
import static jcuda.driver.JCudaDriver.cuStreamSynchronize;

import jcuda.Pointer;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUevent;
import jcuda.driver.CUfunction;
import jcuda.driver.CUstream;

/** The real {@link DeviceQueue}: JCuda driver calls on one context, stream, function and pair of events. */
final class JCudaQueue implements DeviceQueue {
    private final CUcontext context;
    private final CUstream stream;
    private final Runnable launch;
    private final CUevent start;
    private final CUevent end;
    private final java.util.function.Supplier<CUdeviceptr> output;
    private final long outputBytes;
    private final PinnedStaging staging;

    JCudaQueue(
            CUcontext context,
            CUstream stream,
            Runnable launch,
            CUevent start,
            CUevent end,
            java.util.function.Supplier<CUdeviceptr> output,
            long outputBytes,
            PinnedStaging staging) {
        this.context = context;
        this.stream = stream;
        this.launch = launch;
        this.start = start;
        this.end = end;
        this.output = output;
        this.outputBytes = outputBytes;
        this.staging = staging;
    }

    @Override
    public void bind() {
        cuCtxSetCurrent(context);
    }

    @Override
    public void recordStart() {
        cuEventRecord(start, stream);
    }

    @Override
    public void launch() {
        launch.run();
    }

    /** One launch of our kernel on the stream. */
    static void launch(CUfunction function, LaunchGeometry geometry, CUstream stream, Pointer params) {
        cuLaunchKernel(
                function,
                geometry.gridX(),
                geometry.gridY(),
                1,
                geometry.blockX(),
                1,
                1,
                geometry.sharedBytes(),
                stream,
                params,
                null);
    }

    @Override
    public void recordEnd() {
        cuEventRecord(end, stream);
    }

    @Override
    public void synchronize() {
        cuStreamSynchronize(stream);
    }

    @Override
    public float elapsedMillis() {
        float[] ms = new float[1];
        cuEventElapsedTime(ms, start, end);
        return ms[0];
    }

    @Override
    public void copyOutput(Object hostArray) {
        staging.download(output.get(), hostArray, outputBytes, stream);
    }
}
