package org.modsweep.driver.reduce;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function;
import org.modsweep.analysis.grids.GridReport;
import org.modsweep.analysis.grids.PhaseThresholds;
import org.modsweep.core.Errors;
import org.modsweep.core.grid.GridManifest;
import org.modsweep.core.store.ResultsStore;
import org.modsweep.driver.spark.TaskStores;

/**
 * The reduce task of one grid: writes results/grids/&lt;id&gt;/ from the grid's committed runs with the analysis
 * module's {@link GridReport}, on the CPUs Spark gave the task. The manifest travels as its JSON. A failure is
 * returned, not thrown, so Spark does not redo the report.
 */
public final class GridReduceTask implements Function<String, GridReduceTask.Outcome>, Serializable {

    private static final Logger LOG = LogManager.getLogger(GridReduceTask.class);

    /** What a grid's reduce wrote (store-relative paths), or its error. */
    public record Outcome(String grid, List<String> files, String error, double seconds) implements Serializable {}

    private final String storeUri;
    private final Map<String, String> hadoopEntries;
    private final double accuracy;
    private final int delay;

    public GridReduceTask(String storeUri, Map<String, String> hadoopEntries, PhaseThresholds thresholds) {
        this.storeUri = storeUri;
        this.hadoopEntries = Map.copyOf(hadoopEntries);
        this.accuracy = thresholds.accuracy();
        this.delay = thresholds.grokkingDelay();
    }

    @Override
    public Outcome call(String manifestJson) throws Exception {
        long t0 = System.nanoTime();
        GridManifest grid = GridManifest.fromJson(manifestJson);
        TaskContext ctx = TaskContext.get();
        int threads = ctx == null ? 1 : Math.max(1, ctx.cpus());
        try {
            ResultsStore store = TaskStores.open(storeUri, hadoopEntries);
            List<Path> files = GridReport.write(store, grid, new PhaseThresholds(accuracy, delay), threads);
            List<String> names =
                    files.stream().map(f -> store.layout().relative(f)).toList();
            return new Outcome(grid.id(), names, null, (System.nanoTime() - t0) / 1e9);
        } catch (Exception e) {
            LOG.error("grid report {} failed", grid.id(), e);
            return new Outcome(grid.id(), List.of(), Errors.message(e), (System.nanoTime() - t0) / 1e9);
        }
    }
}
