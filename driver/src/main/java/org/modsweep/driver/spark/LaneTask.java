package org.modsweep.driver.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.TaskContext;
import org.modsweep.core.Cell;
import org.modsweep.core.store.ResultsStore;
import org.modsweep.driver.CellResult;
import org.modsweep.driver.monitor.SweepAccumulators;
import org.modsweep.worker.LaneTrainer;
import org.modsweep.worker.TrainOptions;
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

    private final String storeUri;
    private final Map<String, String> hadoopEntries;
    private final Integer epochCap;
    private final int maxFailures;
    private final Set<String> retrain;
    private final SweepAccumulators accumulators;

    public LaneTask(
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
            ResultsStore store = TaskStores.open(storeUri, hadoopEntries);
            LOG.info(
                    "training {} lanes {} on {} with {} thread(s), attempt {}",
                    ids.size(),
                    ids,
                    device,
                    threads,
                    attempt + 1);
            boolean force = ids.stream().anyMatch(retrain::contains);
            List<TrainOutcome> outs = LaneTrainer.train(
                    store,
                    cells,
                    new TrainOptions(epochCap, threads, device, force),
                    new TaskEpochs(accumulators, attempt, ctx));
            accumulators.cellsDone().add(outs.size());
            for (TrainOutcome out : outs) {
                results.add(CellTask.result(out, device, threads, attempt));
            }
            return results;
        } catch (Exception e) {
            String error = TaskEpochs.rethrowUnlessLast(e, attempt, maxFailures, String.join(",", ids));
            accumulators.cellsFailed().add(ids.size());
            for (String id : ids) {
                results.add(new CellResult(id, CellResult.Status.FAILED, 0, 0, device, threads, attempt + 1, error));
            }
            return results;
        }
    }
}
