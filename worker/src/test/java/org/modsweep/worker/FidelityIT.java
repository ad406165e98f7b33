package org.modsweep.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.modsweep.core.Cell;
import org.modsweep.core.parquet.EpochMetrics;
import org.modsweep.core.parquet.MetricsParquet;
import org.modsweep.core.store.ResultsStore;

/**
 * Every metric the reference lists (crosscheck.json, p = 23) at every listed epoch, within the listed relative
 * tolerance, for the four full-data configurations over their full epoch counts, trained through the real
 * {@link CellTrainer} path and read back from the committed metrics Parquet.
 */
class FidelityIT {

    @TempDir
    java.nio.file.Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"standard", "quad_random", "quad_single_freq", "relu_single_freq"})
    void fullDataConfigurationsMatchTheReference(String key) throws Exception {
        JsonNode ref = Crosscheck.p23().get(key);
        List<EpochMetrics> rows = train(key, null);
        assertEquals(ref.get("epochs_run").asInt(), rows.size(), "epochs run");
        List<String> failures =
                Crosscheck.compare(key, rows, ref, (metric, epoch) -> Crosscheck.tolerance(ref, metric, epoch));
        assertTrue(failures.isEmpty(), key + ": " + String.join("; ", failures));
    }

    /**
     * Grokking: the split is torch 1.13's CPU randperm replayed from the seed-42 stream, so the run is exactly
     * comparable too. crosscheck.json lists no tolerance for it (its block is "statistical only"), so the standard
     * configuration's brackets (same optimiser and activation) are used: as listed up to epoch 100, and with the
     * factor 3 crosscheck.md suggests for a port's summation-order spread beyond, over the first 2000 epochs
     * (memorisation and the start of generalisation; later the trajectories drift apart by a test pair or so, as
     * the reference's own published log does from its CPU rerun).
     */
    @Test
    void grokkingSplitAndEarlyEpochsMatchTheReference() throws Exception {
        JsonNode ref = Crosscheck.p23().get("grokking");
        JsonNode standard = Crosscheck.p23().get("standard");
        List<EpochMetrics> rows = train("grokking", 2001);
        ResultsStore store = ResultsStore.open(tmp.resolve("store").toString());
        var run = store.readRun(Cell.of(23, "grokking"));
        assertEquals(ref.get("n_train").asInt(), run.nTrain());
        assertEquals(ref.get("n_test").asInt(), run.nTest());
        List<String> failures = Crosscheck.compare(
                "grokking",
                rows,
                ref,
                (metric, epoch) -> Crosscheck.tolerance(standard, metric, epoch) * (epoch <= 100 ? 1 : 3));
        assertTrue(failures.isEmpty(), "grokking: " + String.join("; ", failures));
    }

    private List<EpochMetrics> train(String key, Integer cap) throws Exception {
        ResultsStore store = ResultsStore.open(tmp.resolve("store").toString());
        Cell cell = Cell.of(23, key);
        CellTrainer.train(store, cell, new TrainOptions(cap, 1, "cpu", false), TrainingListener.NONE);
        return MetricsParquet.read(store.conf(), store.layout().metricsDir(cell));
    }
}
