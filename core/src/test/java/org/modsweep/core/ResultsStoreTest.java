package org.modsweep.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modsweep.core.config.ConfigJson;
import org.modsweep.core.parquet.Checkpoint;
import org.modsweep.core.parquet.EpochMetrics;
import org.modsweep.core.parquet.MetricsParquet;
import org.modsweep.core.parquet.RunColumns;
import org.modsweep.core.parquet.WeightTensor;
import org.modsweep.core.parquet.WeightsParquet;
import org.modsweep.core.run.RunRecord;
import org.modsweep.core.store.ResultsStore;
import org.modsweep.core.testing.PlantedRuns;

class ResultsStoreTest {

    @TempDir
    java.nio.file.Path tmp;

    @Test
    void attemptIsInvisibleUntilCommittedAndRoundTrips() throws Exception {
        ResultsStore store = ResultsStore.open(tmp.resolve("store").toString());
        store.checkWritable();
        Cell cell = Cell.of(3, "standard");
        Path attempt = store.newAttempt(cell);

        List<EpochMetrics> rows = new ArrayList<>();
        for (int e = 0; e < 5; e++) {
            rows.add(new EpochMetrics(
                    e, 3.1f - e, 3.1f - e, e / 9.0, e / 9.0, 0.01 * e, 3.2, 5e-5 * Math.min(e / 10.0, 1)));
        }
        MetricsParquet.write(store.conf(), new Path(attempt, ResultsStore.ATTEMPT_METRICS), RunColumns.of(cell), rows);
        float[] a = {1, 2, 3, 4, 5, 6};
        float[] b = {-1, -2, -3, -4, -5, -6};
        try (WeightsParquet.Writer w = new WeightsParquet.Writer(
                store.conf(), new Path(attempt, ResultsStore.ATTEMPT_WEIGHTS), RunColumns.of(cell))) {
            w.append(new Checkpoint(0, false, new WeightTensor("W_in", 2, 3, a), new WeightTensor("W_out", 3, 2, b)));
            w.append(new Checkpoint(200, false, new WeightTensor("W_in", 2, 3, b), new WeightTensor("W_out", 3, 2, a)));
            w.append(new Checkpoint(4, true, new WeightTensor("W_in", 2, 3, a), new WeightTensor("W_out", 3, 2, a)));
        }
        assertFalse(store.isCommitted(cell));
        assertTrue(store.committedCells().isEmpty());

        RunRecord rec = PlantedRuns.recordOf(cell, 5, "att1")
                .dMlp(512)
                .epochCap(5)
                .checkpoints(2)
                .timing(1.0, 200.0)
                .versions(Map.of("modsweep", "test"))
                .finalMetrics(Map.of("train_loss", -0.9))
                .pairs(9, 9)
                .build();
        store.commit(cell, attempt, rec);
        assertTrue(store.isCommitted(cell));
        assertEquals(List.of(cell), store.committedCells());
        assertFalse(store.fs().exists(attempt));
        assertEquals(5, store.readRun(cell).epochsRun());
        assertEquals(ConfigJson.fromMap(store.readRun(cell).config()), cell.config());

        List<EpochMetrics> back =
                MetricsParquet.read(store.conf(), store.layout().metricsDir(cell));
        assertEquals(rows, back);
        List<Checkpoint> ckpts =
                WeightsParquet.readCheckpoints(store.conf(), store.layout().weightsDir(cell));
        assertEquals(2, ckpts.size());
        assertArrayEquals(a, ckpts.get(0).wIn().values());
        assertArrayEquals(b, ckpts.get(1).wIn().values());
        assertEquals(3, ckpts.get(1).wOut().rows());
        assertEquals(
                4,
                WeightsParquet.readFinal(store.conf(), store.layout().weightsDir(cell))
                        .epoch());
        assertArrayEquals(
                new int[] {0, 200},
                WeightsParquet.checkpointEpochs(store.conf(), store.layout().weightsDir(cell)));
        // Hive-style layout, p and config in directory names only
        assertTrue(Files.exists(tmp.resolve("store/metrics/p=3/config=standard")));
        assertTrue(Files.exists(tmp.resolve("store/runs/p=3/config=standard/_DONE")));
    }

    @Test
    void unknownSchemeIsAClearError() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> ResultsStore.open("nosuch://bucket/x"));
        assertTrue(e.getMessage().contains("nosuch"), e.getMessage());
    }

    @Test
    void unwritableStoreFailsTheWriteProbe() throws Exception {
        // a path below a regular file cannot be created, even by root
        java.nio.file.Path file = Files.writeString(tmp.resolve("plain-file"), "x");
        ResultsStore store = ResultsStore.open(file.resolve("store").toString());
        java.io.IOException e = assertThrows(java.io.IOException.class, store::checkWritable);
        assertTrue(e.getMessage().contains("cannot be written"), e.getMessage());
    }
}
