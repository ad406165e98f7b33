package org.modsweep.analysis.grids;

import java.io.IOException;
import java.util.List;
import org.modsweep.core.Cell;
import org.modsweep.core.parquet.EpochMetrics;
import org.modsweep.core.parquet.MetricsParquet;
import org.modsweep.core.store.ResultsStore;

/** A committed run's outcome (grids.md §2), read from its metrics. */
public final class StoredOutcomes {

    private StoredOutcomes() {}

    /** The outcome of {@code cell}, committed in {@code store} (a study run or a run with overrides). */
    public static RunOutcome read(ResultsStore store, Cell cell, PhaseThresholds thresholds) throws IOException {
        if (!store.isCommitted(cell)) {
            throw new IOException("run " + cell.id() + " is not committed in " + store.uri());
        }
        List<EpochMetrics> rows = MetricsParquet.read(store.conf(), store.metricsFile(cell));
        double[] train = rows.stream().mapToDouble(EpochMetrics::trainAcc).toArray();
        double[] test = rows.stream().mapToDouble(EpochMetrics::testAcc).toArray();
        return Phases.classify(train, test, cell.config().fullData(), thresholds);
    }
}
