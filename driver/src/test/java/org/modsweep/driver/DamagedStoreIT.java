package org.modsweep.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modsweep.analysis.cli.VerifyCommand;
import org.modsweep.core.Cell;
import org.modsweep.core.store.ResultsStore;
import org.modsweep.driver.testing.Cli;
import org.modsweep.driver.testing.LogCapture;

/**
 * A sweep over a store whose committed files were damaged afterwards (a disk, a copy tool, a hand edit): a corrupt
 * metrics Parquet file of a committed run fails only its modulus' report, with one line, while the other modulus and
 * the summary are written and the exit code is 1; a corrupt {@code _DONE} makes its run uncommitted, so the next
 * sweep trains it again with a warning and finishes with exit code 0. (A corrupt run.json: StoreConcurrencyIT.)
 */
class DamagedStoreIT {

    @TempDir
    Path tmp;

    private static String[] command(Path store, String moduli) {
        return new String[] {
            "--p",
            moduli,
            "--epochs",
            "60",
            "--master",
            "local[2]",
            "--store",
            store.toString(),
            "--conf",
            "spark.ui.enabled=false",
            "--conf",
            "spark.eventLog.enabled=false"
        };
    }

    /** Cuts a file to half its length, as a failed copy leaves it; its Hadoop checksum goes too (S3 has none). */
    private static void truncate(Path file) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
        Files.deleteIfExists(file.resolveSibling("." + file.getFileName() + ".crc"));
    }

    @Test
    void aCorruptMetricsFileFailsOnlyItsModulusReport() throws Exception {
        Path store = tmp.resolve("store");
        SweepCliIT.Run first = SweepCliIT.sweep(command(store, "3,5"));
        assertEquals(0, first.code(), first.toString());
        Path summary = store.resolve("results/summary/cells.json");
        Files.delete(summary); // the second sweep must write it again
        truncate(store.resolve("metrics/p=5/config=standard/part-p005-standard.parquet"));

        SweepCliIT.Run again = SweepCliIT.sweep(command(store, "3,5"));
        assertEquals(1, again.code(), again.toString());
        String out = again.out();
        assertTrue(out.contains("0 trained, 8 already committed, 0 failed; reports for p = 3"), out);
        // the sweep's outcome names the failed report in one line (the progress line before says it as it happens)
        List<String> failures = out.lines()
                .filter(l -> l.startsWith("  report p=") || l.startsWith("  failed:") || l.startsWith("  summary"))
                .toList();
        assertEquals(1, failures.size(), "one line: " + out);
        assertTrue(failures.get(0).startsWith("  report p=5 failed: "), failures.get(0));
        assertTrue(failures.get(0).contains("part-p005-standard.parquet"), "names the damaged run: " + failures.get(0));
        assertTrue(out.contains("reduce p=3: "), "p = 3 is reported: " + out);
        assertTrue(Files.exists(store.resolve("results/p_003/p003_metadata.json")), out);
        assertTrue(Files.exists(summary), "the summary is written: " + out);

        Cli.Run verify = Cli.run(new VerifyCommand(), "--store", store.toString());
        assertEquals(1, verify.code(), verify.toString());
        assertTrue(
                verify.out().contains("p005-standard: metrics/p=5/config=standard/part-p005-standard.parquet"),
                verify.toString());
    }

    @Test
    void aCorruptDoneIsTrainedAgainWithAWarning() throws Exception {
        Path store = tmp.resolve("store");
        assertEquals(0, SweepCliIT.sweep(command(store, "3")).code());
        truncate(store.resolve("runs/p=3/config=quad_random/_DONE"));

        SweepCliIT.Run again;
        List<String> logs;
        try (LogCapture capture = new LogCapture()) {
            again = SweepCliIT.sweep(command(store, "3"));
            logs = capture.lines();
        }
        assertEquals(0, again.code(), again.toString());
        assertTrue(again.out().contains("1 trained, 3 already committed, 0 failed; reports for p = 3"), again.out());
        assertTrue(
                logs.stream()
                        .anyMatch(
                                l -> l.contains("p003-quad_random: _DONE is unreadable") && l.contains("trains again")),
                logs.toString());
        ResultsStore s = ResultsStore.open(store.toString());
        assertTrue(s.isCommitted(Cell.of(3, "quad_random")));
        StoreConcurrencyIT.assertOneRunEach(s);
    }
}
