package org.joulebench.backend.tornadovm;

import java.util.List;
import uk.ac.manchester.tornado.api.GridScheduler;
import uk.ac.manchester.tornado.api.TaskGraph;
import uk.ac.manchester.tornado.api.WorkerGrid;
import uk.ac.manchester.tornado.api.enums.DataTransferMode;
import uk.ac.manchester.tornado.api.types.arrays.TornadoNativeArray;

/**
 * How to build a kernel's task graph with one or more back-to-back copies of its task: the inputs go to
 * the device on the first execution and stay, the output comes back on demand.
 *
 * @param inputs the device-resident inputs (TornadoVM arrays)
 * @param output the output array ({@code FloatArray} or {@code IntArray})
 * @param task adds one copy of the task under the given task name
 * @param worker the work-group geometry for KernelContext kernels, {@code null} for @Parallel ones
 */
record TaskSpec(List<?> inputs, TornadoNativeArray output, TaskAdder task, WorkerGrid worker) {

    /** Adds one task to a graph. */
    @FunctionalInterface
    interface TaskAdder {
        TaskGraph add(TaskGraph graph, String taskName);
    }

    TaskGraph graph(String name, int copies) {
        TaskGraph g = new TaskGraph(name).transferToDevice(DataTransferMode.FIRST_EXECUTION, inputs.toArray());
        for (int i = 0; i < copies; i++) {
            g = task.add(g, "t" + i);
        }
        return g.transferToHost(DataTransferMode.UNDER_DEMAND, output);
    }

    /** The grid for every copy's task, or {@code null}. */
    GridScheduler grid(String name, int copies) {
        if (worker == null) {
            return null;
        }
        GridScheduler s = new GridScheduler();
        for (int i = 0; i < copies; i++) {
            s.addWorkerGrid(name + ".t" + i, worker);
        }
        return s;
    }
}
