package org.modsweep.analysis.grids;

import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;
import org.apache.hadoop.fs.Path;
import org.modsweep.analysis.grokking.TrainingSplit;
import org.modsweep.core.Cell;
import org.modsweep.core.parquet.Checkpoint;
import org.modsweep.core.parquet.EpochMetrics;
import org.modsweep.core.parquet.MetricsParquet;
import org.modsweep.core.parquet.WeightsParquet;
import org.modsweep.core.store.ResultsStore;

/** A committed run's stored data as the grid reduce reads it: its outcome, metrics and checkpoints. */
public final class StoredOutcomes {

    private StoredOutcomes() {}

    /** Whether {@code cell}'s run (a study run or a run with overrides) is committed in {@code store}. */
    public static boolean isCommitted(ResultsStore store, Cell cell) throws IOException {
        return store.isCommitted(cell);
    }

    /** The outcome of {@code cell}, committed in {@code store}. */
    public static RunOutcome read(ResultsStore store, Cell cell, PhaseThresholds thresholds) throws IOException {
        return classify(cell, metrics(store, cell), thresholds);
    }

    /** The outcome of a run from its metrics rows. */
    public static RunOutcome classify(Cell cell, List<EpochMetrics> rows, PhaseThresholds thresholds) {
        double[] train = rows.stream().mapToDouble(EpochMetrics::trainAcc).toArray();
        double[] test = rows.stream().mapToDouble(EpochMetrics::testAcc).toArray();
        return Phases.classify(train, test, cell.config().fullData(), thresholds);
    }

    /** The committed run's metrics rows, epoch by epoch. */
    public static List<EpochMetrics> metrics(ResultsStore store, Cell cell) throws IOException {
        ResultsStore runStore = committed(store, cell);
        return MetricsParquet.read(runStore.conf(), runStore.metricsFile(cell));
    }

    /** Streams the committed run's numbered checkpoints in stored order, then its final weights. */
    public static void forEachCheckpoint(ResultsStore store, Cell cell, Consumer<Checkpoint> sink) throws IOException {
        ResultsStore runStore = committed(store, cell);
        WeightsParquet.forEach(runStore.conf(), runStore.weightsFile(cell), e -> true, true, sink);
    }

    /** The committed run's final weights. */
    public static Checkpoint finalWeights(ResultsStore store, Cell cell) throws IOException {
        ResultsStore runStore = committed(store, cell);
        return WeightsParquet.readFinal(runStore.conf(), runStore.weightsFile(cell));
    }

    /** The committed run's training pairs (n = a·p + b) from its split.json. */
    public static int[] trainingPairs(ResultsStore store, Cell cell) throws IOException {
        ResultsStore runStore = committed(store, cell);
        Path f = runStore.layout().splitJson(cell);
        if (!runStore.fs().exists(f)) {
            throw new IOException(
                    "run " + cell.id() + " has no " + runStore.layout().relative(f));
        }
        try {
            return TrainingSplit.parse(cell.p(), runStore.readString(f)).train();
        } catch (IllegalArgumentException e) {
            throw new IOException(runStore.layout().relative(f) + ": " + e.getMessage(), e);
        }
    }

    private static ResultsStore committed(ResultsStore store, Cell cell) throws IOException {
        if (!store.isCommitted(cell)) {
            throw new IOException("run " + cell.id() + " is not committed in " + store.uri());
        }
        return store;
    }
}
