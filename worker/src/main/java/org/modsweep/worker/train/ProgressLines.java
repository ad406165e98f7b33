package org.modsweep.worker.train;

import org.modsweep.core.Cell;
import org.modsweep.core.parquet.EpochMetrics;

/** The lines a training streams (explorer.md, "Lines streamed from training"), formatted as the reference prints them. */
public final class ProgressLines {

    /** A progress line is due every log interval, at the last epoch, and after this much silence. */
    public static final long SILENCE_NANOS = 20_000_000_000L;

    private ProgressLines() {}

    /** min(max(1, E div 20), 100): 100 for every study configuration. */
    public static int logInterval(int epochs) {
        return Math.min(Math.max(1, epochs / 20), 100);
    }

    public static String start(Cell cell, int dMlp, int epochs) {
        return "[TRAIN] p=" + cell.p() + ", d_mlp=" + dMlp + ", run="
                + cell.config().key() + ", epochs=" + epochs;
    }

    public static String epoch(Cell cell, EpochMetrics m, int epochs) {
        double pct = 100.0 * (m.epoch() + 1) / epochs;
        return "  [" + cell.config().key() + "] Epoch " + PyFormat.pad(Integer.toString(m.epoch()), 6) + "/" + epochs
                + "  (" + PyFormat.fixed(pct, 5, 1) + "%)"
                + "  train_loss=" + PyFormat.fixed(m.trainLoss(), 4)
                + "  test_loss=" + PyFormat.fixed(m.testLoss(), 4)
                + "  train_acc=" + PyFormat.fixed(m.trainAcc(), 4)
                + "  test_acc=" + PyFormat.fixed(m.testAcc(), 4);
    }

    /** The trainer's own line, every 100 epochs: {@code Epoch {e}, train loss {:.4f}, test loss {:.4f}}. */
    public static String trainer(EpochMetrics m) {
        return "Epoch " + m.epoch() + ", train loss " + PyFormat.fixed(m.trainLoss(), 4) + ", test loss "
                + PyFormat.fixed(m.testLoss(), 4);
    }

    public static String plateau(int epoch) {
        return "  Plateau early stopping at epoch " + epoch + ": no change in last 1000 epochs";
    }

    public static String done(Cell cell, EpochMetrics last) {
        return "[DONE] p=" + cell.p() + ", run=" + cell.config().key() + ", train_acc="
                + PyFormat.fixed(last.trainAcc(), 4) + ", test_acc=" + PyFormat.fixed(last.testAcc(), 4);
    }
}
