package org.modsweep.explorer.jobs;

import org.modsweep.core.Modulus;

/**
 * Trains every configuration of one modulus, or a small grid, into the store and writes its results (the sweep's
 * fan-out and reduce for a single p or a single grid). The explorer knows no Spark: the app module supplies the implementation that runs the
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

    /**
     * Trains a small grid ({@link GridJob}: its runs, each capped at {@code grid.epochs()}) and writes its results
     * under {@code results/grids/<grid.id()>/}; returns normally when they are written, throws on failure and on
     * cancellation, as {@link #train}. A trainer that cannot train grids says so (the job fails with that line).
     */
    default void trainGrid(GridJob grid, Progress progress) throws Exception {
        throw new UnsupportedOperationException("this explorer cannot train grids");
    }

    /** Asks a running {@link #train} to stop soon (from another thread). */
    default void cancel() {}
}
