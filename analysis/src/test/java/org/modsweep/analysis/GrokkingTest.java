package org.modsweep.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.modsweep.analysis.grokking.CheckpointPicks;
import org.modsweep.analysis.grokking.StageDetector;
import org.modsweep.analysis.grokking.Stages;
import org.modsweep.analysis.grokking.TrainingSplit;

class GrokkingTest {

    static double[] ramp(int n, int crossAt) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = i < crossAt ? 0.5 * i / crossAt : 0.96;
        }
        return a;
    }

    @Test
    void stageDetectorFindsPlantedBoundaries() {
        Stages s = StageDetector.stages(ramp(5000, 1234), ramp(5000, 3210), null, null, 25);
        assertEquals(1234, s.stage1End());
        assertEquals(3210, s.stage2End());
        assertFalse(s.stage1Fallback() || s.stage2Fallback());
    }

    @Test
    void stage1AfterStage2BecomesAThird() {
        Stages s = StageDetector.stages(ramp(100, 90), ramp(100, 30), null, null, 5);
        assertEquals(10, s.stage1End());
        assertEquals(30, s.stage2End());
    }

    @Test
    void unreachedThresholdsFallBackToCheckpointCountsAsSpecified() {
        Integer[] raw = StageDetector.detect(ramp(100, 20), new double[100], null, null);
        assertEquals(20, raw[0]);
        assertNull(raw[1]);
        Stages s = StageDetector.stages(ramp(100, 20), new double[100], null, null, 120);
        assertEquals(20, s.stage1End());
        assertEquals(72, s.stage2End()); // 3·120 div 5: checkpoint count used as an epoch ([BUG-AS-SPECIFIED])
        assertTrue(s.stage2Fallback());
    }

    @Test
    void lossRuleWithoutAccuracyCurves() {
        double[] loss = {3, 2, 0.05, 0.01};
        double[] test = {3, 3, 0.5, 0.09};
        Integer[] raw = StageDetector.detect(null, null, loss, test);
        assertEquals(2, raw[0]);
        assertEquals(3, raw[1]);
    }

    @Test
    void checkpointPicksFollowTheStudy() {
        int[] epochs = new int[120];
        for (int i = 0; i < 120; i++) {
            epochs[i] = 200 * i;
        }
        assertArrayEquals(new int[] {0, 13, 26, 39, 52, 66, 79, 92, 105, 119}, CheckpointPicks.sliderIndices(120));
        assertEquals(200, CheckpointPicks.closest(epochs, 300)); // tie between 200 and 400 → earlier
        assertArrayEquals(new int[] {0, 1000, 2200}, CheckpointPicks.commonToRare(epochs, 2150));
        assertArrayEquals(new int[] {0, 400, 400}, CheckpointPicks.commonToRare(epochs, 0)); // padded with epochs[2]
        assertArrayEquals(new int[] {0, 2200, 10400}, CheckpointPicks.keyEpochs(epochs, 2200, 10400));
        assertArrayEquals(new int[] {0, 1000, 5000}, CheckpointPicks.snapped(epochs, 0, 1000, 5000));
    }

    @Test
    void memorisationMasks() {
        int p = 3;
        // train pairs: (0,1)=1, (1,0)=3, (2,0)=6
        TrainingSplit s = new TrainingSplit(p, new int[] {1, 3, 6}, new int[] {0, 2, 4, 5, 7, 8});
        double[][] sym = s.symmetryMask();
        assertEquals(1.0, sym[0][1]);
        assertEquals(1.0, sym[2][0]);
        assertEquals(0.65, sym[0][2]);
        assertEquals(0.0, sym[1][1]);
        double[][] cr = s.commonRareMask();
        assertEquals(1.0, cr[0][1]);
        assertEquals(0.5, cr[2][0]);
        assertEquals(0.0, cr[0][2]);
        assertTrue(s.trueTestPoints()[1][1]);
        assertFalse(s.trueTestPoints()[0][2]);
        assertTrue(s.asymmetricTrainPairs()[2][0]);
    }
}
