package org.modsweep.analysis.plots;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;
import org.modsweep.analysis.plots.ContourLevels.Extend;

/**
 * Expected levels worked out with Matplotlib 3.8's algorithm (MaxNLocator.tick_values with its default steps, then
 * ContourSet._autolev's trimming) in NumPy float64, printed with repr; compared exactly.
 */
class ContourLevelsTest {

    @Test
    void unitRangeTakesStepsOfPointZeroEight() {
        // nbins 13: raw step 1/13 → 0.08 (8 × 0.01); ticks 0 … 1.04; extend both drops the two outside the data
        assertArrayEquals(
                new double[] {0.08, 0.16, 0.24, 0.32, 0.4, 0.48, 0.56, 0.64, 0.72, 0.8, 0.88, 0.96},
                ContourLevels.of(0, 1, 12, Extend.BOTH));
        assertArrayEquals(
                new double[] {0.0, 0.08, 0.16, 0.24, 0.32, 0.4, 0.48, 0.56, 0.64, 0.72, 0.8, 0.88, 0.96, 1.04},
                ContourLevels.of(0, 1, 12, Extend.NEITHER));
        assertArrayEquals(
                new double[] {0.08, 0.16, 0.24, 0.32, 0.4, 0.48, 0.56, 0.64, 0.72, 0.8, 0.88, 0.96},
                ContourLevels.of(0.0123, 0.9876, 12, Extend.BOTH));
        assertArrayEquals(
                new double[] {0.0, 0.08, 0.16, 0.24, 0.32, 0.4, 0.48, 0.56, 0.64, 0.72, 0.8, 0.88, 0.96, 1.04},
                ContourLevels.of(0.0123, 0.9876, 12, Extend.NEITHER));
    }

    @Test
    void negativeToPositiveTakesStepsOfOnePointFive() {
        assertArrayEquals(
                new double[] {-3.0, -1.5, 0.0, 1.5, 3.0, 4.5, 6.0, 7.5, 9.0, 10.5, 12.0},
                ContourLevels.of(-3.7, 12.2, 12, Extend.BOTH));
    }

    @Test
    void aLargeOffsetIsTakenOutAndPutBack() {
        assertArrayEquals(
                new double[] {1000.52, 1000.56, 1000.6, 1000.64, 1000.68, 1000.72, 1000.76, 1000.8, 1000.84, 1000.88},
                ContourLevels.of(1000.5, 1000.9, 12, Extend.BOTH));
        assertArrayEquals(
                new double[] {
                    0.010000008,
                    0.010000016,
                    0.010000024,
                    0.010000032,
                    0.01000004,
                    0.010000048000000001,
                    0.010000056,
                    0.010000064,
                    0.010000072,
                    0.01000008,
                    0.010000088,
                    0.010000096
                },
                ContourLevels.of(0.01, 0.0100001, 12, Extend.BOTH));
    }

    @Test
    void flatDataIsWidenedAsMatplotlibDoes() {
        // nonsingular widens [5, 5] by 1e-13 relative; too few levels after trimming → all are kept
        assertArrayEquals(
                new double[] {
                    4.99999999999952,
                    4.9999999999996,
                    4.99999999999968,
                    4.99999999999976,
                    4.99999999999984,
                    4.99999999999992,
                    5.0,
                    5.00000000000008,
                    5.00000000000016,
                    5.00000000000024,
                    5.00000000000032,
                    5.0000000000004,
                    5.00000000000048
                },
                ContourLevels.of(5, 5, 12, Extend.BOTH));
    }

    @Test
    void floatStepsKeepMatplotlibsRounding() {
        // the default levels=7 of contour(): step 0.15 = 0.1 × 1.5 carries its float error into every level
        assertArrayEquals(
                new double[] {
                    -0.6000000000000001,
                    -0.45000000000000007,
                    -0.30000000000000004,
                    -0.15000000000000002,
                    0.0,
                    0.15000000000000002,
                    0.30000000000000004,
                    0.4500000000000002,
                    0.6000000000000001
                },
                ContourLevels.of(-0.5, 0.5, 7, Extend.NEITHER));
    }

    @Test
    void theLotteryContourOfNineteen() {
        // β_final of the p = 19 lottery simulation spans 0.008657782034933368 … 0.042146648119192796: step 0.003
        double[] levels = ContourLevels.of(0.008657782034933368, 0.042146648119192796, 12, Extend.BOTH);
        assertArrayEquals(
                new double[] {
                    0.009000000000000001,
                    0.012,
                    0.015000000000000001,
                    0.018000000000000002,
                    0.020999999999999998,
                    0.024,
                    0.027000000000000003,
                    0.03,
                    0.033,
                    0.036,
                    0.039,
                    0.042
                },
                levels);
        // its colour bar ticks: FixedLocator(levels, nbins=10) keeps every second level
        assertArrayEquals(new int[] {0, 2, 4, 6, 8, 10}, ColorBar.fixedLocator(levels, 10));
    }

    @Test
    void colourBarTicksShiftToTheLevelNearestZero() {
        assertArrayEquals(
                new int[] {1, 3, 5, 7, 9},
                ColorBar.fixedLocator(new double[] {-1.5, 0.0, 1.5, 3.0, 4.5, 6.0, 7.5, 9.0, 10.5, 12.0, 13.5}, 10));
        assertArrayEquals(new int[] {0, 1, 2}, ColorBar.fixedLocator(new double[] {1, 2, 3}, 10));
    }
}
