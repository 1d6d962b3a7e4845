package org.joulebench.harness.cli;

import java.io.Console;
import java.io.PrintWriter;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.joulebench.harness.orchestrate.BenchmarkCase;
import org.joulebench.harness.orchestrate.RunOrchestrator;
import org.joulebench.results.record.BenchmarkResult;

/** What {@code run} shows while it measures: a bar on a terminal, one plain line per result otherwise. */
interface RunProgress extends RunOrchestrator.Listener, AutoCloseable {
    @Override
    void close();

    static RunProgress create(PrintWriter out, int total) {
        Console console = System.console();
        if (console != null && console.isTerminal()) {
            return new Bar(total);
        }
        return new Lines(out);
    }

    /**
     * This progress with each finished result going into the record (on disk) before it is shown; silent once the
     * run is interrupted (the interruption's line is the last word).
     */
    default RunOrchestrator.Listener recordingInto(RecordDraft draft) {
        RunProgress progress = this;
        return new RunOrchestrator.Listener() {
            @Override
            public void started(BenchmarkCase c, int index, int total) {
                if (!draft.stopped()) {
                    progress.started(c, index, total);
                }
            }

            @Override
            public void finished(BenchmarkCase c, BenchmarkResult r, int index, int total) {
                draft.add(r);
                if (!draft.stopped()) {
                    progress.finished(c, r, index, total);
                }
            }

            @Override
            public void note(String message) {
                if (!draft.stopped()) {
                    progress.note(message);
                }
            }

            @Override
            public void forkStarted(BenchmarkCase c, int fork, int forks) {
                progress.forkStarted(c, fork, forks);
            }
        };
    }

    /** One line as each result starts and finishes (a pipe, a log, CI). */
    final class Lines implements RunProgress {
        private final PrintWriter out;

        Lines(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void started(BenchmarkCase c, int index, int total) {
            out.printf("[%d/%d] %s ...%n", index + 1, total, c.label());
            out.flush();
        }

        @Override
        public void note(String message) {
            out.println("joulebench: " + message);
            out.flush();
        }

        @Override
        public void finished(BenchmarkCase c, BenchmarkResult r, int index, int total) {
            out.printf("[%d/%d] %s: %s%n", index + 1, total, c.label(), SummaryTable.oneLine(r));
            out.flush();
        }

        @Override
        public void close() {}
    }

    /** A progress bar on a terminal, naming the case being measured. */
    final class Bar implements RunProgress {
        private final ProgressBar bar;

        Bar(int total) {
            bar = new ProgressBarBuilder()
                    .setTaskName("joulebench")
                    .setInitialMax(total)
                    .setStyle(ProgressBarStyle.ASCII)
                    .continuousUpdate()
                    .build();
        }

        @Override
        public void started(BenchmarkCase c, int index, int total) {
            bar.setExtraMessage(" " + c.label());
        }

        @Override
        public void note(String message) {
            bar.setExtraMessage(" " + message);
        }

        @Override
        public void finished(BenchmarkCase c, BenchmarkResult r, int index, int total) {
            bar.step();
        }

        @Override
        public void close() {
            bar.close();
        }
    }
}
