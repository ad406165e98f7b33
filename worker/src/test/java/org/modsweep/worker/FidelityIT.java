package org.modsweep.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
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

    private static final Logger LOG = LogManager.getLogger(FidelityIT.class);
    private static final String[] METRICS = {
        "train_loss", "test_loss", "train_acc", "test_acc", "grad_norm", "param_norm"
    };

    @TempDir
    java.nio.file.Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"standard", "quad_random", "quad_single_freq", "relu_single_freq"})
    void fullDataConfigurationsMatchTheReference(String key) throws Exception {
        JsonNode ref = Crosscheck.p23().get(key);
        List<EpochMetrics> rows = train(key, null);
        assertEquals(ref.get("epochs_run").asInt(), rows.size(), "epochs run");
        List<String> failures = compare(key, ref, rows, (metric, epoch) -> Crosscheck.tolerance(ref, metric, epoch));
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
        List<String> failures = compare(
                "grokking",
                ref,
                rows,
                (metric, epoch) -> Crosscheck.tolerance(standard, metric, epoch) * (epoch <= 100 ? 1 : 3));
        assertTrue(failures.isEmpty(), "grokking: " + String.join("; ", failures));
    }

    private interface Tolerance {
        double at(String metric, int epoch);
    }

    private List<EpochMetrics> train(String key, Integer cap) throws Exception {
        ResultsStore store = ResultsStore.open(tmp.resolve("store").toString());
        Cell cell = Cell.of(23, key);
        CellTrainer.train(store, cell, new TrainOptions(cap, 1, "cpu", false), TrainingListener.NONE);
        return MetricsParquet.read(store.conf(), store.layout().metricsDir(cell));
    }

    private static List<String> compare(String key, JsonNode ref, List<EpochMetrics> rows, Tolerance tol) {
        List<String> failures = new ArrayList<>();
        double worst = 0;
        String worstAt = "";
        for (Iterator<Map.Entry<String, JsonNode>> it = ref.get("epochs").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            int epoch = Integer.parseInt(e.getKey());
            if (epoch >= rows.size()) {
                continue;
            }
            EpochMetrics m = rows.get(epoch);
            assertEquals(epoch, m.epoch());
            double[] ours = {m.trainLoss(), m.testLoss(), m.trainAcc(), m.testAcc(), m.gradNorm(), m.paramNorm()};
            for (int i = 0; i < METRICS.length; i++) {
                double r = e.getValue().get(METRICS[i]).asDouble();
                double d = Crosscheck.relDiff(ours[i], r);
                double t = tol.at(METRICS[i], epoch);
                if (d / t > worst) {
                    worst = d / t;
                    worstAt = String.format("epoch %d %s (rel %.2e, tol %.2e)", epoch, METRICS[i], d, t);
                }
                if (d > t) {
                    failures.add(String.format(
                            "epoch %d %s: java %.10g ref %.10g rel %.2e > tol %.2e",
                            epoch, METRICS[i], ours[i], r, d, t));
                }
            }
        }
        LOG.info("{}: closest to its tolerance: {}", key, worstAt);
        return failures;
    }
}
