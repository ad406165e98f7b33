package org.modsweep.worker.cli;

import java.io.PrintWriter;
import org.modsweep.core.Cell;
import org.modsweep.core.parquet.EpochMetrics;
import org.modsweep.worker.TrainingEvent;
import org.modsweep.worker.TrainingListener;
import org.modsweep.worker.train.ProgressLines;
import org.modsweep.worker.train.PyFormat;

/** A one-line progress bar for a terminal, redrawn at most ten times a second. */
final class ProgressBar implements TrainingListener {

    private static final int WIDTH = 30;
    private final PrintWriter out;
    private final long start = System.nanoTime();
    private long lastDraw;
    private boolean drawn;

    ProgressBar(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void on(TrainingEvent event) {
        if (event instanceof TrainingEvent.EpochDone d) {
            draw(d.cell(), d.metrics(), d.epochsPlanned());
        } else if (event instanceof TrainingEvent.PlateauStop s) {
            finish();
            out.println(ProgressLines.plateau(s.epoch()).trim());
        } else if (event instanceof TrainingEvent.Finished) {
            finish();
        }
    }

    private void draw(Cell cell, EpochMetrics m, int planned) {
        long now = System.nanoTime();
        if (now - lastDraw < 100_000_000L && m.epoch() != planned - 1) {
            return;
        }
        lastDraw = now;
        int done = m.epoch() + 1;
        int filled = (int) ((long) WIDTH * done / planned);
        double elapsed = (now - start) / 1e9;
        double eta = elapsed / done * (planned - done);
        out.print("\r" + cell.id() + " [" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] "
                + done + "/" + planned + "  loss " + PyFormat.fixed(m.trainLoss(), 4)
                + "  acc " + PyFormat.fixed(m.trainAcc(), 4) + "/" + PyFormat.fixed(m.testAcc(), 4)
                + "  ETA " + Math.round(eta) + " s   ");
        out.flush();
        drawn = true;
    }

    private void finish() {
        if (drawn) {
            out.println();
            drawn = false;
        }
    }
}
