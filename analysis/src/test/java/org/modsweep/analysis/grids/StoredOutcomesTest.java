package org.modsweep.analysis.grids;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modsweep.core.Cell;
import org.modsweep.core.config.Overrides;
import org.modsweep.core.parquet.EpochMetrics;
import org.modsweep.core.parquet.RunColumns;
import org.modsweep.core.store.ResultsStore;
import org.modsweep.core.testing.PlantedRuns;

/** Outcomes read back from committed runs, a study run and a run with overrides, through core's commit. */
class StoredOutcomesTest {

    @TempDir
    java.nio.file.Path tmp;

    /** Commits a run whose train accuracy reaches 1 at {@code train} and test accuracy at {@code test}. */
    private static void commit(ResultsStore store, Cell cell, int epochs, int train, int test) throws IOException {
        ResultsStore s = store;
        List<EpochMetrics> rows = new ArrayList<>();
        for (int e = 0; e < epochs; e++) {
            rows.add(new EpochMetrics(e, 1, 1, e >= train ? 1.0 : 0.2, e >= test ? 0.96 : 0.1, 1, 1, 1e-4));
        }
        Path attempt = PlantedRuns.attempt(s, cell, RunColumns.of(cell), rows, List.of()); // no checkpoints
        s.commit(
                cell,
                attempt,
                PlantedRuns.recordOf(cell, epochs, "planted-" + cell.id())
                        .dMlp(cell.dMlp())
                        .checkpoints(0)
                        .timing(0, 0)
                        .device("planted")
                        .times("", "")
                        .build());
    }

    @Test
    void outcomesOfCommittedRuns() throws Exception {
        ResultsStore store = ResultsStore.open(tmp.resolve("store").toString());
        Cell study = Cell.of(23, "grokking");
        Cell seeded = Cell.of(23, "grokking", Overrides.parse(List.of("seed=3", "weight_decay=0.5")));
        Cell full = Cell.of(5, "standard", Overrides.parse(List.of("seed=3")));
        commit(store, study, 2500, 100, 1600);
        commit(store, seeded, 2500, 100, 400);
        commit(store, full, 300, 250, 250);
        assertEquals(
                new RunOutcome(2500, 100, 1600, 1500, Phase.GROKKING, 0.96),
                StoredOutcomes.read(store, study, PhaseThresholds.DEFAULT));
        assertEquals(
                new RunOutcome(2500, 100, 400, 300, Phase.COMPREHENSION, 0.96),
                StoredOutcomes.read(store, seeded, PhaseThresholds.DEFAULT));
        assertEquals(
                new RunOutcome(300, 250, null, null, Phase.COMPREHENSION, 1.0),
                StoredOutcomes.read(store, full, PhaseThresholds.DEFAULT));
        assertTrue(Files.isRegularFile(
                tmp.resolve("store/metrics/p=23/config=grokking/part-p023-grokking-seed3-weight_decay0.5.parquet")));
        assertEquals(
                List.of(full, study, seeded), store.committedCells(), "every run, study runs and runs with overrides");
        Cell absent = Cell.of(23, "standard");
        assertTrue(assertThrows(IOException.class, () -> StoredOutcomes.read(store, absent, PhaseThresholds.DEFAULT))
                .getMessage()
                .contains("p023-standard is not committed"));
    }
}
