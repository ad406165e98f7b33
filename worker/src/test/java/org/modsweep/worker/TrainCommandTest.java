package org.modsweep.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modsweep.worker.cli.TrainCommand;
import picocli.CommandLine;

/**
 * The train command end to end: a run, a skip, and bad input (one line naming the problem, exit 2, store untouched).
 * The error handler mirrors the application's (app's CliErrors): message on one line, 2 for bad input.
 */
class TrainCommandTest {

    @TempDir
    Path tmp;

    private record Result(int code, String out, String err) {}

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new TrainCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            c.getErr().println("modsweep train: error: " + ex.getMessage());
            return ex instanceof IllegalArgumentException ? 2 : 1;
        });
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    /** {@code train --p p --config standard --store store}, then {@code more}. */
    private static Result standard(int p, Path store, String... more) {
        List<String> args =
                new ArrayList<>(List.of("--p", String.valueOf(p), "--config", "standard", "--store", store.toString()));
        args.addAll(List.of(more));
        return run(args.toArray(String[]::new));
    }

    /** A store in which p's standard run has trained for 5 epochs. */
    private Path storeWithOneRun(int p) {
        Path store = tmp.resolve("store");
        assertEquals(0, standard(p, store, "--epochs", "5").code());
        return store;
    }

    /** Asserts that {@code what} was refused (exit 2, one line, the store as {@code snapshot}); that line. */
    private static String refusal(Result r, String what, Path store, String snapshot) throws Exception {
        assertEquals(2, r.code(), what + " -> " + r.err());
        String err = r.err().trim();
        assertFalse(err.contains("\n"), "one line: " + err);
        assertEquals(snapshot, listing(store), "store changed by " + what);
        return err;
    }

    @Test
    void trainsThenSkipsACommittedCell() throws Exception {
        String store = tmp.resolve("store").toString();
        Result r = run("--p", "5", "--config", "standard", "--store", store, "--epochs", "120");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("[TRAIN] p=5, d_mlp=512, run=standard, epochs=120"), r.out());
        assertTrue(r.out().contains("  [standard] Epoch     96/120  ( 80.8%)"), r.out()); // log interval 120/20 = 6
        assertTrue(r.out().contains("committed p005-standard: 120 epochs"), r.out());
        assertTrue(r.out().contains("metrics/p=5/config=standard"), r.out());
        assertTrue(Files.exists(tmp.resolve("store/runs/p=5/config=standard/_DONE")));

        Result again = run("--p", "5", "--config", "standard", "--store", store);
        assertEquals(0, again.code());
        assertEquals(
                "p005-standard is already committed in " + store + "; skipped (use --force to retrain)",
                again.out().trim());
    }

    @Test
    void badInputGetsOneLineAndChangesNothing() throws Exception {
        Path store = storeWithOneRun(3);
        String snapshot = listing(store);
        Path blocker = Files.writeString(tmp.resolve("a-file"), "x");
        String[][] bad = {
            {"--p", "24", "--config", "standard", "--store", store.toString()},
            {"--p", "1", "--config", "standard", "--store", store.toString()},
            {"--p", "23", "--config", "nonsense", "--store", store.toString()},
            {"--p", "7", "--config", "grokking", "--store", store.toString()},
            {"--p", "999", "--config", "standard", "--store", store.toString()},
            {
                "--p",
                "3",
                "--config",
                "standard",
                "--store",
                blocker.resolve("store").toString()
            },
            {"--p", "3", "--config", "standard", "--store", store.toString(), "--threads", "0"},
            {"--p", "3", "--config", "standard", "--store", store.toString(), "--device", "tpu"},
        };
        String[] expect = {
            "even",
            "too small",
            "unknown configuration 'nonsense'",
            "needs p >= 19",
            "does not fit in memory",
            "cannot be written",
            "--threads must be >= 1",
            "unknown device 'tpu'"
        };
        for (int i = 0; i < bad.length; i++) {
            Result r = run(bad[i]);
            String err = refusal(r, String.join(" ", bad[i]), store, snapshot);
            assertTrue(err.startsWith("modsweep train: error: ") && err.contains(expect[i]), err);
            assertEquals("", r.out());
        }
        Result memory = run("--p", "999", "--config", "standard", "--store", store.toString());
        assertTrue(memory.err().matches("(?s).*needs about [0-9.]+ GB.*this machine has [0-9.]+ GB.*"), memory.err());
    }

    @Test
    void setOverridesMakeANewRunBesideTheStudyRun() throws Exception {
        Path store = storeWithOneRun(5);
        String study = listing(store);
        Result r = standard(
                5, store, "--epochs", "5", "--set", "weight_decay=0.5", "--set", "seed=7", "--set", "d_mlp=16");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("[TRAIN] p=5, d_mlp=16, run=standard, epochs=5"), r.out());
        assertTrue(r.out().contains("committed p005-standard-seed7-weight_decay0.5-d_mlp16: 5 epochs"), r.out());
        // beside the study run: its parts in the shared partition, its files in a folder below the study run's
        Path runDir = store.resolve("runs/p=5/config=standard/p005-standard-seed7-weight_decay0.5-d_mlp16");
        assertTrue(Files.exists(
                store.resolve("metrics/p=5/config=standard/part-p005-standard-seed7-weight_decay0.5-d_mlp16.parquet")));
        assertTrue(Files.exists(runDir.resolve("_DONE")), r.out());
        String runJson = Files.readString(runDir.resolve("run.json"));
        assertTrue(runJson.contains("\"cell\" : \"p005-standard-seed7-weight_decay0.5-d_mlp16\""), runJson);
        assertTrue(runJson.contains("\"seed\" : 7") && runJson.contains("\"weight_decay\" : 0.5"), runJson);
        assertTrue(runJson.contains("\"d_mlp\" : 16"), runJson);
        assertEquals(
                study,
                listing(store).replaceAll("(?m)^.*p005-standard-seed7-weight_decay0\\.5-d_mlp16.*\n", ""),
                "the study run is untouched");

        Result again = standard(5, store, "--set", "seed=7", "--set", "d_mlp=16", "--set", "weight_decay=0.50");
        assertEquals(
                "p005-standard-seed7-weight_decay0.5-d_mlp16 is already committed in " + store
                        + "; skipped (use --force to retrain)",
                again.out().trim());
    }

    @Test
    void badSetValuesGetOneLineAndChangeNothing() throws Exception {
        Path store = storeWithOneRun(3);
        String snapshot = listing(store);
        String[][] bad = {{"seed=-3"}, {"colour=red"}, {"frac_train=0.05"}, {"act_type=GeLU"}, {"lr"}};
        String[] expect = {
            "seed=-3: must be an integer",
            "unknown key 'colour'",
            "frac_train=0.05: leaves no training pair at p=3",
            "act_type=GeLU: must be one of ReLU, Quad",
            "--set lr: expected KEY=VALUE"
        };
        for (int i = 0; i < bad.length; i++) {
            String err = refusal(standard(3, store, "--set", bad[i][0]), "--set " + bad[i][0], store, snapshot);
            assertTrue(err.startsWith("modsweep train: error: " + expect[i]), err);
        }
    }

    private static String listing(Path root) throws Exception {
        StringBuilder b = new StringBuilder();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted().forEach(f -> {
                try {
                    b.append(root.relativize(f))
                            .append(' ')
                            .append(
                                    Files.isRegularFile(f)
                                            ? Files.getLastModifiedTime(f).toMillis() + ":" + Files.size(f)
                                            : "d")
                            .append('\n');
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
        return b.toString();
    }
}
