package org.joulebench.backend.cuda;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Native resources in the order they were made, released in reverse order on {@link #close()}. Every
 * release is attempted even when an earlier one fails; the first failure is thrown after all of them, with
 * the others attached as suppressed. Closing twice releases nothing twice.
 */
final class ResourceStack implements AutoCloseable {

    /** Frees one resource. */
    @FunctionalInterface
    interface Release {
        void run() throws Exception;
    }

    private record Entry(String what, Release release) {}

    private final Deque<Entry> entries = new ArrayDeque<>();

    /** Records a resource just made; {@code what} names it in failure messages ("module softmax"). */
    void push(String what, Release release) {
        entries.push(new Entry(what, release));
    }

    /** Resources not yet released. */
    int size() {
        return entries.size();
    }

    @Override
    public void close() {
        RuntimeException first = null;
        while (!entries.isEmpty()) {
            Entry e = entries.pop();
            try {
                e.release().run();
            } catch (Exception ex) {
                RuntimeException wrapped =
                        new IllegalStateException("failed to release " + e.what() + ": " + ex.getMessage(), ex);
                if (first == null) {
                    first = wrapped;
                } else {
                    first.addSuppressed(wrapped);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
