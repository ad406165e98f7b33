package org.modsweep.driver.monitor;

import java.io.Serializable;
import org.apache.spark.SparkContext;
import org.apache.spark.util.LongAccumulator;

/**
 * The sweep's named accumulators, shown on the Spark UI's stage and task pages (and in the event log for the
 * History Server). Spark counts a task's updates once, when the task succeeds, so retried attempts never
 * double-count; running tasks report partial values with each executor heartbeat, which feeds the live progress.
 */
public record SweepAccumulators(LongAccumulator epochsTrained, LongAccumulator cellsDone, LongAccumulator cellsFailed)
        implements Serializable {

    public static final String EPOCHS_TRAINED = "epochs trained";
    public static final String CELLS_DONE = "cells done";
    public static final String CELLS_FAILED = "cells failed";

    public static SweepAccumulators register(SparkContext sc) {
        return new SweepAccumulators(
                sc.longAccumulator(EPOCHS_TRAINED), sc.longAccumulator(CELLS_DONE), sc.longAccumulator(CELLS_FAILED));
    }
}
