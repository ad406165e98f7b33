package org.modsweep.worker;

import org.modsweep.core.Cell;
import org.modsweep.core.parquet.EpochMetrics;

/**
 * What a training reports as it runs, in this order: {@link Started}, then per epoch an {@link EpochDone} (after
 * its metrics are recorded and the optimiser stepped), a {@link PlateauStop} if the grokking plateau ends the run,
 * a {@link CheckpointWritten} for each numbered checkpoint and for the final weights, and {@link Finished}.
 * The reference's progress text is made from these ({@code ProgressText}); nothing parses it back.
 */
public sealed interface TrainingEvent {

    Cell cell();

    /** The loop is about to run {@code epochsPlanned} epochs (the configuration's, or the cap). */
    record Started(Cell cell, int dMlp, int epochsPlanned) implements TrainingEvent {}

    /** One epoch's metrics; {@code metrics.epoch()} counts from 0. */
    record EpochDone(Cell cell, EpochMetrics metrics, int epochsPlanned) implements TrainingEvent {}

    /** The grokking plateau stop ended the run after this epoch (science.md §4.6 step 7). */
    record PlateauStop(Cell cell, int epoch) implements TrainingEvent {}

    /** A checkpoint went to the weights sink: a numbered one, or ({@code last}) the final weights. */
    record CheckpointWritten(Cell cell, int epoch, boolean last) implements TrainingEvent {}

    /** The loop ended: {@code epochsRun} epochs, {@code last} their final metrics. */
    record Finished(Cell cell, EpochMetrics last, int epochsRun, boolean stoppedEarly) implements TrainingEvent {}
}
