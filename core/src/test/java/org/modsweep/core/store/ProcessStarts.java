package org.modsweep.core.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/** The operating-system processes this JVM starts while some work runs, as JFR's {@code jdk.ProcessStart} sees them. */
public final class ProcessStarts {

    /** Work that may throw. */
    public interface Work {
        void run() throws Exception;
    }

    private ProcessStarts() {}

    /** The command lines of the processes started during {@code work}. */
    public static List<String> during(Work work) throws Exception {
        Path file = Files.createTempFile("modsweep-process-starts", ".jfr");
        try (Recording r = new Recording()) {
            r.enable("jdk.ProcessStart").withStackTrace();
            r.start();
            work.run();
            r.stop();
            r.dump(file);
            return RecordingFile.readAllEvents(file).stream()
                    .filter(e -> e.getEventType().getName().equals("jdk.ProcessStart"))
                    .map(ProcessStarts::describe)
                    .toList();
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static String describe(RecordedEvent e) {
        String top = e.getStackTrace() == null
                ? ""
                : e.getStackTrace().getFrames().stream()
                        .map(f -> f.getMethod().getType().getName() + "."
                                + f.getMethod().getName())
                        .filter(m -> m.startsWith("org.apache.hadoop"))
                        .findFirst()
                        .orElse("");
        return e.getString("command") + " (" + top + ")";
    }
}
