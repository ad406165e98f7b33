package org.modsweep.driver.monitor;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.spark.TaskFailedReason;
import org.apache.spark.scheduler.AccumulableInfo;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorMetricsUpdate;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import scala.Tuple4;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Follows one sweep's training job on the listener bus: which task trains which cell, the epochs each running
 * task reported with its last executor heartbeat (the partial value of the "epochs trained" accumulator), and
 * failed attempts, which Spark retries.
 */
public final class ProgressListener extends SparkListener {

    /** Local property naming the sweep a job belongs to, and the stage kind. */
    public static final String SWEEP_PROPERTY = "modsweep.sweep";

    public static final String STAGE_PROPERTY = "modsweep.stage";
    public static final String TRAIN = "train";

    private final String sweepId;
    private final long epochsAccumulatorId;
    private final TrainProgress progress;
    private final Consumer<String> lines;
    private final Set<Integer> trainStages = ConcurrentHashMap.newKeySet();

    public ProgressListener(String sweepId, long epochsAccumulatorId, TrainProgress progress, Consumer<String> lines) {
        this.sweepId = sweepId;
        this.epochsAccumulatorId = epochsAccumulatorId;
        this.progress = progress;
        this.lines = lines;
    }

    @Override
    public void onJobStart(SparkListenerJobStart e) {
        java.util.Properties props = e.properties();
        if (props != null
                && sweepId.equals(props.getProperty(SWEEP_PROPERTY))
                && TRAIN.equals(props.getProperty(STAGE_PROPERTY))) {
            for (Object id : CollectionConverters.asJava(e.stageIds())) {
                trainStages.add((Integer) id);
            }
        }
    }

    @Override
    public void onTaskStart(SparkListenerTaskStart e) {
        if (trainStages.contains(e.stageId())) {
            progress.taskStarted(e.taskInfo().taskId(), e.taskInfo().index());
        }
    }

    @Override
    public void onExecutorMetricsUpdate(SparkListenerExecutorMetricsUpdate e) {
        for (Tuple4<Object, Object, Object, scala.collection.immutable.Seq<AccumulableInfo>> t :
                CollectionConverters.asJava(e.accumUpdates())) {
            if (!trainStages.contains((Integer) t._2())) {
                continue;
            }
            for (AccumulableInfo info : CollectionConverters.asJava(t._4())) {
                if (info.id() == epochsAccumulatorId
                        && info.update().isDefined()
                        && info.update().get() instanceof Number n) {
                    progress.heartbeat((Long) t._1(), n.longValue());
                }
            }
        }
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd e) {
        if (!trainStages.contains(e.stageId())) {
            return;
        }
        progress.taskEnded(e.taskInfo().taskId());
        if (e.reason() instanceof TaskFailedReason failed) {
            int index = e.taskInfo().index();
            String why = failed.toErrorString();
            int nl = why.indexOf('\n');
            lines.accept(String.format(
                    "attempt %d of %s failed: %s",
                    e.taskInfo().attemptNumber() + 1, progress.label(index), nl < 0 ? why : why.substring(0, nl)));
        }
    }
}
