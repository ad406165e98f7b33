package org.modsweep.driver.reduce;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
import org.modsweep.driver.spark.TrainingStage;

/**
 * The reduce stage of a sweep: one Spark job per modulus the store holds, each writing the modulus' report when the
 * store has every configuration of it and reading its summary rows; then the store's summary and the cross-modulus
 * summary on the driver. A complete modulus' job may start while the training job still runs ({@link #during}: its
 * task fills a slot the training's tail leaves idle); {@link #run} then submits the other moduli's jobs together
 * (so they share the cluster) and waits for all.
 */
public final class ReduceStage {

    private static final String DESCRIPTION = "spark.job.description"; // SparkContext.setJobDescription's property

    private final SparkContext sc;
    private final ResultsStore store;
    private final Map<String, String> hadoopEntries;
    private final SweepListener listener;
    private final BooleanSupplier cancelled;
    /** The prefix of a grid's key in {@link #errors()}: {@code grid:<id>}. */
    public static final String GRID_KEY = "grid:";

    private final List<Integer> reduced = new ArrayList<>();
    private final Map<String, String> errors = new LinkedHashMap<>();
    /** Each modulus' job, by modulus; the early ones are submitted while training runs. */
    private final Map<Integer, JavaFutureAction<List<ReduceOutcome>>> jobs = new TreeMap<>();
    /** What each ended job gave, by modulus (null for a job that failed). */
    private final Map<Integer, ReduceOutcome> outcomes = new TreeMap<>();

    private final Set<Integer> early = new TreeSet<>();

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

    /** Moduli whose report job started while the training job ran. */
    public List<Integer> startedDuringTraining() {
        return List.copyOf(early);
    }

    /** Watches a training stage of this plan and starts each modulus' report as soon as the modulus is complete. */
    public TrainingStage.Watcher during(SweepPlan plan) {
        return new EarlyReduce(this, plan, store);
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
            } else if (!jobs.containsKey(p.p())) {
                listener.onLine("reduce p=" + p + ": no report yet, the store lacks " + String.join(", ", missing));
            }
        }
        for (int p : storeModuli) {
            if (!jobs.containsKey(p)) {
                jobs.put(p, submit(p, complete.contains(p)));
            }
        }
        JavaFutureAction<List<GridReduceTask.Outcome>> gridJob = grid == null ? null : submitGrid(grid, thresholds);
        List<CellSummary> rows = new ArrayList<>();
        for (int p : storeModuli) {
            ReduceOutcome out = outcome(p);
            if (out != null && out.error() == null && out.rows().size() < count(all, p)) {
                // runs of p committed after its early job read them (a refinement round): read its rows again
                jobs.put(p, submit(p, false));
                outcomes.remove(p);
                out = outcome(p);
            }
            if (cancelled.getAsBoolean()) {
                return 0;
            }
            if (out != null) {
                rows.addAll(out.rows());
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

    /** Starts p's report job now, during training (once): every study run of p is committed. */
    void startEarly(int p) {
        if (!jobs.containsKey(p) && !cancelled.getAsBoolean()) {
            jobs.put(p, submit(p, true));
            early.add(p);
        }
    }

    /** Reads the jobs that have ended, so their lines come as they end. */
    void poll() {
        for (Map.Entry<Integer, JavaFutureAction<List<ReduceOutcome>>> e : jobs.entrySet()) {
            if (e.getValue().isDone() && !outcomes.containsKey(e.getKey())) {
                outcome(e.getKey());
            }
        }
    }

    private static long count(List<Cell> cells, int p) {
        return cells.stream().filter(c -> c.p() == p).count();
    }

    /** Waits for p's job (once) and says how it went; null when it failed or was cancelled. */
    private ReduceOutcome outcome(int p) {
        if (outcomes.containsKey(p)) {
            return outcomes.get(p);
        }
        ReduceOutcome out = null;
        try {
            out = jobs.get(p).get().get(0);
            if (out.error() != null) {
                fail(Integer.toString(p), "reduce p=" + p + " failed: ", out.error());
            } else if (out.report()) {
                reduced.add(p);
                listener.onLine(String.format(
                        "reduce p=%d: %d files in %.1f s -> %s",
                        p, out.files().size(), out.seconds(), store.layout().resultsDir(Modulus.of(p))));
            }
        } catch (Exception ex) {
            if (!cancelled.getAsBoolean()) {
                // the job's own failure, not the future's "Exception thrown by job"
                Throwable cause = ex instanceof ExecutionException && ex.getCause() != null ? ex.getCause() : ex;
                fail(Integer.toString(p), "reduce p=" + p + " failed: ", Errors.firstLine(cause));
            }
        }
        outcomes.put(p, out);
        return out;
    }

    /** Submits p's job with its own description; the thread's other properties (the training's) stay. */
    private JavaFutureAction<List<ReduceOutcome>> submit(int p, boolean report) {
        String stage = sc.getLocalProperty(ProgressListener.STAGE_PROPERTY);
        String description = sc.getLocalProperty(DESCRIPTION);
        sc.setLocalProperty(ProgressListener.STAGE_PROPERTY, "reduce");
        // job descriptions are captured at submission, so each modulus' job carries its own
        sc.setJobDescription((report ? "reduce p=" : "summarize p=") + p);
        try {
            return JavaSparkContext.fromSparkContext(sc)
                    .parallelize(List.of(p), 1)
                    .map(new ReduceTask(store.uri(), hadoopEntries, report))
                    .collectAsync();
        } finally {
            sc.setLocalProperty(DESCRIPTION, description);
            sc.setLocalProperty(ProgressListener.STAGE_PROPERTY, stage);
        }
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
