package org.modsweep.worker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.modsweep.core.Cell;
import org.modsweep.core.parquet.EpochMetrics;
import org.modsweep.worker.TrainingEvent;

/** The terminal bar: redrawn in place, ended by a plateau stop (which it prints) or by the end of the run. */
class ProgressBarTest {

    @Test
    void aPlateauStopEndsTheBarAndIsPrinted() {
        Cell cell = Cell.of(23, "grokking");
        StringWriter w = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(w, true));
        bar.on(new TrainingEvent.Started(cell, 512, 40000));
        bar.on(new TrainingEvent.EpochDone(cell, new EpochMetrics(0, 0.5, 0.25, 1.0, 0.75, 0.1, 3.0, 0), 40000));
        bar.on(new TrainingEvent.PlateauStop(cell, 10000));
        bar.on(new TrainingEvent.Finished(
                cell, new EpochMetrics(10000, 0.5, 0.25, 1.0, 0.75, 0.1, 3.0, 0), 10001, true));
        String out = w.toString();
        assertTrue(
                out.startsWith("\rp023-grokking [" + ".".repeat(30) + "] 1/40000  loss 0.5000  acc 1.0000/0.7500"),
                out);
        String[] lines = out.split("\n", -1);
        assertEquals(3, lines.length, out); // the bar, the plateau line, and nothing after the final newline
        assertEquals("Plateau early stopping at epoch 10000: no change in last 1000 epochs", lines[1]);
        assertEquals("", lines[2]);
    }

    @Test
    void theEndOfARunEndsTheBarLine() {
        Cell cell = Cell.of(5, "standard");
        StringWriter w = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(w, true));
        EpochMetrics last = new EpochMetrics(1, 0.5, 0.25, 1.0, 0.75, 0.1, 3.0, 0);
        bar.on(new TrainingEvent.EpochDone(cell, last, 2));
        bar.on(new TrainingEvent.Finished(cell, last, 2, false));
        assertTrue(w.toString().endsWith("ETA 0 s   \n"), w.toString());
    }
}
