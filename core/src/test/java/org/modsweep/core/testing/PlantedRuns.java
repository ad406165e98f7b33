package org.modsweep.core.testing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.modsweep.core.Cell;
import org.modsweep.core.config.ConfigJson;
import org.modsweep.core.config.RunConfig;
import org.modsweep.core.parquet.Checkpoint;
import org.modsweep.core.parquet.EpochMetrics;
import org.modsweep.core.parquet.MetricsParquet;
import org.modsweep.core.parquet.RunColumns;
import org.modsweep.core.parquet.WeightTensor;
import org.modsweep.core.parquet.WeightsParquet;
import org.modsweep.core.run.LaneBatch;
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
        Path dir = attempt(store, cell, RunColumns.of(cell), rows(cell, epochs), checkpoints(cell, epochs));
        store.writeString(new Path(dir, "split.json"), "{\"train\":[0],\"test\":[1]}");
        store.writeString(new Path(dir, "training_log.txt"), cell.id() + ": epochs " + epochs + "\n");
        return dir;
    }

    /** A new attempt of {@code cell} holding the given metrics rows and checkpoints (no split.json, no log). */
    public static Path attempt(
            ResultsStore store, Cell cell, RunColumns run, List<EpochMetrics> rows, List<Checkpoint> checkpoints)
            throws IOException {
        Path dir = store.newAttempt(cell);
        MetricsParquet.write(store.conf(), new Path(dir, ResultsStore.ATTEMPT_METRICS), run, rows);
        try (WeightsParquet.Writer out =
                new WeightsParquet.Writer(store.conf(), new Path(dir, ResultsStore.ATTEMPT_WEIGHTS), run)) {
            for (Checkpoint c : checkpoints) {
                out.append(c);
            }
        }
        return dir;
    }

    /** The run.json record of a planted run. */
    public static RunRecord record(Cell cell, int epochs, String attempt) {
        return recordOf(cell, epochs, attempt).build();
    }

    /**
     * The run.json record of a planted run, to adjust before {@link Record#build()}: the one construction path of
     * the tests' planted records (only the values a test cares about differ from {@link #record}'s).
     */
    public static Record recordOf(Cell cell, int epochs, String attempt) {
        return new Record(cell, epochs, attempt);
    }

    /** A planted run.json record under construction; its defaults are those of {@link #record}. */
    public static final class Record {
        private final Cell cell;
        private Map<String, Object> config;
        private int dMlp;
        private Integer epochCap;
        private int epochsRun;
        private int checkpoints = 1;
        private double wallSeconds = 1.0;
        private double msPerEpoch = 1.0;
        private String device = "cpu()";
        private Map<String, String> versions = Map.of();
        private String started = "2026-01-01T00:00:00Z";
        private String finished = "2026-01-01T00:00:01Z";
        private String attempt;
        private Map<String, Double> finalMetrics = Map.of();
        private int nTrain = 1;
        private int nTest = 1;
        private LaneBatch lanes;

        private Record(Cell cell, int epochs, String attempt) {
            this.cell = cell;
            this.config = ConfigJson.toMap(cell.config());
            this.dMlp = cell.modulus().dMlp();
            this.epochsRun = epochs;
            this.attempt = attempt;
        }

        public Record config(RunConfig c) {
            config = ConfigJson.toMap(c);
            return this;
        }

        public Record dMlp(int d) {
            dMlp = d;
            return this;
        }

        public Record epochCap(Integer cap) {
            epochCap = cap;
            return this;
        }

        public Record checkpoints(int n) {
            checkpoints = n;
            return this;
        }

        public Record timing(double wall, double msPerEpochRun) {
            wallSeconds = wall;
            msPerEpoch = msPerEpochRun;
            return this;
        }

        public Record device(String d) {
            device = d;
            return this;
        }

        public Record times(String startedAt, String finishedAt) {
            started = startedAt;
            finished = finishedAt;
            return this;
        }

        public Record finalMetrics(Map<String, Double> metrics) {
            finalMetrics = metrics;
            return this;
        }

        public Record pairs(int train, int test) {
            nTrain = train;
            nTest = test;
            return this;
        }

        public Record versions(Map<String, String> v) {
            versions = v;
            return this;
        }

        /** Trained in {@code batch} (null: alone). */
        public Record lanes(LaneBatch batch) {
            lanes = batch;
            return this;
        }

        public RunRecord build() {
            return new RunRecord(
                    cell.id(),
                    cell.p(),
                    config,
                    dMlp,
                    epochCap,
                    epochsRun,
                    false,
                    checkpoints,
                    wallSeconds,
                    msPerEpoch,
                    device,
                    1,
                    versions,
                    null,
                    started,
                    finished,
                    attempt,
                    finalMetrics,
                    nTrain,
                    nTest,
                    lanes);
        }
    }

    /** Trains nothing: commits a planted run of {@code cell} into {@code store}. */
    public static void commit(ResultsStore store, Cell cell, int epochs) throws IOException {
        Path attempt = attempt(store, cell, epochs);
        store.commit(cell, attempt, record(cell, epochs, attempt.getName()));
    }
}
