package org.modsweep.driver.reduce;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.modsweep.core.Cell;
import org.modsweep.core.Modulus;
import org.modsweep.core.store.ResultsStore;
import org.modsweep.driver.CellResult;
import org.modsweep.driver.plan.SweepPlan;
import org.modsweep.driver.spark.TrainingStage;

/**
 * Starts a modulus' report while the training job still runs: once every study run of the modulus is committed
 * (runs committed before the sweep count) and the training job has none of the modulus' runs left, the modulus'
 * reduce job is submitted. Spark's FIFO scheduler offers a free slot to the earliest job with a task to start, so
 * the training job, submitted first, keeps its priority; the report's task takes a slot only when no training task
 * is waiting, i.e. in the training's tail (also under {@code spark.scheduler.mode=FAIR}: jobs without a pool share
 * the default pool, which is FIFO). Slots are not taken back, so a training task that Spark retries after a report
 * task started may wait for it. A modulus with a failed run gets no report (the reduce after training says what it
 * lacks).
 */
final class EarlyReduce implements TrainingStage.Watcher {

    private static final Logger LOG = LogManager.getLogger(EarlyReduce.class);

    private final ReduceStage stage;
    private final ResultsStore store;
    private final List<Modulus> moduli;
    /** The runs this training job has still to end, by id. */
    private final Map<String, Cell> toTrain = new HashMap<>();
    /** The study runs committed so far. */
    private final List<Cell> committed = new ArrayList<>();

    private boolean listed;

    EarlyReduce(ReduceStage stage, SweepPlan plan, ResultsStore store) {
        this.stage = stage;
        this.store = store;
        this.moduli = plan.moduli();
        plan.pending().forEach(c -> toTrain.put(c.id(), c));
    }

    @Override
    public void submitted() {
        try {
            for (Cell c : store.committedCells()) {
                if (c.isStudyRun() && !toTrain.containsKey(c.id())) { // a run trained again for more epochs waits
                    committed.add(c);
                }
            }
            listed = true;
        } catch (IOException e) {
            LOG.warn("no report starts during training: the store's listing failed: {}", e.toString());
            return;
        }
        moduli.forEach(this::startIfComplete);
    }

    @Override
    public void ended(CellResult result) {
        Cell cell = toTrain.remove(result.cellId());
        if (cell != null) {
            if (!result.failed() && cell.isStudyRun()) {
                committed.add(cell);
            }
            startIfComplete(cell.modulus());
        }
        stage.poll();
    }

    @Override
    public void idle() {
        stage.poll();
    }

    private void startIfComplete(Modulus p) {
        if (listed
                && moduli.contains(p)
                && toTrain.values().stream().noneMatch(c -> c.modulus().equals(p))
                && SweepPlan.missingForReport(p, committed).isEmpty()) {
            stage.startEarly(p.p());
        }
    }
}
