package org.modsweep.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modsweep.analysis.cli.VerifyCommand;
import org.modsweep.core.Cell;
import org.modsweep.core.config.ConfigKey;
import org.modsweep.core.grid.GridManifest;
import org.modsweep.core.store.ResultsStore;
import org.modsweep.driver.testing.Cli;
import org.modsweep.driver.testing.SparkTests;
import org.modsweep.driver.testing.StoreSnapshot;
import picocli.CommandLine;

/**
 * A real grid sweep from the command line on Spark local mode: p = 5 standard over two seeds and two learning rates
 * (one reaches the accuracy threshold within the epochs, one does not), refined by two grid points; the manifest is
 * written, every run is committed under its id, the grid's reduce writes results/grids/lr-seeds/ beside p = 5's
 * study report, the same command again trains nothing, and {@code verify} passes.
 */
class GridSweepIT {

    static SparkContext sc;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startSpark() {
        sc = SparkTests.start("local[2,3]");
    }

    @AfterAll
    static void stopSpark() {
        sc.stop();
    }

    record Run(int code, String out, String err) {}

    static Run sweep(String... args) {
        CommandLine cl = SweepApp.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void aGridSweepTrainsRefinesResumesAndReduces() throws Exception {
        String s = tmp.resolve("store").toString();
        String[] args = {
            "--p",
            "5",
            "--configs",
            "standard",
            "--epochs",
            "150",
            "--store",
            s,
            "--grid",
            "seed=1..2;lr=1e-5,1e-2",
            "--grid-name",
            "lr-seeds",
            "--refine",
            "2"
        };
        Run study = sweep("--p", "5", "--epochs", "150", "--store", s); // p = 5's study runs, for its report
        assertEquals(0, study.code(), study.toString());
        Run first = sweep(args);
        assertEquals(0, first.code(), first.toString());
        assertTrue(first.out().contains("grid: lr-seeds -> results/grids/lr-seeds/grid.json"), first.out());
        ResultsStore store = ResultsStore.open(s);
        GridManifest grid = GridManifest.read(store, "lr-seeds");
        List<Object> lrs = grid.axes().get(ConfigKey.LR);
        // lr 1e-2 reaches the accuracy threshold within 150 epochs and 1e-5 does not: round 1 adds their geometric
        // midpoint, which reaches it, so round 2 adds the midpoint below it; the budget of 2 points is then spent
        assertEquals(List.of(1e-5, 5.6234132519e-05, 3.16227766017e-4, 1e-2), lrs, first.out());
        assertTrue(first.out().contains("refine: done after 2 rounds, 2 grid points added"), first.out());
        assertEquals(8, grid.runs().size(), grid.runs().toString());
        List<String> ids = grid.runs().stream().map(Cell::id).toList();
        assertEquals(
                List.of(
                        "p005-standard-seed1-lr1e-05",
                        "p005-standard-seed1-lr0.01",
                        "p005-standard-seed2-lr1e-05",
                        "p005-standard-seed2-lr0.01"),
                ids.subList(0, 4));
        for (Cell run : grid.runs()) {
            assertTrue(first.out().contains(run.id()), run.id() + " trained: " + first.out());
        }
        assertTrue(first.out().contains("Done in "), first.out());
        assertTrue(first.out().contains(": 8 trained, 0 already committed, 0 failed; reports for p = 5."), first.out());
        assertTrue(
                first.out().matches("(?s).*reduce grid lr-seeds: \\d+ files in .* -> results/grids/lr-seeds\n.*"),
                first.out());
        assertTrue(Files.exists(tmp.resolve("store/results/grids/lr-seeds/phases.json")));
        String phases = Files.readString(tmp.resolve("store/results/grids/lr-seeds/phases.json"));
        for (Cell run : grid.runs()) {
            assertTrue(phases.contains("\"" + run.id() + "\""), run.id() + " in phases.json");
        }

        List<String> files = StoreSnapshot.files(store);
        Run again = sweep(args);
        assertEquals(0, again.code(), again.toString());
        assertTrue(again.out().contains(": 0 trained, 8 already committed, 0 failed"), again.out());
        assertEquals(grid.toJson(), GridManifest.read(store, "lr-seeds").toJson(), "the same grid");
        List<String> after = new ArrayList<>(StoreSnapshot.files(store));
        assertTrue(after.containsAll(files), "nothing removed");

        Cli.Run verify = Cli.run(new VerifyCommand(), "--store", s);
        assertEquals(0, verify.code(), verify.toString());
    }
}
