package org.modsweep.explorer.api;

import java.io.IOException;
import org.apache.hadoop.fs.Path;
import org.modsweep.core.Cell;
import org.modsweep.core.store.ResultsStore;
import org.modsweep.core.store.RunStores;

/** Where a committed run's metrics Parquet file is, study run or run with overrides alike. */
final class RunMetrics {

    private RunMetrics() {}

    /** The file its commit names; FileNotFoundException when the run is not committed. */
    static Path file(ResultsStore store, Cell cell) throws IOException {
        return RunStores.forRun(store, cell).metricsFile(cell);
    }
}
