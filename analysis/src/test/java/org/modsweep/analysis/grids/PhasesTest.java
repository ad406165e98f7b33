package org.modsweep.analysis.grids;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Phase classification and the majority phase on planted accuracy curves (grids.md §2, §3). */
class PhasesTest {

    /** A curve of {@code n} epochs at 0.1 that steps to {@code top} at epoch {@code at} (never if at < 0). */
    private static double[] step(int n, int at, double top) {
        double[] c = new double[n];
        for (int e = 0; e < n; e++) {
            c[e] = at >= 0 && e >= at ? top : 0.1;
        }
        return c;
    }

    private static RunOutcome split(int n, int train, int test) {
        return Phases.classify(step(n, train, 1.0), step(n, test, 0.97), false, PhaseThresholds.DEFAULT);
    }

    @Test
    void plantedRunsFallInTheirPhases() {
        assertEquals(new RunOutcome(3000, 40, 1240, 1200, Phase.GROKKING, 0.97), split(3000, 40, 1240));
        assertEquals(new RunOutcome(3000, 40, 540, 500, Phase.COMPREHENSION, 0.97), split(3000, 40, 540));
        assertEquals(new RunOutcome(3000, 40, null, null, Phase.MEMORIZATION, 0.1), split(3000, 40, -1));
        assertEquals(new RunOutcome(3000, null, null, null, Phase.CONFUSION, 0.1), split(3000, -1, -1));
        assertEquals(Phase.GROKKING, split(3000, 0, 1000).phase(), "a delay of exactly d is grokking");
        assertEquals(Phase.COMPREHENSION, split(3000, 0, 999).phase());
        assertEquals(Phase.CONFUSION, split(3000, -1, 200).phase(), "no t_train is confusion");
        assertTrue(split(3000, 40, 1240).generalised());
        assertFalse(split(3000, 40, -1).generalised());
    }

    @Test
    void theAccuracyThresholdIsInclusive() {
        double[] train = {0.5, 0.94999, 0.95, 1.0};
        double[] test = {0.1, 0.2, 0.949, 0.95};
        RunOutcome o = Phases.classify(train, test, false, PhaseThresholds.DEFAULT);
        assertEquals(2, o.tTrain());
        assertEquals(3, o.tTest());
        assertEquals(1, o.delay());
    }

    @Test
    void thresholdsAreOptions() {
        RunOutcome o = Phases.classify(step(3000, 40, 0.6), step(3000, 240, 0.6), false, new PhaseThresholds(0.5, 100));
        assertEquals(Phase.GROKKING, o.phase());
        assertEquals(200, o.delay());
        assertEquals(
                Phase.MEMORIZATION,
                Phases.classify(step(3000, 40, 1.0), step(3000, 240, 0.6), false, PhaseThresholds.DEFAULT)
                        .phase());
        assertThrows(IllegalArgumentException.class, () -> new PhaseThresholds(0, 100));
        assertThrows(IllegalArgumentException.class, () -> new PhaseThresholds(0.9, 0));
    }

    @Test
    void fullDataRunsAreClassifiedByTrainAccuracy() {
        RunOutcome reached = Phases.classify(step(500, 120, 1.0), new double[0], true, PhaseThresholds.DEFAULT);
        assertEquals(new RunOutcome(500, 120, null, null, Phase.COMPREHENSION, 1.0), reached);
        RunOutcome not = Phases.classify(step(500, -1, 1.0), step(500, -1, 1.0), true, PhaseThresholds.DEFAULT);
        assertEquals(new RunOutcome(500, null, null, null, Phase.CONFUSION, 0.1), not);
    }

    @Test
    void badCurvesAreRefused() {
        assertThrows(
                IllegalArgumentException.class,
                () -> Phases.classify(new double[0], new double[0], false, PhaseThresholds.DEFAULT));
        assertThrows(
                IllegalArgumentException.class,
                () -> Phases.classify(new double[3], new double[2], false, PhaseThresholds.DEFAULT));
    }

    @Test
    void majorityPhaseWithCountsAndTiesToLessProgress() {
        PhaseCounts c = PhaseCounts.of(List.of(Phase.GROKKING, Phase.MEMORIZATION, Phase.GROKKING));
        assertEquals(Phase.GROKKING, c.majority());
        assertEquals(
                Map.of(Phase.CONFUSION, 0, Phase.MEMORIZATION, 1, Phase.GROKKING, 2, Phase.COMPREHENSION, 0),
                c.counts());
        assertEquals(
                List.of(Phase.CONFUSION, Phase.MEMORIZATION, Phase.GROKKING, Phase.COMPREHENSION),
                List.copyOf(c.counts().keySet()),
                "counts in phase order");
        assertEquals(
                Phase.MEMORIZATION,
                PhaseCounts.of(List.of(Phase.COMPREHENSION, Phase.MEMORIZATION)).majority());
        assertEquals(
                Phase.COMPREHENSION,
                PhaseCounts.of(List.of(Phase.COMPREHENSION)).majority());
        assertThrows(IllegalArgumentException.class, () -> PhaseCounts.of(List.of()));
    }

    @Test
    void outcomesKeepTheirDelay() {
        assertNull(split(100, 10, -1).delay());
    }
}
