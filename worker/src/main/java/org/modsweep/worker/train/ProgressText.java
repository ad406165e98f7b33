package org.modsweep.worker.train;

import java.util.function.Consumer;
import org.modsweep.worker.TrainingEvent;
import org.modsweep.worker.TrainingListener;

/**
 * Turns one training's events into the lines the reference prints (explorer.md, "Lines streamed from training"):
 * the start line, the trainer's line every 100 epochs, a progress line every log interval, at the last planned
 * epoch and after {@link ProgressLines#SILENCE_NANOS} without one, the plateau line and the done line.
 * One instance per training: it keeps the log interval and the time of the last progress line.
 */
public final class ProgressText implements TrainingListener {

    private final Consumer<String> lines;
    private int logInterval = 1;
    private long lastLine;

    public ProgressText(Consumer<String> lines) {
        this.lines = lines;
    }

    @Override
    public void on(TrainingEvent event) {
        if (event instanceof TrainingEvent.Started s) {
            logInterval = ProgressLines.logInterval(s.epochsPlanned());
            lastLine = System.nanoTime();
            lines.accept(ProgressLines.start(s.cell(), s.dMlp(), s.epochsPlanned()));
        } else if (event instanceof TrainingEvent.EpochDone d) {
            epoch(d);
        } else if (event instanceof TrainingEvent.PlateauStop s) {
            lines.accept(ProgressLines.plateau(s.epoch()));
        } else if (event instanceof TrainingEvent.Finished f) {
            lines.accept(ProgressLines.done(f.cell(), f.last()));
        }
    }

    private void epoch(TrainingEvent.EpochDone d) {
        int e = d.metrics().epoch();
        if (e % 100 == 0) {
            lines.accept(ProgressLines.trainer(d.metrics()));
        }
        long now = System.nanoTime();
        if (e % logInterval == 0 || e == d.epochsPlanned() - 1 || now - lastLine >= ProgressLines.SILENCE_NANOS) {
            lines.accept(ProgressLines.epoch(d.cell(), d.metrics(), d.epochsPlanned()));
            lastLine = now;
        }
    }
}
