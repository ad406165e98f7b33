package org.modsweep.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modsweep.core.Cell;
import org.modsweep.core.config.ConfigKey;
import org.modsweep.core.config.Overrides;
import org.modsweep.core.grid.GridManifest;
import org.modsweep.core.store.ResultsStore;
import org.modsweep.driver.cli.SweepCommand;
import org.modsweep.driver.testing.Cli;
import org.modsweep.driver.testing.StoreSnapshot;

/**
 * {@code sweep} with --set, --grid and --grid-file on bad input (one line, exit 2, nothing written, Spark never
 * started) and with --plan (the runs and an estimate, nothing written).
 */
class SweepGridCliTest {

    @TempDir
    Path tmp;

    private Cli.Run sweep(String... args) {
        List<String> all = new ArrayList<>(List.of("--p", "5", "--configs", "standard", "--epochs", "50"));
        all.addAll(List.of(args));
        return Cli.run(new SweepCommand(), all.toArray(String[]::new));
    }

    private static void assertRefused(Cli.Run r, String fragment) {
        HostileInputTest.assertRefused("sweep", r, fragment);
    }

    @Test
    void badGridsAreOneLineAndExit2WithNothingWritten() throws Exception {
        String s = tmp.resolve("store").toString();
        Path file = Files.writeString(tmp.resolve("g.yaml"), "seed: [1, 2]\n");
        assertRefused(sweep("--store", s, "--grid", ""), "the grid is empty");
        assertRefused(sweep("--store", s, "--grid", " ; "), "the grid is empty");
        assertRefused(sweep("--store", s, "--grid", "bogus=1,2"), "unknown key 'bogus': valid keys are seed, lr");
        assertRefused(sweep("--store", s, "--grid", "weight_decay=0,-1"), "weight_decay=-1.0: must be >= 0");
        assertRefused(sweep("--store", s, "--grid", "seed=1..3;seed=4"), "grid axis seed is given twice");
        assertRefused(sweep("--store", s, "--set", "lr=0"), "lr=0.0: must be > 0");
        assertRefused(sweep("--store", s, "--set", "frac_train"), "--set frac_train: expected KEY=VALUE");
        assertRefused(sweep("--store", s, "--grid", "frac_train=0.01"), "leaves no training pair at p=5");
        assertRefused(
                sweep("--store", s, "--grid", "seed=0..10000"),
                "the grid has 10001 runs, more than the limit of 10000; add --yes");
        assertRefused(sweep("--store", s, "--grid", "seed=1", "--grid-file", file.toString()), "not both");
        assertRefused(
                sweep("--store", s, "--grid-file", tmp.resolve("none.yaml").toString()), "none.yaml");
        assertRefused(sweep("--store", s, "--grid", "seed=1,2", "--grid-name", "My Grid"), "grid name 'My Grid'");
        assertRefused(sweep("--store", s, "--grid-name", "g"), "--grid-name names a grid");
        assertRefused(sweep("--store", s, "--refine", "3"), "--refine refines a grid");
        assertRefused(sweep("--store", s, "--grid", "seed=1,2", "--refine", "-1"), "--refine must be between 0");
        assertRefused(
                sweep("--store", s, "--grid", "seed=1,2", "--accuracy-threshold", "1.5"),
                "the accuracy threshold must be in (0, 1]");
        assertRefused(
                sweep("--store", s, "--grid", "seed=1,2", "--delay-threshold", "0"),
                "the grokking delay threshold must be >= 1 epoch");
        assertRefused(sweep("--store", s, "--set", "seed=3", "--grid", "seed=1,2"), "seed is both set");
        assertFalse(Files.exists(Path.of(s)), "nothing created");
    }

    @Test
    void anotherGridUnderTheSameNameIsRefusedAndTheStoredOneKept() throws Exception {
        ResultsStore store = ResultsStore.open(tmp.resolve("store").toString());
        Overrides seed1 = Overrides.parse(List.of("seed=1"));
        GridManifest stored = new GridManifest(
                "mine",
                java.util.Map.of(ConfigKey.SEED, List.of(1L)),
                Overrides.NONE,
                50,
                List.of(Cell.of(5, "standard", seed1)));
        stored.write(store);
        var before = StoreSnapshot.files(store);
        String s = store.uri();
        assertRefused(
                sweep("--store", s, "--grid", "weight_decay=0,1", "--grid-name", "mine"),
                "grid 'mine' in the store has the axes [seed], not [weight_decay]; resume it with the same options or"
                        + " choose another --grid-name");
        assertRefused(
                sweep("--store", s, "--grid", "seed=1,2", "--grid-name", "mine", "--set", "lr=0.01"),
                "has --set (none), not lr=0.01");
        assertEquals(before, StoreSnapshot.files(store), "nothing written");
        assertEquals(stored.toJson(), GridManifest.read(store, "mine").toJson());
    }

    @Test
    void planPrintsTheRunsAndAnEstimateAndWritesNothing() {
        String s = tmp.resolve("store").toString();
        Cli.Run r = sweep(
                "--store",
                s,
                "--grid",
                "seed=1..2;weight_decay=0,1",
                "--plan",
                "--master",
                "local[2]",
                "--refine",
                "2");
        assertEquals(0, r.code(), r.toString());
        String out = r.out();
        assertTrue(out.contains("plan: 4 cells (p = 5): 4 to train; epochs capped at 50"), out);
        for (String id : List.of(
                "p005-standard-seed1", // weight_decay 0 is standard's own
                "p005-standard-seed1-weight_decay1.0",
                "p005-standard-seed2",
                "p005-standard-seed2-weight_decay1.0")) {
            assertTrue(out.lines().anyMatch(l -> l.matches("  " + id + " +50 +512 +\\S+ +to train")), id + ": " + out);
        }
        assertTrue(out.contains("refinement may add up to 2 grid points, not estimated"), out);
        assertTrue(
                out.contains("for 4 runs on 2 task slots (local[2,4]); ms/epoch = ")
                        && out.contains("(defaults measured on the development machine)"),
                out);
        assertTrue(out.contains("nothing written (--plan)"), out);
        assertFalse(Files.exists(Path.of(s)), "nothing created");

        Cli.Run dry = sweep("--store", s, "--set", "seed=7", "--dry-run");
        assertEquals(0, dry.code(), dry.toString());
        assertTrue(dry.out().lines().anyMatch(l -> l.matches("  p005-standard-seed7 +50 +512 .*")), dry.out());
        assertFalse(Files.exists(Path.of(s)), "nothing created");
    }

    @Test
    void planFitsTheCostModelToTheStoresMeasuredRuns() throws Exception {
        ResultsStore store = ResultsStore.open(tmp.resolve("store").toString());
        SweepPlanTest.commit(store, Cell.of(3, "standard"), 50, 0.5); // d_mlp·p² = 4608
        SweepPlanTest.commit(store, Cell.of(5, "standard"), 50, 0.9); // 12800
        List<String> before = StoreSnapshot.files(store);
        Cli.Run r = sweep("--store", store.uri(), "--grid", "seed=1,2", "--plan", "--master", "local[1]");
        assertEquals(0, r.code(), r.toString());
        // a = 0.4 / 8192 ms, b = 0.5 - 4608 a
        assertTrue(
                r.out()
                        .contains("for 2 runs on 1 task slot (local[1,4]); ms/epoch = 4.88e-05·d_mlp·p² + 0.275 (fitted"
                                + " to 2 committed runs of the store)"),
                r.out());
        assertEquals(before, StoreSnapshot.files(store), "nothing written");
    }
}
