package org.modsweep.driver.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The log (stderr) of an executor JVM read straight from its pipe ({@code /proc/PID/fd/2}, Linux), for the time its
 * Worker, which normally reads that pipe into the executor's {@code stderr} file, is stopped.
 */
public final class ExecutorLog {

    private final List<String> lines = new ArrayList<>();
    private boolean ended;

    private ExecutorLog() {}

    /** Starts reading the executor's stderr; from now on its lines arrive here, not at its Worker. */
    public static ExecutorLog follow(ProcessHandle executor) throws IOException {
        ExecutorLog log = new ExecutorLog();
        BufferedReader in = Files.newBufferedReader(
                Path.of("/proc", Long.toString(executor.pid()), "fd", "2"), StandardCharsets.UTF_8);
        Thread reader = new Thread(
                () -> {
                    try (in) {
                        for (String line; (line = in.readLine()) != null; ) {
                            log.add(line);
                        }
                    } catch (IOException gone) {
                        // the executor is gone
                    } finally {
                        log.end();
                    }
                },
                "executor-log-" + executor.pid());
        reader.setDaemon(true);
        reader.start();
        return log;
    }

    private synchronized void add(String line) {
        lines.add(line);
        notifyAll();
    }

    private synchronized void end() {
        ended = true;
        notifyAll();
    }

    /** Every line, once the executor closed its stderr (it exited), waiting up to {@code seconds} for that. */
    public synchronized List<String> awaitEnd(int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!ended) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("the executor's log did not end:\n" + String.join("\n", lines));
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return List.copyOf(lines);
    }

    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }
}
