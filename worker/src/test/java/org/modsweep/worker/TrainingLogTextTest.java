package org.modsweep.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.modsweep.core.config.StudyConfigs;
import org.modsweep.core.parquet.EpochMetrics;
import org.modsweep.worker.train.PyFormat;
import org.modsweep.worker.train.TrainingLogText;

/** training_log.txt's exact layout (outputs.md §12) and Python's rounding. */
class TrainingLogTextTest {

    @Test
    void rowAndHeaderMatchTheSpecification() {
        EpochMetrics e0 = new EpochMetrics(
                0,
                3.135560989379883,
                3.135560989379883,
                0.043478260869565216,
                0.043478260869565216,
                0.01838231506031283,
                3.2091968177015926,
                0);
        String text = TrainingLogText.render(23, 512, StudyConfigs.STANDARD, List.of(e0));
        String[] lines = text.split("\n", -1);
        assertEquals("=".repeat(70), lines[0]);
        assertEquals("  prime (p)       = 23", lines[5]);
        assertEquals("  learning_rate   = 5e-05", lines[11]);
        assertEquals("  weight_decay    = 0", lines[12]);
        assertEquals("  frac_train      = 1.0", lines[13]);
        assertEquals(
                "   Epoch    Train Loss     Test Loss   Train Acc    Test Acc   Grad Norm   Param Norm", lines[19]);
        assertEquals(
                "       0      3.135561      3.135561      0.0435      0.0435      0.0184       3.2092", lines[21]);
        assertEquals("Total epochs trained: 1", lines[lines.length - 2]);
        assertEquals("", lines[lines.length - 1]);
    }

    @Test
    void tableEpochsFollowTheReference() {
        assertEquals(101, TrainingLogText.tableEpochs(5000).size());
        assertEquals(101, TrainingLogText.tableEpochs(24001).size());
        assertEquals(24000, (int) TrainingLogText.tableEpochs(24001).get(100));
        assertEquals(List.of(0, 1, 2), TrainingLogText.tableEpochs(3));
    }

    @Test
    void formatsLikePython() {
        assertEquals("0.1", PyFormat.fixed(0.15, 1)); // exact binary value is below .15
        assertEquals("0.2", PyFormat.fixed(0.25, 1)); // a true tie rounds to even
        assertEquals("-0.0000", PyFormat.fixed(-1e-9, 4));
        assertEquals("  100.0", PyFormat.fixed(100.0, 7, 1));
    }
}
