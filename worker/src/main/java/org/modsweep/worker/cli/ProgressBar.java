package org.modsweep.worker.cli;

import java.io.PrintWriter;
import org.modsweep.core.Cell;
import org.modsweep.core.parquet.EpochMetrics;
import org.modsweep.worker.TrainingListener;
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
    public void onEpoch(Cell cell, EpochMetrics m, int planned) {
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

    @Override
    public void onProgressLine(Cell cell, String line) {
        if (line.contains("Plateau")) {
            finish();
            out.println(line.trim());
        }
    }

    void finish() {
        if (drawn) {
            out.println();
            drawn = false;
        }
    }
}
