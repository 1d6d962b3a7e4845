package org.joulebench.backend.cuda;

/**
 * The device operations a prepared kernel uses while it runs: one stream with a start and an end event.
 * {@link JCudaQueue} is the real one; tests count the calls on a fake.
 */
interface DeviceQueue {
    /** Makes the queue's context current on the calling thread (JMH may call from another thread). */
    void bind();

    /** Records the start event on the stream. */
    void recordStart();

    /** Queues one kernel launch on the stream; returns at once. */
    void launch();

    /** Records the end event on the stream. */
    void recordEnd();

    /** Waits until everything queued on the stream is done; throws with the CUDA error name on failure. */
    void synchronize();

    /** Device time between the start and end events of the last batch, milliseconds. */
    float elapsedMillis();

    /** Copies the output buffer (or the pass-through input) into a host array of its storage type. */
    void copyOutput(Object hostArray);
}
