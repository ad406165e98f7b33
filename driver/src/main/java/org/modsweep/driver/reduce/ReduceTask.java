package org.modsweep.driver.reduce;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function;
import org.modsweep.analysis.ModulusReport;
import org.modsweep.core.Cell;
import org.modsweep.core.Errors;
import org.modsweep.core.Modulus;
import org.modsweep.core.store.ResultsStore;
import org.modsweep.driver.spark.TaskStores;

/**
 * The reduce task of one modulus: when asked, writes the modulus' report from its committed runs (every file of
 * outputs.md §1 into results/p_PPP/, by the analysis module's {@link ModulusReport}), and reads the summary row of
 * every committed cell of that modulus. A report that fails in part still writes what it can; the failure (and a
 * cell whose row cannot be read: a damaged run) is returned as one line, not thrown, so Spark does not redo the
 * whole report and the other moduli and the summary go on. The report's analyses and figures run on the CPUs
 * Spark gave the task ({@code spark.task.cpus}), not on every core of the machine.
 */
public final class ReduceTask implements Function<Integer, ReduceOutcome>, Serializable {

    private static final Logger LOG = LogManager.getLogger(ReduceTask.class);

    private final String storeUri;
    private final Map<String, String> hadoopEntries;
    private final boolean writeReport;

    public ReduceTask(String storeUri, Map<String, String> hadoopEntries, boolean writeReport) {
        this.storeUri = storeUri;
        this.hadoopEntries = Map.copyOf(hadoopEntries);
        this.writeReport = writeReport;
    }

    @Override
    public ReduceOutcome call(Integer p) throws Exception {
        long t0 = System.nanoTime();
        ResultsStore store = TaskStores.open(storeUri, hadoopEntries);
        Modulus modulus = Modulus.of(p);
        TaskContext ctx = TaskContext.get();
        int threads = ctx == null ? 1 : Math.max(1, ctx.cpus()); // the executor's other cores belong to other tasks
        List<String> files = new ArrayList<>();
        String error = null;
        if (writeReport) {
            try {
                files.addAll(ModulusReport.write(store, modulus, threads));
            } catch (Exception e) {
                LOG.error("report for p={} failed", p, e);
                error = Errors.firstLine(e);
            }
        }
        List<CellSummary> rows = new ArrayList<>();
        for (Cell cell : store.committedCells()) {
            if (cell.p() == p) { // every run: cells.parquet holds grid runs too, cells.json only the study's
                try {
                    rows.add(CellSummary.of(store, cell));
                } catch (IOException | RuntimeException e) { // a damaged run: this modulus fails, the others go on
                    LOG.error("summary row of {} failed", cell.id(), e);
                    error = error != null ? error : cell.id() + ": " + Errors.firstLine(e);
                }
            }
        }
        return new ReduceOutcome(p, writeReport, files, rows, error, (System.nanoTime() - t0) / 1e9);
    }
}
