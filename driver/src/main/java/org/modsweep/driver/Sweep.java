package org.modsweep.driver;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.SimpleFutureAction;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.modsweep.analysis.CrossModulusSummary;
import org.modsweep.core.Cell;
import org.modsweep.core.Modulus;
import org.modsweep.core.config.StudyConfigs;
import org.modsweep.core.store.ResultsStore;
import org.modsweep.core.store.StoreProbe;
import org.modsweep.core.store.StoreLayout;
import org.modsweep.driver.monitor.ProgressListener;
import org.modsweep.driver.monitor.SweepAccumulators;
import org.modsweep.driver.monitor.TrainProgress;
import org.modsweep.driver.plan.SweepPlan;
import org.modsweep.driver.reduce.CellSummary;
import org.modsweep.driver.reduce.ReduceOutcome;
import org.modsweep.driver.reduce.ReduceTask;
import org.modsweep.driver.reduce.SummaryWriter;
import org.modsweep.driver.spark.CellTask;
import org.modsweep.driver.spark.EventLogs;
import org.modsweep.driver.spark.FaultInjection;
import org.modsweep.driver.spark.HadoopConfs;
import org.modsweep.driver.spark.Masters;
import org.modsweep.driver.spark.SparkSetup;
import scala.runtime.AbstractFunction0;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;
import scala.jdk.javaapi.CollectionConverters;

/**
 * One sweep: plan on the driver, one Spark task per cell (largest first), then the reduce stage (one task per
 * complete modulus writing its report) and the store's summary. {@link #run} blocks; {@link #cancel} from another
 * thread stops it (the explorer trains on demand this way). Every input is checked, and the store proven
 * writable, before Spark starts or anything is written.
 */
public final class Sweep {

    private static final Logger LOG = LogManager.getLogger(Sweep.class);

    private final AtomicBoolean cancelled = new AtomicBoolean();
    private volatile SparkContext context;
    private volatile String jobGroup;

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

    public boolean isCancelled() {
        return cancelled.get();
    }

    /** Opens the store and proves it reachable and writable: a bad scheme, an unreachable or read-only store fail here. */
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
        SweepPlan.grid(req.moduli(), req.configs()); // an empty grid is bad input: refuse it before touching anything
        SparkConf conf = SparkSetup.conf(req.master(), req.sparkConf(), "modsweep sweep");
        String master = conf.get("spark.master");
        ResultsStore store = openStore(req.storeUri(), HadoopConfs.from(conf));
        EventLogs.defaultInto(conf, store);
        SweepPlan plan = SweepPlan.make(store, req.moduli(), req.configs(), req.epochCap());
        listener.onLine("sweep: " + plan.describe());
        listener.onLine("store: " + store.root());
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
            List<CellResult> results = train(sc, req, plan, store, listener);
            double trainSeconds = (System.nanoTime() - tTrain) / 1e9;

            List<Integer> reduced = new ArrayList<>();
            Map<String, String> reduceErrors = new LinkedHashMap<>();
            int summaryCells = 0;
            double reduceSeconds = 0;
            if (req.reduce() && !cancelled.get()) {
                long tReduce = System.nanoTime();
                summaryCells = reduce(sc, req, plan, store, listener, reduced, reduceErrors);
                reduceSeconds = (System.nanoTime() - tReduce) / 1e9;
            }
            return result(store, sc, master, slots, plan, results, reduced, reduceErrors, summaryCells,
                    trainSeconds, reduceSeconds, t0);
        } finally {
            sc.clearJobGroup();
            sc.setLocalProperty(ProgressListener.SWEEP_PROPERTY, null);
            sc.setLocalProperty(ProgressListener.STAGE_PROPERTY, null);
            context = null;
            jobGroup = null;
            SparkSetup.release(sc);
        }
    }

    private List<CellResult> train(SparkContext sc, SweepRequest req, SweepPlan plan, ResultsStore store,
                                   SweepListener listener) {
        List<Cell> pending = plan.pending();
        List<CellResult> results = Collections.synchronizedList(new ArrayList<>());
        if (pending.isEmpty()) {
            listener.onLine("nothing to train: every cell is committed in the store");
            return results;
        }
        SweepAccumulators acc = SweepAccumulators.register(sc);
        TrainProgress progress = new TrainProgress(pending, req.epochCap());
        ProgressListener sparkListener = new ProgressListener(sc.getLocalProperty(ProgressListener.SWEEP_PROPERTY),
                acc.epochsTrained().id(), progress, listener::onLine);
        sc.addSparkListener(sparkListener);
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "modsweep-progress");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(() -> {
            try {
                listener.onProgress(progress.snapshot());
            } catch (RuntimeException e) {
                LOG.warn("progress listener failed: {}", e.toString());
            }
        }, 1, 1, TimeUnit.SECONDS);
        try {
            int maxFailures = Masters.maxFailures(sc.master(), sc.getConf().get("spark.task.maxFailures", null));
            CellTask task = new CellTask(store.uri(), HadoopConfs.hadoopEntries(req.sparkConf()), req.epochCap(),
                    maxFailures, plan.retrain(), FaultInjection.from(req.sparkConf()), acc);
            List<String> ids = pending.stream().map(Cell::id).toList();
            sc.setLocalProperty(ProgressListener.STAGE_PROPERTY, ProgressListener.TRAIN);
            sc.setJobDescription("train " + ids.size() + (ids.size() == 1 ? " cell" : " cells"));
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(sc);
            List<Object> partitions = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                partitions.add(i);
            }
            SimpleFutureAction<BoxedUnit> job = sc.submitJob(jsc.parallelize(ids, ids.size()).rdd(), task,
                    CollectionConverters.asScala(partitions).toSeq(), new AbstractFunction2<Object, CellResult, BoxedUnit>() {
                        @Override
                        public BoxedUnit apply(Object index, CellResult r) {
                            results.add(r);
                            progress.cellFinished((Integer) index, r);
                            listener.onLine(String.format("[%d/%d] %s", results.size(), ids.size(), describe(r)));
                            listener.onCellDone(r);
                            return BoxedUnit.UNIT;
                        }
                    }, new AbstractFunction0<BoxedUnit>() {
                        @Override
                        public BoxedUnit apply() {
                            return BoxedUnit.UNIT;
                        }
                    });
            try {
                job.get();
            } catch (Exception e) {
                if (!cancelled.get()) {
                    throw new IllegalStateException("training stage failed: " + firstLine(e), e);
                }
                listener.onLine("sweep cancelled: committed cells stay, the rest train on the next run");
            }
        } finally {
            ticker.shutdownNow();
            sc.removeSparkListener(sparkListener);
            sc.setLocalProperty(ProgressListener.STAGE_PROPERTY, null);
        }
        listener.onProgress(progress.snapshot());
        if (!cancelled.get()) {
            discardAttempts(store, plan.grid());
        }
        return new ArrayList<>(results);
    }

    /**
     * Attempt directories left by failed attempts or a killed driver: none of them counts, so once no task of the
     * sweep runs any more they go, and so do write probes a killed task left mid-check, and the emptied
     * {@code _attempts} directory.
     */
    private static void discardAttempts(ResultsStore store, List<Cell> cells) {
        Path attempts = new Path(store.root(), StoreLayout.ATTEMPTS);
        try {
            for (Cell c : cells) {
                store.fs().delete(new Path(attempts, c.id()), true);
            }
            if (store.fs().exists(attempts)) {
                for (var probe : store.fs().listStatus(attempts,
                        path -> path.getName().startsWith(StoreLayout.PROBE_PREFIX))) {
                    store.fs().delete(probe.getPath(), false);
                }
            }
            if (store.fs().exists(attempts) && store.fs().listStatus(attempts).length == 0) {
                store.fs().delete(attempts, false);
            }
        } catch (IOException e) {
            LOG.warn("could not remove stale attempt directories under {}: {}", attempts, e.getMessage());
        }
    }

    private int reduce(SparkContext sc, SweepRequest req, SweepPlan plan, ResultsStore store, SweepListener listener,
                       List<Integer> reduced, Map<String, String> errors) throws IOException {
        Set<String> committed = new TreeSet<>();
        Set<Integer> storeModuli = new TreeSet<>();
        for (Cell c : store.committedCells()) {
            committed.add(c.id());
            storeModuli.add(c.p());
        }
        // a modulus of the sweep gets its report once the store holds every configuration the study trains for it
        // (the report draws on all of them); a sweep of some configurations only leaves the report for later
        Set<Integer> complete = new TreeSet<>();
        for (Modulus p : plan.moduli()) {
            List<String> missing = StudyConfigs.forModulus(p).stream().map(c -> new Cell(p, c).id())
                    .filter(id -> !committed.contains(id)).toList();
            if (missing.isEmpty()) {
                complete.add(p.p());
            } else {
                listener.onLine("reduce p=" + p + ": no report yet, the store lacks " + String.join(", ", missing));
            }
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(sc);
        Map<String, String> hadoopEntries = HadoopConfs.hadoopEntries(req.sparkConf());
        sc.setLocalProperty(ProgressListener.STAGE_PROPERTY, "reduce");
        Map<Integer, JavaFutureAction<List<ReduceOutcome>>> jobs = new LinkedHashMap<>();
        for (int p : storeModuli) {
            boolean report = complete.contains(p);
            // job descriptions are captured at submission, so each modulus' job carries its own
            sc.setJobDescription((report ? "reduce p=" : "summarize p=") + p);
            jobs.put(p, jsc.parallelize(List.of(p), 1).map(new ReduceTask(store.uri(), hadoopEntries, report))
                    .collectAsync());
        }
        sc.setJobDescription(null);
        sc.setLocalProperty(ProgressListener.STAGE_PROPERTY, null);
        List<CellSummary> rows = new ArrayList<>();
        for (Map.Entry<Integer, JavaFutureAction<List<ReduceOutcome>>> e : jobs.entrySet()) {
            int p = e.getKey();
            try {
                ReduceOutcome out = e.getValue().get().get(0);
                rows.addAll(out.rows());
                if (out.error() != null) {
                    errors.put(Integer.toString(p), out.error());
                    listener.onLine("reduce p=" + p + " failed: " + out.error());
                } else if (out.report()) {
                    reduced.add(p);
                    listener.onLine(String.format("reduce p=%d: %d files in %.1f s -> %s", p, out.files().size(),
                            out.seconds(), store.layout().resultsDir(Modulus.of(p))));
                }
            } catch (Exception ex) {
                if (cancelled.get()) {
                    return 0;
                }
                errors.put(Integer.toString(p), firstLine(ex));
                listener.onLine("reduce p=" + p + " failed: " + firstLine(ex));
            }
        }
        List<Path> files = SummaryWriter.write(store, rows);
        listener.onLine("summary: " + rows.size() + " cells -> " + files.get(0) + ", " + files.get(1).getName());
        try {
            List<String> cross = CrossModulusSummary.write(store);
            listener.onLine("cross-p summary: " + String.join(", ", cross));
        } catch (Exception ex) {
            errors.put("summary", firstLine(ex));
            listener.onLine("cross-modulus summary failed: " + firstLine(ex));
        }
        return rows.size();
    }

    private SweepResult result(ResultsStore store, SparkContext sc, String master, int slots, SweepPlan plan,
                               List<CellResult> results, List<Integer> reduced, Map<String, String> reduceErrors,
                               int summaryCells, double trainSeconds, double reduceSeconds, long t0) {
        String ui = sc != null && sc.uiWebUrl().isDefined() ? sc.uiWebUrl().get() : null;
        return new SweepResult(store.uri(), sc == null ? null : sc.applicationId(), ui, master, slots,
                plan.grid().stream().map(Cell::id).toList(), plan.committed().stream().map(Cell::id).toList(),
                List.copyOf(results), List.copyOf(reduced), Map.copyOf(reduceErrors), summaryCells, trainSeconds,
                reduceSeconds, (System.nanoTime() - t0) / 1e9, cancelled.get());
    }

    /** {@code done p023-standard: 5000 epochs in 41.2 s on cpu (1 thread)} */
    static String describe(CellResult r) {
        return switch (r.status()) {
            case TRAINED -> String.format("done %s: %d epochs in %.1f s on %s (%d thread%s%s)", r.cellId(),
                    r.epochsRun(), r.seconds(), r.device(), r.threads(), r.threads() == 1 ? "" : "s",
                    r.attempts() > 1 ? ", attempt " + r.attempts() : "");
            case SKIPPED -> "skipped " + r.cellId() + ": committed meanwhile";
            case FAILED -> String.format("FAILED %s after %d attempt%s: %s", r.cellId(), r.attempts(),
                    r.attempts() == 1 ? "" : "s", r.error());
        };
    }

    static String firstLine(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getMessage() == null) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
