package org.modsweep.driver.spark;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.SimpleFutureAction;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.modsweep.core.Cell;
import org.modsweep.core.Errors;
import org.modsweep.core.store.ResultsStore;
import org.modsweep.driver.CellResult;
import org.modsweep.driver.SweepListener;
import org.modsweep.driver.SweepRequest;
import org.modsweep.driver.monitor.ProgressListener;
import org.modsweep.driver.monitor.SweepAccumulators;
import org.modsweep.driver.monitor.TrainProgress;
import org.modsweep.driver.plan.LanePacking;
import org.modsweep.driver.plan.SweepPlan;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.AbstractFunction0;
import scala.runtime.AbstractFunction1;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

/**
 * The training stage of a sweep: one Spark job with one task per pending cell (largest first), submitted with
 * {@code submitJob} so that each cell's result reaches the driver as soon as its task ends, and a progress
 * snapshot for the listener about once a second.
 */
public final class TrainingStage {

    private static final Logger LOG = LogManager.getLogger(TrainingStage.class);
    /** Prefix of the sweep properties that travel to the training tasks. */
    public static final String SWEEP_PROPERTY_PREFIX = "modsweep.";

    private final SparkContext sc;
    private final SweepRequest req;
    private final SweepPlan plan;
    private final ResultsStore store;
    private final SweepListener listener;
    private final BooleanSupplier cancelled;
    private final LanePacking packing;
    private Watcher watcher = new Watcher() {};

    /**
     * Told, on the thread that runs the stage (so with its job group), when the training job was submitted, as each
     * run ends, and about every 100 ms between: the sweep starts a modulus' reduce from here while training goes on.
     */
    public interface Watcher {
        /** The training job is submitted: a job submitted now queues behind its tasks (FIFO). */
        default void submitted() {}

        /** A run's task ended (trained, skipped or failed for good). */
        default void ended(CellResult result) {}

        /** Nothing ended in the last 100 ms. */
        default void idle() {}
    }

    public TrainingStage(
            SparkContext sc,
            SweepRequest req,
            SweepPlan plan,
            ResultsStore store,
            SweepListener listener,
            BooleanSupplier cancelled) {
        this(sc, req, plan, store, listener, cancelled, LanePacking.SOLO);
    }

    /** With runs packed into tasks of lanes ({@code sweep --lanes}). */
    public TrainingStage(
            SparkContext sc,
            SweepRequest req,
            SweepPlan plan,
            ResultsStore store,
            SweepListener listener,
            BooleanSupplier cancelled,
            LanePacking packing) {
        this.packing = packing;
        this.sc = sc;
        this.req = req;
        this.plan = plan;
        this.store = store;
        this.listener = listener;
        this.cancelled = cancelled;
    }

    /** Watches this stage's runs end ({@link Watcher}). */
    public TrainingStage watch(Watcher w) {
        this.watcher = w;
        return this;
    }

    /** Trains every pending cell; returns how each ended. A cancelled sweep returns the cells that finished. */
    public List<CellResult> run() {
        List<Cell> pending = plan.pending();
        List<CellResult> results = Collections.synchronizedList(new ArrayList<>());
        BlockingQueue<CellResult> ended = new LinkedBlockingQueue<>();
        if (pending.isEmpty()) {
            listener.onLine("nothing to train: every cell is committed in the store");
            return results;
        }
        SweepAccumulators acc = SweepAccumulators.register(sc);
        List<List<Cell>> batches = packing.batches(pending, req.epochCap());
        TrainProgress progress = packing.solo()
                ? new TrainProgress(pending, req.epochCap())
                : TrainProgress.ofBatches(batches, req.epochCap());
        ProgressListener sparkListener = new ProgressListener(
                sc.getLocalProperty(ProgressListener.SWEEP_PROPERTY),
                acc.epochsTrained().id(),
                progress,
                listener::onLine);
        sc.addSparkListener(sparkListener);
        ScheduledExecutorService ticker = startTicker(progress);
        try {
            int maxFailures = Masters.maxFailures(sc.master(), sc.getConf().get("spark.task.maxFailures", null));
            TaskSettings settings = new TaskSettings(
                    store.uri(),
                    HadoopConfs.hadoopEntries(req.sparkConf()),
                    req.epochCap(),
                    maxFailures,
                    plan.retrain(),
                    acc);
            sc.setLocalProperty(ProgressListener.STAGE_PROPERTY, ProgressListener.TRAIN);
            sweepProperties().forEach(sc::setLocalProperty);
            try {
                if (packing.solo()) {
                    List<String> keys = pending.stream().map(RunKeys::of).toList();
                    sc.setJobDescription("train " + keys.size() + (keys.size() == 1 ? " cell" : " cells"));
                    CellTask task = new CellTask(settings);
                    await(submit(keys, task, List::of, results, ended, progress), ended);
                } else {
                    List<List<String>> ids = new ArrayList<>();
                    batches.forEach(b ->
                            ids.add(new ArrayList<>(b.stream().map(RunKeys::of).toList())));
                    listener.onLine(String.format(
                            "lanes: %d runs in %d tasks (--lanes %s)", pending.size(), ids.size(), packing));
                    sc.setJobDescription("train " + pending.size() + " runs as " + ids.size() + " batches of lanes");
                    LaneTask task = new LaneTask(settings);
                    await(submit(ids, task, r -> r, results, ended, progress), ended);
                }
            } catch (Exception e) {
                if (!cancelled.getAsBoolean()) {
                    throw new IllegalStateException("training stage failed: " + Errors.firstLine(e), e);
                }
                listener.onLine("sweep cancelled: committed cells stay, the rest train on the next run");
            }
        } finally {
            ticker.shutdownNow();
            sc.removeSparkListener(sparkListener);
            sc.setLocalProperty(ProgressListener.STAGE_PROPERTY, null);
            sweepProperties().keySet().forEach(k -> sc.setLocalProperty(k, null));
        }
        listener.onProgress(progress.snapshot());
        return new ArrayList<>(results);
    }

    /**
     * The request's {@code modsweep.*} properties: they reach this job's tasks as Spark local properties (where an
     * {@link AttemptHook} reads them), also when the sweep runs on a SparkContext another sweep created.
     */
    private Map<String, String> sweepProperties() {
        Map<String, String> props = new TreeMap<>();
        req.sparkConf().forEach((k, v) -> {
            if (k.startsWith(SWEEP_PROPERTY_PREFIX)) {
                props.put(k, v);
            }
        });
        return props;
    }

    /** One partition per cell or batch; the result handler runs on the driver as each task ends. */
    private <T, U> SimpleFutureAction<BoxedUnit> submit(
            List<T> items,
            AbstractFunction1<scala.collection.Iterator<T>, U> task,
            Function<U, List<CellResult>> runs,
            List<CellResult> results,
            BlockingQueue<CellResult> ended,
            TrainProgress progress) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(sc);
        List<Object> partitions = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            partitions.add(i);
        }
        int total = progress.size();
        return sc.submitJob(
                jsc.parallelize(items, items.size()).rdd(),
                task,
                CollectionConverters.asScala(partitions).toSeq(),
                new AbstractFunction2<Object, U, BoxedUnit>() {
                    @Override
                    public BoxedUnit apply(Object index, U out) {
                        for (CellResult r : runs.apply(out)) {
                            results.add(r);
                            progress.cellFinished((Integer) index, r);
                            listener.onLine(String.format("[%d/%d] %s", results.size(), total, r.describe()));
                            listener.onCellDone(r);
                            ended.add(r);
                        }
                        return BoxedUnit.UNIT;
                    }
                },
                new AbstractFunction0<BoxedUnit>() {
                    @Override
                    public BoxedUnit apply() {
                        return BoxedUnit.UNIT;
                    }
                });
    }

    /** Waits for the training job on this thread, telling the watcher as runs end; throws the job's failure. */
    private void await(SimpleFutureAction<BoxedUnit> job, BlockingQueue<CellResult> ended) throws Exception {
        tell(Watcher::submitted);
        while (!job.isCompleted()) {
            CellResult r = ended.poll(100, TimeUnit.MILLISECONDS);
            tell(r == null ? Watcher::idle : w -> w.ended(r));
        }
        for (CellResult r = ended.poll(); r != null; r = ended.poll()) {
            CellResult last = r;
            tell(w -> w.ended(last));
        }
        job.get();
    }

    /** A watcher's failure never stops the training (the reduce it would have started runs after training). */
    private void tell(Consumer<Watcher> event) {
        try {
            event.accept(watcher);
        } catch (RuntimeException e) {
            LOG.warn("training watcher failed: {}", e.toString());
        }
    }

    private ScheduledExecutorService startTicker(TrainProgress progress) {
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "modsweep-progress");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(
                () -> {
                    try {
                        listener.onProgress(progress.snapshot());
                    } catch (RuntimeException e) {
                        LOG.warn("progress listener failed: {}", e.toString());
                    }
                },
                1,
                1,
                TimeUnit.SECONDS);
        return ticker;
    }
}
