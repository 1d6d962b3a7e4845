package org.joulebench.results.submit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A submit in its own JVM, for tests of what several processes and crashes do: {@code root system run
 * [halt-at-STAGE | sleep-at-STAGE-MILLIS]}. Halting is a crash: no finally block, no shutdown hook runs.
 * Prints {@code OK <folder>} or {@code REFUSED <message>}.
 */
public final class SubmitProcess {
    private SubmitProcess() {}

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        Submitter.FailureInjector injector = Submitter.FailureInjector.NONE;
        if (args.length > 3) {
            String[] how = args[3].split("-at-");
            String[] stageAndMillis = how[1].split("-");
            Submitter.Stage stage = Submitter.Stage.valueOf(stageAndMillis[0].replace('.', '_'));
            injector = s -> {
                if (s != stage) {
                    return;
                }
                System.out.println("AT " + s);
                System.out.flush();
                if (how[0].equals("halt")) {
                    Runtime.getRuntime().halt(137);
                }
                try {
                    Thread.sleep(Long.parseLong(stageAndMillis[1]));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            };
        }
        try {
            SubmitResult r = new Submitter(injector, true, Duration.ofSeconds(60))
                    .submit(new SubmitRequest(List.of(Path.of(args[2])), Path.of(args[1]), null, root));
            System.out.println("OK " + r.folder());
        } catch (SubmissionException e) {
            System.out.println("REFUSED " + e.getMessage());
        }
    }
}
