package org.modsweep.driver;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.JobExecutionStatus;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkJobInfo;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.JavaSparkStatusTracker;
import org.modsweep.core.Cell;
import org.modsweep.core.grid.GridManifest;
import org.modsweep.core.store.ResultsStore;
import org.modsweep.core.store.StoreProbe;
import org.modsweep.driver.grid.GridRefinement;
import org.modsweep.driver.grid.StoredGrid;
import org.modsweep.driver.monitor.ProgressListener;
import org.modsweep.driver.plan.LanePacking;
import org.modsweep.driver.plan.SweepPlan;
import org.modsweep.driver.reduce.ReduceStage;
import org.modsweep.driver.spark.EventLogs;
import org.modsweep.driver.spark.HadoopConfs;
import org.modsweep.driver.spark.SparkSetup;
import org.modsweep.driver.spark.TrainingStage;

/**
 * One sweep: the plan on the driver ({@link SweepPlan}), the training stage ({@link TrainingStage}: one Spark
 * task per cell, largest first) and the reduce stage ({@link ReduceStage}: one task per modulus, the report of
 * each complete one, and the store's summary). A modulus' report starts as soon as its runs are committed, while
 * training goes on (its task queues behind the training's); the other moduli, the grid and the summaries follow
 * training. {@link #run} blocks; {@link #cancel} from another
 * thread stops it (the explorer trains on demand this way). Every input is checked, and the store proven
 * writable, before Spark starts or anything is written.
 */
public final class Sweep {

    private static final Logger LOG = LogManager.getLogger(Sweep.class);

    private final AtomicBoolean cancelled = new AtomicBoolean();
    private volatile SparkContext context;
    private volatile String jobGroup;
    private LanePacking packing = LanePacking.SOLO;

    /** Packs same-shape runs into tasks of lanes ({@code sweep --lanes}); the default trains one run per task. */
    public Sweep lanes(LanePacking lanes) {
        this.packing = lanes;
        return this;
    }

    /** Stops a running sweep: running trainings end at their next epoch, nothing half-written counts. */
    public void cancel() {
        cancelled.set(true);
        SparkContext sc = context;
        String group = jobGroup;
        if (sc != null && group != null && !sc.isStopped()) {
            try {
                sc.cancelJobGroup(group);
            } catch (RuntimeException e) {
                LOG.debug("cancel after Spark stopped: {}", e.toString()); // Ctrl-C: Spark's own hook stops it too
            }
        }
    }

    /** Whether a job of the group still runs (cancelling a group with none makes Spark log a warning). */
    private static boolean hasRunningJobs(SparkContext sc, String group) {
        JavaSparkStatusTracker tracker = JavaSparkContext.fromSparkContext(sc).statusTracker();
        for (int id : tracker.getJobIdsForGroup(group)) {
            SparkJobInfo job = tracker.getJobInfo(id);
            if (job != null && job.status() == JobExecutionStatus.RUNNING) {
                return true;
            }
        }
        return false;
    }

    public boolean isCancelled() {
        return cancelled.get();
    }

    /** Opens the store and proves it writable: a bad scheme, an unreachable or read-only store fail here. */
    public static ResultsStore openStore(String uri, Configuration hadoop) throws IOException {
        ResultsStore store = ResultsStore.open(uri, hadoop);
        StoreProbe.requireReachable(store, false); // an unreachable store fails in seconds, not after S3A's retries
        try {
            store.checkWritable();
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return store;
    }

    public SweepResult run(SweepRequest req, SweepListener listener) throws IOException {
        long t0 = System.nanoTime();
        String sweepId = "modsweep-" + UUID.randomUUID().toString().substring(0, 8);
        req.cells(); // an empty grid is bad input: refuse it before touching anything
        SparkConf conf = SparkSetup.conf(req.master(), req.sparkConf(), "modsweep sweep");
        String master = conf.get("spark.master");
        ResultsStore store = openStore(req.storeUri(), HadoopConfs.from(conf));
        GridManifest manifest =
                req.grid() == null ? null : StoredGrid.resume(store, req.grid().manifest());
        EventLogs.defaultInto(conf, store);
        SweepPlan plan = SweepPlan.make(store, manifest == null ? req.cells() : manifest.runs(), req.epochCap());
        listener.onLine("sweep: " + plan.describe());
        listener.onLine("store: " + store.root());
        if (manifest != null) {
            StoredGrid.write(store, manifest); // before training: the same command resumes the same grid
            listener.onLine("grid: " + manifest.id() + " -> "
                    + store.layout().relative(new Path(GridManifest.dir(store, manifest.id()), GridManifest.FILE)));
        }
        if (cancelled.get()) {
            return result(store, null, master, 0, plan, List.of(), List.of(), Map.of(), 0, 0, 0, t0);
        }

        SparkContext sc = SparkSetup.acquire(conf);
        context = sc;
        jobGroup = sweepId;
        try {
            String ui = sc.uiWebUrl().isDefined() ? sc.uiWebUrl().get() : null;
            int slots = SparkSetup.slots(sc);
            listener.onLine("Spark UI: " + (ui == null ? "disabled (spark.ui.enabled=false)" : ui)
                    + "   master " + sc.master() + ", " + slots + (slots == 1 ? " slot" : " slots")
                    + ", " + sc.getConf().get("spark.task.cpus", "1") + " thread(s) per cell");
            if (ui != null) {
                listener.onSparkUi(ui);
            }
            if (sc.getConf().getBoolean("spark.eventLog.enabled", false)) {
                listener.onLine("event log: " + sc.getConf().get("spark.eventLog.dir", "/tmp/spark-events")
                        + " (open it with the Spark History Server)");
            }
            sc.setJobGroup(sweepId, "modsweep sweep: " + plan.describe(), false);
            sc.setLocalProperty(ProgressListener.SWEEP_PROPERTY, sweepId);
            if (cancelled.get()) {
                return result(store, sc, master, slots, plan, List.of(), List.of(), Map.of(), 0, 0, 0, t0);
            }

            long tTrain = System.nanoTime();
            ReduceStage reduce =
                    req.reduce() ? new ReduceStage(sc, store, req.sparkConf(), listener, cancelled::get) : null;
            TrainingStage training = new TrainingStage(sc, req, plan, store, listener, cancelled::get, packing);
            if (reduce != null) {
                training.watch(reduce.during(plan));
            }
            List<CellResult> results = training.run();
            if (manifest != null && req.grid().refine() > 0) {
                GridRefinement refinement = new GridRefinement(store, req.grid(), manifest);
                results = new ArrayList<>(results);
                plan = refine(sc, req, store, refinement, plan, results, listener);
                manifest = refinement.manifest();
            }
            store.discardStaleAttempts(); // what killed writers left; live attempts of anyone stay (leases)
            double trainSeconds = (System.nanoTime() - tTrain) / 1e9;

            if (reduce == null || cancelled.get()) {
                List<Integer> reduced = reduce == null ? List.of() : reduce.reduced(); // reports ended in training
                return result(store, sc, master, slots, plan, results, reduced, Map.of(), 0, trainSeconds, 0, t0);
            }
            long tReduce = System.nanoTime(); // what the reduce adds after training: its early reports are not in it
            int summaryCells = manifest == null
                    ? reduce.run(plan)
                    : reduce.run(plan, manifest, req.grid().thresholds());
            double reduceSeconds = (System.nanoTime() - tReduce) / 1e9;
            return result(
                    store,
                    sc,
                    master,
                    slots,
                    plan,
                    results,
                    reduce.reduced(),
                    reduce.errors(),
                    summaryCells,
                    trainSeconds,
                    reduceSeconds,
                    t0);
        } finally {
            if (!sc.isStopped() && hasRunningJobs(sc, sweepId)) {
                sc.cancelJobGroup(sweepId); // a failed training leaves no report job of this sweep running
            }
            sc.clearJobGroup();
            sc.setLocalProperty(ProgressListener.SWEEP_PROPERTY, null);
            sc.setLocalProperty(ProgressListener.STAGE_PROPERTY, null);
            context = null;
            jobGroup = null;
            SparkSetup.release(sc);
        }
    }

    /** Refinement rounds until none adds a run, the budget is spent or the sweep is cancelled; the plan grows. */
    private SweepPlan refine(
            SparkContext sc,
            SweepRequest req,
            ResultsStore store,
            GridRefinement refinement,
            SweepPlan plan,
            List<CellResult> results,
            SweepListener listener)
            throws IOException {
        for (int round = 1; !cancelled.get(); round++) {
            List<Cell> more = refinement.nextRound();
            if (more.isEmpty()) {
                listener.onLine("refine: done after " + (round - 1) + (round == 2 ? " round" : " rounds") + ", "
                        + (req.grid().refine() - refinement.budgetLeft()) + " grid points added");
                break;
            }
            SweepPlan next = SweepPlan.make(store, more, req.epochCap());
            listener.onLine("refine round " + round + ": " + next.describe());
            results.addAll(new TrainingStage(sc, req, next, store, listener, cancelled::get, packing).run());
            plan = plan.plus(next);
        }
        return plan;
    }

    private SweepResult result(
            ResultsStore store,
            SparkContext sc,
            String master,
            int slots,
            SweepPlan plan,
            List<CellResult> results,
            List<Integer> reduced,
            Map<String, String> reduceErrors,
            int summaryCells,
            double trainSeconds,
            double reduceSeconds,
            long t0) {
        String ui = sc != null && sc.uiWebUrl().isDefined() ? sc.uiWebUrl().get() : null;
        return new SweepResult(
                store.uri(),
                sc == null ? null : sc.applicationId(),
                ui,
                master,
                slots,
                plan.grid().stream().map(Cell::id).toList(),
                plan.committed().stream().map(Cell::id).toList(),
                List.copyOf(results),
                List.copyOf(reduced),
                Map.copyOf(reduceErrors),
                summaryCells,
                trainSeconds,
                reduceSeconds,
                (System.nanoTime() - t0) / 1e9,
                cancelled.get());
    }
}
