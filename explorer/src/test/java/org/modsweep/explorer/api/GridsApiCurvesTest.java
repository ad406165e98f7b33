package org.modsweep.explorer.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.modsweep.core.Cell;
import org.modsweep.core.parquet.EpochMetrics;

/** A run's curves as the Grids tab gets them: thinned for long runs, NaN as null. */
class GridsApiCurvesTest {

    @Test
    void longRunsAreThinnedKeepingTheLastEpoch() {
        List<EpochMetrics> rows = new ArrayList<>();
        for (int e = 0; e < 40_000; e++) {
            rows.add(new EpochMetrics(e, 1, Double.NaN, e / 40_000.0, Double.NaN, 0, 0, 0));
        }
        Map<String, Object> c = GridsApi.curves(Cell.of(23, "standard"), rows);
        List<?> epochs = (List<?>) c.get("epoch");
        assertEquals(27, c.get("stride"), "ceil(40000 / 1500)");
        assertEquals(1483, epochs.size(), "epochs 0, 27, ..., 39987 and the last one, 39999");
        assertEquals(39_999, epochs.get(epochs.size() - 1), "the last epoch is always kept");
        assertEquals(27, epochs.get(1));
        assertEquals(27 / 40_000.0, (Double) ((List<?>) c.get("train_acc")).get(1), 0.0);
        assertNull(((List<?>) c.get("test_acc")).get(0), "NaN becomes null (JSON has no NaN)");
        assertEquals(40_000, c.get("epochs_run"));
    }

    @Test
    void shortRunsAreKeptWhole() {
        List<EpochMetrics> rows = new ArrayList<>();
        for (int e = 0; e < 1500; e++) {
            rows.add(new EpochMetrics(e, 1, 1, 1, 1, 0, 0, 0));
        }
        assertEquals(
                1500, ((List<?>) GridsApi.curves(Cell.of(23, "standard"), rows).get("epoch")).size());
    }
}
