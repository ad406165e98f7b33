package org.modsweep.driver.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modsweep.analysis.grids.PhaseThresholds;
import org.modsweep.core.Cell;
import org.modsweep.core.Modulus;
import org.modsweep.core.config.ConfigKey;
import org.modsweep.core.config.StudyConfigs;
import org.modsweep.core.grid.GridManifest;
import org.modsweep.core.grid.GridSpec;
import org.modsweep.core.parquet.EpochMetrics;
import org.modsweep.core.parquet.RunColumns;
import org.modsweep.core.store.ResultsStore;
import org.modsweep.core.testing.PlantedRuns;

/**
 * Refinement rounds on planted runs (no training): which runs a round adds, with the grid's seeds, the budget over
 * rounds and over a resumed sweep, and the manifest written before they train.
 */
class GridRefinementTest {

    @TempDir
    Path tmp;

    /** p = 5 grokking-free grid: standard with frac_train 0.5 (a test split), seeds 1 and 2, four weight decays. */
    private static GridManifest grid() {
        GridSpec spec = GridSpec.parse("seed=1,2;weight_decay=0.01,0.1,1,10");
        List<Cell> runs = spec.runs(
                List.of(Modulus.of(5)),
                List.of(StudyConfigs.STANDARD.with(
                        org.modsweep.core.config.Overrides.parse(List.of("frac_train=0.5")))),
                GridSpec.DEFAULT_LIMIT,
                false);
        return new GridManifest(
                "wd", spec.axes(), org.modsweep.core.config.Overrides.parse(List.of("frac_train=0.5")), 100, runs);
    }

    /**
     * Commits a planted run: train accuracy reaches 1 at epoch 10; test accuracy at epoch 20 (comprehension) when
     * {@code generalises}, never otherwise (memorization).
     */
    private static void commit(ResultsStore s, Cell cell, boolean generalises) throws IOException {
        List<EpochMetrics> rows = new ArrayList<>();
        for (int e = 0; e < 100; e++) {
            rows.add(new EpochMetrics(e, 1, 1, e >= 10 ? 1.0 : 0.1, generalises && e >= 20 ? 1.0 : 0.1, 1, 1, 1e-3));
        }
        org.apache.hadoop.fs.Path attempt = PlantedRuns.attempt(s, cell, RunColumns.of(cell), rows, List.of());
        s.commit(
                cell,
                attempt,
                PlantedRuns.recordOf(cell, 100, "planted-" + cell.id())
                        .dMlp(cell.dMlp())
                        .epochCap(100)
                        .checkpoints(0)
                        .timing(0, 0)
                        .device("planted")
                        .times("", "")
                        .pairs(12, 13)
                        .build());
    }

    /** Generalises from weight decay 0.3 up (a boundary between 0.1 and 1, then between 0.1 and 0.316...). */
    private static boolean generalises(Cell run) {
        return run.config().weightDecay() >= 0.3;
    }

    private static List<Double> decays(List<Cell> runs) {
        return runs.stream().map(c -> c.config().weightDecay()).distinct().toList();
    }

    @Test
    void roundsAddMidpointsWithTheGridsSeedsUntilTheBudgetIsSpent() throws Exception {
        ResultsStore store = ResultsStore.open(tmp.resolve("store").toString());
        GridManifest m = grid();
        for (Cell run : m.runs()) {
            commit(store, run, generalises(run));
        }
        GridSweep sweep = new GridSweep(m, 2, PhaseThresholds.DEFAULT);
        GridRefinement refinement = new GridRefinement(store, sweep, m);

        List<Cell> round1 = refinement.nextRound();
        assertEquals(
                List.of(
                        "p005-standard-seed1-weight_decay0.316227766017-frac_train0.5",
                        "p005-standard-seed2-weight_decay0.316227766017-frac_train0.5"),
                round1.stream().map(Cell::id).toList());
        assertEquals(1, refinement.budgetLeft());
        assertEquals(
                refinement.manifest().toJson(), GridManifest.read(store, "wd").toJson(), "written first");
        for (Cell run : round1) {
            commit(store, run, generalises(run));
        }
        List<Cell> round2 = refinement.nextRound(); // 0.316 generalises: the boundary is between 0.1 and 0.316
        assertEquals(List.of(0.177827941004), decays(round2));
        assertEquals(2, round2.size());
        assertEquals(0, refinement.budgetLeft());
        assertEquals(List.of(), refinement.nextRound(), "the budget is spent");
        assertEquals(
                List.of(0.01, 0.1, 0.177827941004, 0.316227766017, 1.0, 10.0),
                refinement.manifest().axes().get(ConfigKey.WEIGHT_DECAY));

        // the same command again: its grid as resumed holds both points, which count against the budget
        GridManifest resumed = StoredGrid.resume(store, m);
        assertEquals(0, new GridRefinement(store, sweep, resumed).budgetLeft());
        assertEquals(1, new GridRefinement(store, new GridSweep(m, 3, PhaseThresholds.DEFAULT), resumed).budgetLeft());
    }

    @Test
    void uncommittedRunsAreLeftOutAndAgreeingPhasesAddNothing() throws Exception {
        ResultsStore store = ResultsStore.open(tmp.resolve("store").toString());
        GridManifest m = grid();
        for (Cell run : m.runs()) {
            if (run.config().seed() == 1) {
                commit(store, run, true); // seed 2 never committed (failed): seed 1 alone decides, all alike
            }
        }
        GridRefinement refinement = new GridRefinement(store, new GridSweep(m, 5, PhaseThresholds.DEFAULT), m);
        assertEquals(List.of(), refinement.nextRound());
        assertEquals(5, refinement.budgetLeft());
    }
}
