package org.modsweep.driver.spark;

import java.io.Serializable;
import java.util.Map;
import java.util.Set;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.TaskContext;
import org.apache.spark.TaskKilledException;
import org.modsweep.core.Cell;
import org.modsweep.core.Errors;
import org.modsweep.core.store.ResultsStore;
import org.modsweep.driver.CellResult;
import org.modsweep.driver.monitor.SweepAccumulators;
import org.modsweep.worker.CellTrainer;
import org.modsweep.worker.TrainOptions;
import org.modsweep.worker.TrainOutcome;
import org.modsweep.worker.TrainingEvent;
import org.modsweep.worker.TrainingListener;
import org.modsweep.worker.train.ProgressText;
import scala.runtime.AbstractFunction1;

/**
 * The Spark task of one cell: trains it with the worker on the device and threads the task was given, counting
 * epochs into the sweep's accumulators. The worker writes under a private attempt directory and commits last, so
 * a failed attempt leaves nothing that counts and Spark's retry starts clean. On the last allowed attempt a
 * failure is returned as a failed cell instead of thrown, so one broken cell does not abort the whole sweep.
 */
public final class CellTask extends AbstractFunction1<scala.collection.Iterator<String>, CellResult>
        implements Serializable {

    private static final Logger LOG = LogManager.getLogger(CellTask.class);

    private final String storeUri;
    private final Map<String, String> hadoopEntries;
    private final Integer epochCap;
    private final int maxFailures;
    private final Set<String> retrain;
    private final SweepAccumulators accumulators;

    public CellTask(
            String storeUri,
            Map<String, String> hadoopEntries,
            Integer epochCap,
            int maxFailures,
            Set<String> retrain,
            SweepAccumulators accumulators) {
        this.storeUri = storeUri;
        this.hadoopEntries = Map.copyOf(hadoopEntries);
        this.epochCap = epochCap;
        this.maxFailures = Math.max(1, maxFailures);
        this.retrain = Set.copyOf(retrain);
        this.accumulators = accumulators;
    }

    @Override
    public CellResult apply(scala.collection.Iterator<String> partition) {
        String key = partition.next(); // one cell per partition: numSlices == cells
        String cellId = RunKeys.id(key);
        TaskContext ctx = TaskContext.get();
        int attempt = ctx == null ? 0 : ctx.attemptNumber();
        int threads = ctx == null ? 1 : Math.max(1, ctx.cpus());
        String device = TaskDevice.current();
        try {
            Cell cell = RunKeys.parse(key);
            ResultsStore store = TaskStores.open(storeUri, hadoopEntries);
            LOG.info("training {} on {} with {} thread(s), attempt {}", cellId, device, threads, attempt + 1);
            TrainOutcome out = CellTrainer.train(
                    store,
                    cell,
                    new TrainOptions(epochCap, threads, device, retrain.contains(cellId)),
                    new EpochCounter(cellId, attempt, ctx));
            accumulators.cellsDone().add(1);
            if (out.skipped()) {
                return new CellResult(cellId, CellResult.Status.SKIPPED, 0, 0, device, threads, attempt + 1, null);
            }
            return new CellResult(
                    cellId,
                    CellResult.Status.TRAINED,
                    out.record().epochsRun(),
                    out.record().wallSeconds(),
                    device,
                    threads,
                    attempt + 1,
                    null);
        } catch (TaskKilledException e) {
            throw e; // the sweep was cancelled
        } catch (Exception e) {
            if (attempt + 1 < maxFailures) {
                throw e instanceof RuntimeException r
                        ? r
                        : new IllegalStateException(cellId + ": " + e.getMessage(), e);
            }
            LOG.error("{} failed on its last attempt ({} of {})", cellId, attempt + 1, maxFailures, e);
            accumulators.cellsFailed().add(1);
            return new CellResult(
                    cellId, CellResult.Status.FAILED, 0, 0, device, threads, attempt + 1, Errors.firstLine(e));
        }
    }

    /**
     * Counts epochs (the driver's progress reads them from the accumulator), calls the installed {@link AttemptHook}s,
     * stops the training when the sweep is cancelled, and logs the progress text at debug level.
     */
    private final class EpochCounter implements TrainingListener {
        private final String cellId;
        private final int attempt;
        private final TaskContext ctx;
        private final ProgressText text;

        EpochCounter(String cellId, int attempt, TaskContext ctx) {
            this.cellId = cellId;
            this.attempt = attempt;
            this.ctx = ctx;
            this.text = new ProgressText(line -> LOG.debug("{}: {}", cellId, line));
        }

        @Override
        public void on(TrainingEvent event) {
            if (event instanceof TrainingEvent.EpochDone d) {
                accumulators.epochsTrained().add(1);
                for (AttemptHook hook : AttemptHook.installed()) {
                    hook.afterEpoch(cellId, attempt, d.metrics().epoch(), d.epochsPlanned());
                }
                if (ctx != null && ctx.isInterrupted()) {
                    throw new TaskKilledException("sweep cancelled");
                }
            }
            text.on(event);
        }
    }
}
