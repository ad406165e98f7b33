package org.modsweep.core.testing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.modsweep.core.Cell;
import org.modsweep.core.config.ConfigJson;
import org.modsweep.core.parquet.Checkpoint;
import org.modsweep.core.parquet.EpochMetrics;
import org.modsweep.core.parquet.MetricsParquet;
import org.modsweep.core.parquet.RunColumns;
import org.modsweep.core.parquet.WeightTensor;
import org.modsweep.core.parquet.WeightsParquet;
import org.modsweep.core.run.RunRecord;
import org.modsweep.core.store.ResultsStore;

/**
 * Small runs committed through the real commit protocol, with planted numbers that depend on the run (so that two
 * runs' rows can be told apart): what the worker writes, without training.
 */
public final class PlantedRuns {

    private PlantedRuns() {}

    /** Row {@code e} of the planted metrics of {@code cell}. */
    public static EpochMetrics row(Cell cell, int e) {
        double tag = Math.abs(cell.id().hashCode() % 1000) / 1000.0;
        return new EpochMetrics(e, 3.1 - e * 0.1, 3.2 - e * 0.1 + tag, e / 9.0, e / 10.0, 0.01 * e, 3.2, 1e-3 * e);
    }

    public static List<EpochMetrics> rows(Cell cell, int epochs) {
        List<EpochMetrics> rows = new ArrayList<>();
        for (int e = 0; e < epochs; e++) {
            rows.add(row(cell, e));
        }
        return rows;
    }

    /** The planted checkpoints: epoch 0 and the final weights after epoch {@code epochs - 1}. */
    public static List<Checkpoint> checkpoints(Cell cell, int epochs) {
        float tag = cell.id().length();
        float[] w = {1, 2, 3, 4, 5, epochs, tag};
        float[] v = {tag, -1, -2, -3, -4, -5, epochs};
        return List.of(
                new Checkpoint(0, false, new WeightTensor("W_in", 1, 7, w), new WeightTensor("W_out", 7, 1, v)),
                new Checkpoint(
                        epochs - 1, true, new WeightTensor("W_in", 1, 7, v), new WeightTensor("W_out", 7, 1, w)));
    }

    /** An attempt of {@code cell} holding {@code epochs} planted epochs, as the worker leaves it before its commit. */
    public static Path attempt(ResultsStore store, Cell cell, int epochs) throws IOException {
        Path dir = store.newAttempt(cell);
        RunColumns run = RunColumns.of(cell);
        MetricsParquet.write(store.conf(), new Path(dir, ResultsStore.ATTEMPT_METRICS), run, rows(cell, epochs));
        try (WeightsParquet.Writer out =
                new WeightsParquet.Writer(store.conf(), new Path(dir, ResultsStore.ATTEMPT_WEIGHTS), run)) {
            for (Checkpoint c : checkpoints(cell, epochs)) {
                out.append(c);
            }
        }
        store.writeString(new Path(dir, "split.json"), "{\"train\":[0],\"test\":[1]}");
        store.writeString(new Path(dir, "training_log.txt"), cell.id() + ": epochs " + epochs + "\n");
        return dir;
    }

    /** The run.json record of a planted run. */
    public static RunRecord record(Cell cell, int epochs, String attempt) {
        return new RunRecord(
                cell.id(),
                cell.p(),
                ConfigJson.toMap(cell.config()),
                cell.modulus().dMlp(),
                null,
                epochs,
                false,
                1,
                1.0,
                1.0,
                "cpu()",
                1,
                Map.of(),
                null,
                "2026-01-01T00:00:00Z",
                "2026-01-01T00:00:01Z",
                attempt,
                Map.of(),
                1,
                1);
    }

    /** Trains nothing: commits a planted run of {@code cell} into {@code store}. */
    public static void commit(ResultsStore store, Cell cell, int epochs) throws IOException {
        Path attempt = attempt(store, cell, epochs);
        store.commit(cell, attempt, record(cell, epochs, attempt.getName()));
    }
}
