package org.modsweep.driver.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.modsweep.core.Cell;
import org.modsweep.core.Modulus;
import org.modsweep.core.config.Overrides;
import org.modsweep.worker.lanes.LaneShape;

class LanePackingTest {

    private static List<Cell> seeds(int p, String config, int n) {
        List<Cell> out = new ArrayList<>();
        for (int s = 1; s <= n; s++) {
            out.add(Cell.of(p, config, Overrides.parse(List.of("seed=" + s))));
        }
        return out;
    }

    @Test
    void runsOfOneShapeAreCutIntoBatchesOfUpToKLanes() {
        List<Cell> pending = new ArrayList<>(seeds(11, "standard", 5));
        pending.addAll(seeds(11, "quad_random", 2)); // another activation: never in a standard batch
        pending.add(
                Cell.of(11, "standard", Overrides.parse(List.of("frac_train=0.5", "weight_decay=1")))); // same shape
        pending.sort(SweepPlan.largestFirst(null));
        List<List<Cell>> batches = LanePacking.parse("4").batches(pending, null);
        assertEquals(pending.size(), batches.stream().mapToInt(List::size).sum(), "every run once");
        for (List<Cell> b : batches) {
            assertTrue(b.size() <= 4, b.toString());
            assertEquals(1, b.stream().map(LaneShape::of).distinct().count(), "one shape per batch: " + b);
        }
        assertEquals(
                List.of(4, 2, 2),
                batches.stream().map(List::size).sorted((x, y) -> y - x).toList());
        for (int i = 1; i < batches.size(); i++) {
            assertTrue(LanePacking.batchCost(batches.get(i - 1), null) >= LanePacking.batchCost(batches.get(i), null));
        }
    }

    @Test
    void oneLaneIsOneRunPerTaskInThePlansOrder() {
        List<Cell> pending = seeds(7, "standard", 3);
        assertTrue(LanePacking.parse("1").solo());
        assertEquals(pending.stream().map(List::of).toList(), LanePacking.SOLO.batches(pending, null));
    }

    @Test
    void autoFollowsTheActivationAndMemoryBudget() {
        LanePacking auto = LanePacking.parse("auto");
        LaneShape p11 = LaneShape.of(Cell.of(11, "standard"));
        LaneShape p23 = LaneShape.of(Cell.of(23, "standard"));
        LaneShape p3 = LaneShape.of(Cell.of(3, "standard"));
        assertEquals(LanePacking.autoLanes(p11), auto.lanesFor(p11));
        assertTrue(auto.lanesFor(p3) >= auto.lanesFor(p11), "smaller runs, more lanes");
        assertTrue(auto.lanesFor(p11) >= auto.lanesFor(p23));
        assertTrue(auto.lanesFor(p3) <= LanePacking.AUTO_MAX_LANES);
        LaneShape huge =
                LaneShape.of(new Cell(Modulus.of(101), Cell.of(101, "standard").config()));
        assertEquals(1, auto.lanesFor(huge), "a run beyond the budget trains alone");
    }

    @Test
    void badValuesAreOneLine() {
        assertThrows(IllegalArgumentException.class, () -> LanePacking.parse("0"));
        assertThrows(IllegalArgumentException.class, () -> LanePacking.parse("-2"));
        assertThrows(IllegalArgumentException.class, () -> LanePacking.parse("lots"));
        assertEquals("auto", LanePacking.parse("AUTO").toString());
    }
}
