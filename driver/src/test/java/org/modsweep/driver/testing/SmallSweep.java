package org.modsweep.driver.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.modsweep.driver.SweepApp;

/** The smallest sweep the store ITs run (p003-standard on local[1]), in process or in a JVM of its own. */
public final class SmallSweep {

    private SmallSweep() {}

    /** {@code sweep} arguments: p003-standard for {@code epochs} epochs on local[1] into {@code store}, then more. */
    public static String[] args(int epochs, String store, String... more) {
        List<String> a = new ArrayList<>(List.of(
                "--p",
                "3",
                "--configs",
                "standard",
                "--epochs",
                String.valueOf(epochs),
                "--master",
                "local[1]",
                "--store",
                store));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    /**
     * Runs {@code sweep args} in a child JVM with {@code env} added, as bin/modsweep would: its output (in {@code log}),
     * once it has exited 0 within 120 s.
     */
    public static String inChildJvm(Path log, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        Process p = ChildJvm.builder(SweepApp.class, log, env, args).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child sweep finished");
        String out = Files.readString(log);
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}
