package org.modsweep.worker.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.modsweep.core.Cell;
import org.modsweep.core.parquet.EpochMetrics;
import org.modsweep.worker.TrainingEvent;

/** The reference's progress lines, made from a training's events (a plateau stop included, which needs 10000+ epochs). */
class ProgressTextTest {

    private static EpochMetrics metrics(int epoch) {
        return new EpochMetrics(epoch, 0.5, 0.25, 1.0, 0.75, 0.1, 3.0, 1e-3);
    }

    @Test
    void linesOfAGrokkingRunThatPlateaus() {
        Cell cell = Cell.of(23, "grokking");
        List<String> lines = new ArrayList<>();
        ProgressText text = new ProgressText(lines::add);
        text.on(new TrainingEvent.Started(cell, 512, 40000));
        for (int e = 0; e <= 10000; e++) {
            text.on(new TrainingEvent.EpochDone(cell, metrics(e), 40000));
            if (e % 200 == 0) {
                text.on(new TrainingEvent.CheckpointWritten(cell, e, false));
            }
        }
        text.on(new TrainingEvent.PlateauStop(cell, 10000));
        text.on(new TrainingEvent.CheckpointWritten(cell, 10000, true));
        text.on(new TrainingEvent.Finished(cell, metrics(10000), 10001, true));

        assertEquals("[TRAIN] p=23, d_mlp=512, run=grokking, epochs=40000", lines.get(0));
        assertEquals("Epoch 0, train loss 0.5000, test loss 0.2500", lines.get(1));
        assertEquals(
                "  [grokking] Epoch      0/40000  (  0.0%)  train_loss=0.5000  test_loss=0.2500  train_acc=1.0000"
                        + "  test_acc=0.7500",
                lines.get(2));
        assertEquals("Epoch 100, train loss 0.5000, test loss 0.2500", lines.get(3));
        assertEquals(
                "  [grokking] Epoch    100/40000  (  0.3%)  train_loss=0.5000  test_loss=0.2500  train_acc=1.0000"
                        + "  test_acc=0.7500",
                lines.get(4));
        // a trainer line and a progress line every 100 epochs (log interval min(40000 div 20, 100) = 100)
        assertEquals(3 + 2 * 101, lines.size());
        assertEquals(
                "  Plateau early stopping at epoch 10000: no change in last 1000 epochs", lines.get(lines.size() - 2));
        assertEquals("[DONE] p=23, run=grokking, train_acc=1.0000, test_acc=0.7500", lines.get(lines.size() - 1));
    }

    @Test
    void theLastPlannedEpochAlwaysGetsAProgressLine() {
        Cell cell = Cell.of(5, "standard");
        List<String> lines = new ArrayList<>();
        ProgressText text = new ProgressText(lines::add);
        text.on(new TrainingEvent.Started(cell, 512, 7));
        for (int e = 0; e < 7; e++) {
            text.on(new TrainingEvent.EpochDone(cell, metrics(e), 7));
        }
        text.on(new TrainingEvent.Finished(cell, metrics(6), 7, false));
        // log interval max(1, 7 div 20) = 1: every epoch, plus the trainer line at epoch 0
        assertEquals(1 + 1 + 7 + 1, lines.size());
        assertEquals(
                "  [standard] Epoch      6/7  (100.0%)  train_loss=0.5000  test_loss=0.2500  train_acc=1.0000"
                        + "  test_acc=0.7500",
                lines.get(lines.size() - 2));
    }
}
