package org.modsweep.driver;

import org.modsweep.driver.monitor.SweepProgress;

/**
 * Receives a sweep's progress on the driver: human-readable lines (what the CLI prints), a structured snapshot
 * about once a second, and one event per finished cell. Called from driver threads; implementations must be quick
 * and thread-safe.
 */
public interface SweepListener {

    SweepListener NONE = new SweepListener() {};

    /** A line worth showing a person, e.g. {@code done p023-standard in 41.2 s (5000 epochs, cpu)}. */
    default void onLine(String line) {}

    /** The Spark UI address of the running sweep, once Spark is up (not called when the UI is disabled). */
    default void onSparkUi(String url) {}

    /** A snapshot of the training stage (cells done, epochs per second, ETA). */
    default void onProgress(SweepProgress progress) {}

    /** A cell's task ended (trained, skipped, or failed for good). */
    default void onCellDone(CellResult result) {}
}
