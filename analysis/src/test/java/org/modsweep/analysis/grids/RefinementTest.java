package org.modsweep.analysis.grids;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.modsweep.core.config.Activation;
import org.modsweep.core.config.ConfigKey;

/** Refinement on planted phase maps: exactly which points a round adds (grids.md §6). */
class RefinementTest {

    private static final ConfigKey WD = ConfigKey.WEIGHT_DECAY;
    private static final ConfigKey FRAC = ConfigKey.FRAC_TRAIN;

    private static Map<ConfigKey, Object> point(Object... kv) {
        Map<ConfigKey, Object> m = new EnumMap<>(ConfigKey.class);
        for (int i = 0; i < kv.length; i += 2) {
            m.put((ConfigKey) kv[i], kv[i + 1]);
        }
        return m;
    }

    /**
     * weight_decay (rows, log scale) × frac_train (columns):
     * <pre>
     *          0.3    0.5    0.7
     *   0      memo   memo   memo
     *   0.1    memo   grok   grok
     *   1      grok   grok   comp
     *   10     conf   conf   conf
     * </pre>
     */
    @Test
    void midpointsBetweenNeighboursWhosePhasesDiffer() {
        Phase m = Phase.MEMORIZATION;
        Phase g = Phase.GROKKING;
        Phase c = Phase.COMPREHENSION;
        Phase x = Phase.CONFUSION;
        double[] wds = {0.0, 0.1, 1.0, 10.0};
        double[] fracs = {0.3, 0.5, 0.7};
        Phase[][] map = {{m, m, m}, {m, g, g}, {g, g, c}, {x, x, x}};
        Map<Map<ConfigKey, Object>, Phase> phases = new LinkedHashMap<>();
        for (int i = 0; i < wds.length; i++) {
            for (int j = 0; j < fracs.length; j++) {
                phases.put(point(WD, wds[i], FRAC, fracs[j]), map[i][j]);
            }
        }
        assertEquals(
                List.of(
                        point(WD, 0.316227766017, FRAC, 0.3), // geometric mean of 0.1 and 1
                        point(WD, 3.16227766017, FRAC, 0.3),
                        point(WD, 0.05, FRAC, 0.5), // a zero end: the arithmetic mean
                        point(WD, 3.16227766017, FRAC, 0.5),
                        point(WD, 0.05, FRAC, 0.7),
                        point(WD, 0.316227766017, FRAC, 0.7),
                        point(WD, 3.16227766017, FRAC, 0.7),
                        point(WD, 0.1, FRAC, 0.4), // frac_train is linear
                        point(WD, 1.0, FRAC, 0.6)),
                Refinement.midpoints(phases, List.of(WD, FRAC)));
    }

    @Test
    void onlyAdjacentPointsAreNeighboursAndExistingPointsAreNotAddedAgain() {
        Map<Map<ConfigKey, Object>, Phase> phases = new LinkedHashMap<>();
        phases.put(point(FRAC, 0.9), Phase.GROKKING);
        phases.put(point(FRAC, 0.3), Phase.MEMORIZATION); // out of order: the line is sorted
        phases.put(point(FRAC, 0.6), Phase.MEMORIZATION); // refinement's earlier midpoint
        assertEquals(List.of(point(FRAC, 0.75)), Refinement.midpoints(phases, List.of(FRAC)));
        phases.put(point(FRAC, 0.75), Phase.GROKKING);
        assertEquals(List.of(point(FRAC, 0.675)), Refinement.midpoints(phases, List.of(FRAC)));
    }

    @Test
    void integerAxesRoundAndSkipWhenNothingFitsNonNumericAxesAreSkipped() {
        Map<Map<ConfigKey, Object>, Phase> phases = new LinkedHashMap<>();
        ConfigKey d = ConfigKey.D_MLP;
        ConfigKey act = ConfigKey.ACT_TYPE;
        phases.put(point(d, 100, act, Activation.ReLU), Phase.CONFUSION);
        phases.put(point(d, 101, act, Activation.ReLU), Phase.GROKKING); // nothing fits between 100 and 101
        phases.put(point(d, 104, act, Activation.ReLU), Phase.COMPREHENSION); // 102.5 -> 102 (half to even)
        phases.put(point(d, 100, act, Activation.Quad), Phase.GROKKING); // act_type differs: no midpoint
        assertEquals(List.of(point(d, 102, act, Activation.ReLU)), Refinement.midpoints(phases, List.of(d, act)));
        assertEquals(102, Refinement.midpoint(d, 101, 104));
        assertNull(Refinement.midpoint(d, 7, 8));
        assertEquals(12, Refinement.midpoint(ConfigKey.NUM_EPOCHS, 11, 13));
    }

    @Test
    void logScaleKeysUseTheGeometricMean() {
        assertEquals(1e-3, Refinement.midpoint(ConfigKey.LR, 1e-4, 1e-2));
        assertEquals(2.0, Refinement.midpoint(ConfigKey.INIT_SCALE, 1.0, 4.0));
        assertEquals(0.5, Refinement.midpoint(ConfigKey.FRAC_TRAIN, 0.2, 0.8));
        assertEquals(0.5, Refinement.midpoint(WD, 0.0, 1.0));
        assertNull(Refinement.midpoint(WD, 1.0, 1.0000000000001), "no new value at 12 significant digits");
    }

    @Test
    void samePhasesEverywhereAddNothing() {
        Map<Map<ConfigKey, Object>, Phase> phases = new LinkedHashMap<>();
        phases.put(point(WD, 0.0), Phase.GROKKING);
        phases.put(point(WD, 1.0), Phase.GROKKING);
        assertEquals(List.of(), Refinement.midpoints(phases, List.of(WD)));
    }
}
