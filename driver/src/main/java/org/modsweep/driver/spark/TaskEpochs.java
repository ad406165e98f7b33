package org.modsweep.driver.spark;

import java.util.HashMap;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.TaskContext;
import org.apache.spark.TaskKilledException;
import org.modsweep.driver.monitor.SweepAccumulators;
import org.modsweep.worker.TrainingEvent;
import org.modsweep.worker.TrainingListener;
import org.modsweep.worker.train.ProgressText;

/**
 * A training task's listener, for its one run or each lane of its batch: counts epochs (the driver's progress reads
 * them from the accumulator), calls the installed {@link AttemptHook}s, stops the training when the sweep is
 * cancelled, and logs each run's progress text at debug level.
 */
final class TaskEpochs implements TrainingListener {

    private static final Logger LOG = LogManager.getLogger(TaskEpochs.class);

    private final SweepAccumulators accumulators;
    private final int attempt;
    private final TaskContext ctx;
    private final Map<String, ProgressText> texts = new HashMap<>();

    TaskEpochs(SweepAccumulators accumulators, int attempt, TaskContext ctx) {
        this.accumulators = accumulators;
        this.attempt = attempt;
        this.ctx = ctx;
    }

    @Override
    public void on(TrainingEvent event) {
        String cellId = event.cell().id();
        if (event instanceof TrainingEvent.EpochDone d) {
            accumulators.epochsTrained().add(1);
            for (AttemptHook hook : AttemptHook.installed()) {
                hook.afterEpoch(cellId, attempt, d.metrics().epoch(), d.epochsPlanned());
            }
            if (ctx != null && ctx.isInterrupted()) {
                throw new TaskKilledException("sweep cancelled");
            }
        }
        texts.computeIfAbsent(cellId, id -> new ProgressText(line -> LOG.debug("{}: {}", id, line)))
                .on(event);
    }

    /**
     * A training failure: thrown again (Spark retries the task) unless this is the task's last allowed attempt,
     * then returned as the one line to report (the sweep goes on without these runs).
     */
    static String rethrowUnlessLast(Exception e, int attempt, int maxFailures, String what) {
        if (e instanceof TaskKilledException k) {
            throw k; // the sweep was cancelled
        }
        if (attempt + 1 < maxFailures) {
            throw e instanceof RuntimeException r ? r : new IllegalStateException(what + ": " + e.getMessage(), e);
        }
        LOG.error("{} failed on its last attempt ({} of {})", what, attempt + 1, maxFailures, e);
        return org.modsweep.core.Errors.firstLine(e);
    }
}
