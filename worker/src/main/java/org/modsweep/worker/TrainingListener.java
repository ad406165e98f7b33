package org.modsweep.worker;

import org.modsweep.core.Cell;
import org.modsweep.core.parquet.EpochMetrics;

/** Hears a training as it runs; called on the training thread, so implementations must be quick. */
public interface TrainingListener {

    TrainingListener NONE = new TrainingListener() {
    };

    /** After each epoch's metrics are recorded. */
    default void onEpoch(Cell cell, EpochMetrics metrics, int epochsPlanned) {
    }

    /** A progress line in the reference's format (explorer.md). */
    default void onProgressLine(Cell cell, String line) {
    }
}
