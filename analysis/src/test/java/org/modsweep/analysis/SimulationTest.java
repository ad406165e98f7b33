package org.modsweep.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.modsweep.analysis.lottery.LotteryContour;
import org.modsweep.analysis.simulation.DecoupledOde;
import org.modsweep.core.testing.ReferenceNumbers;

class SimulationTest {

    @Test
    void decoupledOdeMatchesTheReferenceAtP23() throws Exception {
        JsonNode cc = ReferenceNumbers.crosscheck();
        JsonNode cases = cc.path("analytical").path("cases");
        assertEquals(23, cc.path("analytical").path("p").asInt());
        int checked = 0;
        for (DecoupledOde.Case c : DecoupledOde.Case.values()) {
            JsonNode ref = cases.path(c == DecoupledOde.Case.ONE ? "1" : "2");
            DecoupledOde ode = DecoupledOde.simulate(23, c);
            int k = ref.path("k").asInt();
            assertEquals(k, ode.k0());
            assertEquals(ref.path("series_len").asInt(), ode.alpha()[k].length);
            Map<String, double[]> series = Map.of(
                    "alphas",
                    ode.alpha()[k],
                    "betas",
                    ode.beta()[k],
                    "phis",
                    ode.phi()[k],
                    "psis",
                    ode.psi()[k],
                    "deltas",
                    ode.delta()[k]);
            for (Map.Entry<String, double[]> s : series.entrySet()) {
                JsonNode values = ref.path("values").path(s.getKey());
                for (Iterator<String> it = values.fieldNames(); it.hasNext(); ) {
                    String step = it.next();
                    double want = values.get(step).asDouble();
                    double got = s.getValue()[Integer.parseInt(step)];
                    assertEquals(
                            want, got, 1e-9 * Math.max(1, Math.abs(want)), c + " " + s.getKey() + "[" + step + "]");
                    checked++;
                }
            }
            double maxOther = 0;
            for (int q = 1; q <= ode.frequencies(); q++) {
                if (q != k) {
                    maxOther = Math.max(maxOther, ode.alpha()[q][ode.steps()]);
                }
            }
            assertTrue(maxOther < 1e-12, "other frequencies stay at zero: " + maxOther);
        }
        assertEquals(80, checked);
    }

    @Test
    void decoupledOdeOverflowsForSmallPWithoutThrowing() {
        DecoupledOde ode = DecoupledOde.simulate(3, DecoupledOde.Case.ONE);
        assertEquals(1, ode.k0());
        double last = ode.alpha()[1][ode.steps()];
        assertTrue(!Double.isFinite(last), "p=3 blows up within 1400 steps, got " + last);
        DecoupledOde ok = DecoupledOde.simulate(19, DecoupledOde.Case.ONE);
        assertTrue(Double.isFinite(ok.alpha()[2][ok.steps()]));
    }

    @Test
    void lotteryContourIsSymmetricAboutPiWithMaximaInTheCorners() {
        LotteryContour lc = LotteryContour.simulate(23);
        double[][] z = lc.z();
        assertEquals(30, z.length);
        assertEquals(0.01, lc.magnitudes()[0]);
        assertEquals(0.02, lc.magnitudes()[29]);
        assertEquals(2 * Math.PI, lc.phaseDiffs()[29], 1e-15);
        double max = 0;
        double min = Double.MAX_VALUE;
        for (int r = 0; r < 30; r++) {
            for (int c = 0; c < 30; c++) {
                assertEquals(z[r][c], z[29 - r][c], 1e-9 * z[r][c], "symmetry row " + r);
                max = Math.max(max, z[r][c]);
                min = Math.min(min, z[r][c]);
            }
        }
        assertEquals(max, Math.max(z[0][29], z[29][29]), 1e-15, "largest at D0 = 0 or 2π with the largest magnitude");
        // smallest near D0 = π (rows 14/15) for the smallest initial magnitude
        assertEquals(min, Math.min(z[14][0], z[15][0]), 1e-15);
        // aligned start (D0 = 0): both magnitudes only grow, so β_final exceeds its initial value
        assertTrue(z[0][0] > 0.01 * 1.0001, "aligned neuron grows: " + z[0][0]);
    }
}
