package org.modsweep.driver.reduce;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.modsweep.analysis.CrossModulusSummary;
import org.modsweep.analysis.grids.PhaseThresholds;
import org.modsweep.core.Cell;
import org.modsweep.core.Errors;
import org.modsweep.core.Modulus;
import org.modsweep.core.grid.GridManifest;
import org.modsweep.core.store.ResultsStore;
import org.modsweep.driver.SweepListener;
import org.modsweep.driver.monitor.ProgressListener;
import org.modsweep.driver.plan.SweepPlan;
import org.modsweep.driver.spark.HadoopConfs;

/**
 * The reduce stage of a sweep: one Spark job per modulus the store holds (all at once, so they share the
 * cluster), each writing the modulus' report when the store has every configuration of it and reading its
 * summary rows; then the store's summary and the cross-modulus summary on the driver.
 */
public final class ReduceStage {

    private final SparkContext sc;
    private final ResultsStore store;
    private final Map<String, String> hadoopEntries;
    private final SweepListener listener;
    private final BooleanSupplier cancelled;
    /** The prefix of a grid's key in {@link #errors()}: {@code grid:<id>}. */
    public static final String GRID_KEY = "grid:";

    private final List<Integer> reduced = new ArrayList<>();
    private final Map<String, String> errors = new LinkedHashMap<>();

    public ReduceStage(
            SparkContext sc,
            ResultsStore store,
            Map<String, String> sparkConf,
            SweepListener listener,
            BooleanSupplier cancelled) {
        this.sc = sc;
        this.store = store;
        this.hadoopEntries = HadoopConfs.hadoopEntries(sparkConf);
        this.listener = listener;
        this.cancelled = cancelled;
    }

    /** Moduli whose report was written. */
    public List<Integer> reduced() {
        return List.copyOf(reduced);
    }

    /** Failures by modulus (or {@code summary}, or {@code grid:<id>}), one line each. */
    public Map<String, String> errors() {
        return Map.copyOf(errors);
    }

    /** Reduces the plan's moduli; returns the number of cells in the store's summary (0 when cancelled). */
    public int run(SweepPlan plan) throws IOException {
        return run(plan, null, null);
    }

    /**
     * Reduces the plan's moduli and, given a grid, the grid (results/grids/&lt;id&gt;/, a job of its own beside the
     * moduli's). The per-p reports stay the study's: a p whose study runs are not all committed gets none, whatever
     * grid runs it has. Returns the number of cells in the store's summary (0 when cancelled).
     */
    public int run(SweepPlan plan, GridManifest grid, PhaseThresholds thresholds) throws IOException {
        List<Cell> all = store.committedCells();
        List<Cell> committed = all.stream()
                .filter(Cell::isStudyRun) // the per-p reports are the study's
                .toList();
        Set<Integer> storeModuli = new TreeSet<>();
        all.forEach(c -> storeModuli.add(c.p())); // cells.parquet has a row for every run, grid runs too
        Set<Integer> complete = new TreeSet<>();
        for (Modulus p : plan.moduli()) {
            List<String> missing = SweepPlan.missingForReport(p, committed);
            if (missing.isEmpty()) {
                complete.add(p.p());
            } else {
                listener.onLine("reduce p=" + p + ": no report yet, the store lacks " + String.join(", ", missing));
            }
        }
        Map<Integer, JavaFutureAction<List<ReduceOutcome>>> jobs = submit(storeModuli, complete);
        JavaFutureAction<List<GridReduceTask.Outcome>> gridJob = grid == null ? null : submitGrid(grid, thresholds);
        List<CellSummary> rows = new ArrayList<>();
        for (Map.Entry<Integer, JavaFutureAction<List<ReduceOutcome>>> e : jobs.entrySet()) {
            int p = e.getKey();
            try {
                ReduceOutcome out = e.getValue().get().get(0);
                rows.addAll(out.rows());
                if (out.error() != null) {
                    fail(Integer.toString(p), "reduce p=" + p + " failed: ", out.error());
                } else if (out.report()) {
                    reduced.add(p);
                    listener.onLine(String.format(
                            "reduce p=%d: %d files in %.1f s -> %s",
                            p, out.files().size(), out.seconds(), store.layout().resultsDir(Modulus.of(p))));
                }
            } catch (Exception ex) {
                if (cancelled.getAsBoolean()) {
                    return 0;
                }
                // the job's own failure, not the future's "Exception thrown by job"
                Throwable cause = ex instanceof ExecutionException && ex.getCause() != null ? ex.getCause() : ex;
                fail(Integer.toString(p), "reduce p=" + p + " failed: ", Errors.firstLine(cause));
            }
        }
        if (gridJob != null && !collectGrid(grid, gridJob)) {
            return 0;
        }
        List<Path> files = SummaryWriter.write(store, rows);
        listener.onLine("summary: " + rows.size() + " cells -> " + files.get(0) + ", "
                + files.get(1).getName());
        try {
            List<String> cross = CrossModulusSummary.write(store);
            listener.onLine("cross-p summary: " + String.join(", ", cross));
        } catch (Exception ex) {
            fail("summary", "cross-modulus summary failed: ", Errors.firstLine(ex));
        }
        return rows.size();
    }

    private Map<Integer, JavaFutureAction<List<ReduceOutcome>>> submit(Set<Integer> moduli, Set<Integer> complete) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(sc);
        sc.setLocalProperty(ProgressListener.STAGE_PROPERTY, "reduce");
        Map<Integer, JavaFutureAction<List<ReduceOutcome>>> jobs = new LinkedHashMap<>();
        for (int p : moduli) {
            boolean report = complete.contains(p);
            // job descriptions are captured at submission, so each modulus' job carries its own
            sc.setJobDescription((report ? "reduce p=" : "summarize p=") + p);
            jobs.put(
                    p,
                    jsc.parallelize(List.of(p), 1)
                            .map(new ReduceTask(store.uri(), hadoopEntries, report))
                            .collectAsync());
        }
        sc.setJobDescription(null);
        sc.setLocalProperty(ProgressListener.STAGE_PROPERTY, null);
        return jobs;
    }

    private JavaFutureAction<List<GridReduceTask.Outcome>> submitGrid(GridManifest grid, PhaseThresholds t) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(sc);
        sc.setLocalProperty(ProgressListener.STAGE_PROPERTY, "reduce");
        sc.setJobDescription("reduce grid " + grid.id());
        try {
            return jsc.parallelize(List.of(grid.toJson()), 1)
                    .map(new GridReduceTask(store.uri(), hadoopEntries, t))
                    .collectAsync();
        } finally {
            sc.setJobDescription(null);
            sc.setLocalProperty(ProgressListener.STAGE_PROPERTY, null);
        }
    }

    /** Waits for the grid's reduce; false when the sweep was cancelled meanwhile. */
    private boolean collectGrid(GridManifest grid, JavaFutureAction<List<GridReduceTask.Outcome>> job) {
        String key = GRID_KEY + grid.id();
        try {
            GridReduceTask.Outcome out = job.get().get(0);
            if (out.error() != null) {
                fail(key, "reduce grid " + grid.id() + " failed: ", out.error());
            } else {
                listener.onLine(String.format(
                        "reduce grid %s: %d files in %.1f s -> %s",
                        grid.id(),
                        out.files().size(),
                        out.seconds(),
                        store.layout().relative(GridManifest.dir(store, grid.id()))));
            }
        } catch (Exception ex) {
            if (cancelled.getAsBoolean()) {
                return false;
            }
            fail(key, "reduce grid " + grid.id() + " failed: ", Errors.firstLine(ex));
        }
        return true;
    }

    private void fail(String key, String prefix, String message) {
        errors.put(key, message);
        listener.onLine(prefix + message);
    }
}
