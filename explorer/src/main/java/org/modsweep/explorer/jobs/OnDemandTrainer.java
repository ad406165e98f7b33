package org.modsweep.explorer.jobs;

import org.modsweep.core.Modulus;

/**
 * Trains every configuration of one modulus into the store and writes its results (the sweep's fan-out and
 * reduce for a single p). The explorer knows no Spark: the app module supplies the implementation that runs the
 * driver's sweep ({@code org.modsweep.app.explore.SweepTrainer}).
 */
public interface OnDemandTrainer {

    /** What a running training reports back to its job. */
    interface Progress {
        /** One progress line for the page's log. */
        void line(String line);

        /** The Spark UI address of the sweep now running, once known. */
        void sparkUi(String url);

        /** Whether the user asked to cancel. */
        boolean cancelled();
    }

    /**
     * Runs the training and reduce; returns normally when the results of {@code p} are written, throws on failure
     * and on cancellation ({@link java.util.concurrent.CancellationException}).
     */
    void train(Modulus p, Integer epochCap, Progress progress) throws Exception;

    /** Asks a running {@link #train} to stop soon (from another thread). */
    default void cancel() {}
}
