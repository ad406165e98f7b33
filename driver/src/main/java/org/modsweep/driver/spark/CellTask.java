package org.modsweep.driver.spark;

import java.io.Serializable;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.TaskContext;
import org.modsweep.core.Cell;
import org.modsweep.core.store.ResultsStore;
import org.modsweep.driver.CellResult;
import org.modsweep.worker.CellTrainer;
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

    private final TaskSettings settings;

    CellTask(TaskSettings settings) {
        this.settings = settings;
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
            ResultsStore store = settings.openStore();
            LOG.info("training {} on {} with {} thread(s), attempt {}", cellId, device, threads, attempt + 1);
            TrainOutcome out = CellTrainer.train(
                    store,
                    cell,
                    settings.options(threads, device, settings.retrain().contains(cellId)),
                    new TaskEpochs(settings.accumulators(), attempt, ctx));
            settings.accumulators().cellsDone().add(1);
            return result(out, device, threads, attempt);
        } catch (Exception e) {
            String error = TaskEpochs.rethrowUnlessLast(e, attempt, settings.maxFailures(), cellId);
            settings.accumulators().cellsFailed().add(1);
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
