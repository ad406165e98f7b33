package org.modsweep.driver.spark;

import java.io.Serializable;
import java.util.Map;
import java.util.Set;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.TaskContext;
import org.modsweep.core.Cell;
import org.modsweep.core.store.ResultsStore;
import org.modsweep.driver.CellResult;
import org.modsweep.driver.monitor.SweepAccumulators;
import org.modsweep.worker.CellTrainer;
import org.modsweep.worker.TrainOptions;
import org.modsweep.worker.TrainOutcome;
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
                    new TaskEpochs(accumulators, attempt, ctx));
            accumulators.cellsDone().add(1);
            return result(out, device, threads, attempt);
        } catch (Exception e) {
            String error = TaskEpochs.rethrowUnlessLast(e, attempt, maxFailures, cellId);
            accumulators.cellsFailed().add(1);
            return new CellResult(cellId, CellResult.Status.FAILED, 0, 0, device, threads, attempt + 1, error);
        }
    }

    /** How a run of this task ended: trained, or skipped (committed meanwhile). */
    static CellResult result(TrainOutcome out, String device, int threads, int attempt) {
        String cellId = out.cell().id();
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
    }
}
