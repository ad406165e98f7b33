package org.modsweep.analysis.grids;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Seed bands and outcome statistics on planted values (grids.md §3). */
class SeedStatisticsTest {

    @Test
    void bandsOverSeedsWithCountsWhereRunsStopped() {
        SeedBand b = SeedBand.of(List.of(new double[] {1, 2, 3}, new double[] {3, 4}, new double[] {2, 6, 9, 12}));
        assertArrayEquals(new double[] {2, 4, 6, 12}, b.mean(), 0.0);
        assertArrayEquals(new double[] {Math.sqrt(2.0 / 3), Math.sqrt(8.0 / 3), 3, 0}, b.std(), 1e-15);
        assertArrayEquals(new double[] {1, 2, 3, 12}, b.min(), 0.0);
        assertArrayEquals(new double[] {3, 6, 9, 12}, b.max(), 0.0);
        assertArrayEquals(new int[] {3, 3, 2, 1}, b.count());
        assertEquals(2, b.shortest());
        SeedBand cut = b.upToShortest();
        assertArrayEquals(new double[] {2, 4}, cut.mean(), 0.0);
        assertArrayEquals(new int[] {3, 3}, cut.count());
        assertThrows(IllegalArgumentException.class, () -> SeedBand.of(List.of()));
        assertThrows(IllegalArgumentException.class, () -> SeedBand.of(List.of(new double[0])));
    }

    @Test
    void outcomeMeanStdAndBootstrapInterval() {
        assertEquals(new OutcomeStatistics(3, 0, 5.0, 0.0, 5.0, 5.0), OutcomeStatistics.of(List.of(5, 5, 5)));
        // two seeds 0 and 1: resampled means are 0, 0.5, 1 with probabilities 1/4, 1/2, 1/4, so among 1000 draws
        // the 2.5th and 97.5th percentiles are 0 and 1
        assertEquals(new OutcomeStatistics(2, 0, 0.5, 0.5, 0.0, 1.0), OutcomeStatistics.of(List.of(0.0, 1.0)));
        OutcomeStatistics withMissing = OutcomeStatistics.of(Arrays.asList(10, null, 20));
        assertEquals(2, withMissing.n());
        assertEquals(1, withMissing.missing());
        assertEquals(15.0, withMissing.mean());
        assertEquals(5.0, withMissing.std());
        OutcomeStatistics none = OutcomeStatistics.of(Arrays.asList(null, null));
        assertEquals(new OutcomeStatistics(0, 2, null, null, null, null), none);
        assertNull(none.low());
    }

    @Test
    void bootstrapIsReproducibleAndAPercentileInterval() {
        List<Integer> delays = List.of(1200, 1400, 900, 2000, 1600);
        OutcomeStatistics a = OutcomeStatistics.of(delays);
        assertEquals(a, OutcomeStatistics.of(delays), "fixed seed");
        assertEquals(1420.0, a.mean());
        assertEquals(Math.sqrt((220.0 * 220 + 20 * 20 + 520 * 520 + 580 * 580 + 180 * 180) / 5), a.std(), 1e-12);
        assertEquals(
                true,
                a.low() >= 900 && a.low() < a.mean() && a.high() > a.mean() && a.high() <= 2000,
                a.low() + " .. " + a.high());
        assertNotEquals(a, OutcomeStatistics.of(delays, 1000, 7L), "another seed, other draws");
        assertEquals(1.075, Bootstrap.percentile(new double[] {1, 2, 3, 4}, 2.5), 1e-15);
        assertEquals(3.925, Bootstrap.percentile(new double[] {1, 2, 3, 4}, 97.5), 1e-15);
        assertEquals(7.0, Bootstrap.percentile(new double[] {7}, 97.5));
    }
}
