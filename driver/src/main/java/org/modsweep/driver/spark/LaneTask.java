package org.modsweep.driver.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.TaskContext;
import org.modsweep.core.Cell;
import org.modsweep.core.store.ResultsStore;
import org.modsweep.driver.CellResult;
import org.modsweep.worker.LaneTrainer;
import org.modsweep.worker.TrainOutcome;
import scala.runtime.AbstractFunction1;

/**
 * The Spark task of a batch of same-shape runs ({@code sweep --lanes}): trains them as the lanes of one batched
 * computation ({@link LaneTrainer}), each committed as its own run with the store's protocol. A failed attempt
 * commits nothing that was not complete, and Spark's retry trains the batch's lanes again, skipping any lane
 * committed meanwhile; on the last allowed attempt every lane of the batch is returned as failed. A batch holding a
 * run committed with fewer epochs than asked trains with force (its other lanes then repeat a deterministic training,
 * whose commit changes nothing).
 */
public final class LaneTask extends AbstractFunction1<scala.collection.Iterator<List<String>>, ArrayList<CellResult>>
        implements Serializable {

    private static final Logger LOG = LogManager.getLogger(LaneTask.class);

    private final TaskSettings settings;

    LaneTask(TaskSettings settings) {
        this.settings = settings;
    }

    @Override
    public ArrayList<CellResult> apply(scala.collection.Iterator<List<String>> partition) {
        List<String> keys = partition.next(); // one batch per partition, each run as its RunKeys key
        List<String> ids = keys.stream().map(RunKeys::id).toList();
        TaskContext ctx = TaskContext.get();
        int attempt = ctx == null ? 0 : ctx.attemptNumber();
        int threads = ctx == null ? 1 : Math.max(1, ctx.cpus());
        String device = TaskDevice.current();
        ArrayList<CellResult> results = new ArrayList<>();
        try {
            List<Cell> cells = keys.stream().map(RunKeys::parse).toList();
            ResultsStore store = settings.openStore();
            LOG.info(
                    "training {} lanes {} on {} with {} thread(s), attempt {}",
                    ids.size(),
                    ids,
                    device,
                    threads,
                    attempt + 1);
            boolean force = ids.stream().anyMatch(settings.retrain()::contains);
            List<TrainOutcome> outs = LaneTrainer.train(
                    store,
                    cells,
                    settings.options(threads, device, force),
                    new TaskEpochs(settings.accumulators(), attempt, ctx));
            settings.accumulators().cellsDone().add(outs.size());
            for (TrainOutcome out : outs) {
                results.add(CellTask.result(out, device, threads, attempt));
            }
            return results;
        } catch (Exception e) {
            String error = TaskEpochs.rethrowUnlessLast(e, attempt, settings.maxFailures(), String.join(",", ids));
            settings.accumulators().cellsFailed().add(ids.size());
            for (String id : ids) {
                results.add(new CellResult(id, CellResult.Status.FAILED, 0, 0, device, threads, attempt + 1, error));
            }
            return results;
        }
    }
}
