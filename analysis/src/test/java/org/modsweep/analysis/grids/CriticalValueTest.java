package org.modsweep.analysis.grids;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The logistic fit of grids.md §4 on planted outcomes. */
class CriticalValueTest {

    @Test
    void symmetricOutcomesCrossAtTheirCentre() {
        // y(7 - x) = 1 - y(x): the likelihood is symmetric about 3.5, so the crossing is exactly there
        CriticalValue c = CriticalValue.fit(
                new double[] {1, 2, 3, 4, 5, 6}, new boolean[] {false, false, true, false, true, true}, false);
        assertEquals("ok", c.status());
        assertEquals(3.5, c.value(), 1e-9);
        assertTrue(c.slope() > 0);
        assertTrue(c.low() <= c.value() && c.value() <= c.high(), c.low() + " .. " + c.high());
        assertEquals(
                c,
                CriticalValue.fit(
                        new double[] {1, 2, 3, 4, 5, 6}, new boolean[] {false, false, true, false, true, true}, false),
                "fixed bootstrap seed");
    }

    /** Proportions 1/4, 1/2, 3/4 at 4, 5, 6 are exactly logistic: a + b·x with b = ln 3, crossing at 5. */
    private static double[] plantedX(double... at) {
        double[] x = new double[10];
        int[] per = {4, 2, 4};
        int k = 0;
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < per[i]; j++) {
                x[k++] = at[i];
            }
        }
        return x;
    }

    private static final boolean[] PLANTED = {true, false, false, false, true, false, true, true, true, false};

    @Test
    void anExactlyLogisticPlantRecoversItsParameters() {
        CriticalValue c = CriticalValue.fit(plantedX(4, 5, 6), PLANTED, false);
        assertEquals("ok", c.status());
        assertEquals(5.0, c.value(), 1e-9);
        assertEquals(Math.log(3), c.slope(), 1e-9);
        assertEquals(-5 * Math.log(3), c.intercept(), 1e-9);
    }

    @Test
    void logAxesFitOnLog10() {
        CriticalValue c = CriticalValue.fit(plantedX(1e-4, 1e-3, 1e-2), PLANTED, true);
        assertEquals(1e-3, c.value(), 1e-12);
        assertEquals(Math.log(3), c.slope(), 1e-9, "per decade");
        assertThrows(
                IllegalArgumentException.class,
                () -> CriticalValue.fit(new double[] {0, 1}, new boolean[] {true, false}, true));
    }

    @Test
    void separatedOutcomesCrossInTheMiddleOfTheGap() {
        CriticalValue c =
                CriticalValue.fit(new double[] {0.1, 0.2, 0.4, 0.8}, new boolean[] {false, false, true, true}, true);
        assertEquals("separated", c.status());
        assertEquals(Math.sqrt(0.08), c.value(), 1e-15);
        assertNull(c.slope());
        CriticalValue down =
                CriticalValue.fit(new double[] {1, 2, 4, 8}, new boolean[] {true, true, false, false}, false);
        assertEquals(3.0, down.value(), 0.0);
    }

    @Test
    void fewerThanTwoOfEachOutcomeIsInsufficient() {
        CriticalValue c = CriticalValue.fit(new double[] {1, 2, 3, 4}, new boolean[] {false, true, true, true}, false);
        assertEquals(new CriticalValue("insufficient", null, null, null, null, null), c);
        assertEquals(
                "insufficient",
                CriticalValue.fit(new double[] {1, 2}, new boolean[] {true, true}, false)
                        .status());
        assertEquals(
                "insufficient",
                CriticalValue.fit(new double[0], new boolean[0], false).status());
    }
}
