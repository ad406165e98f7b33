package org.modsweep.driver.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modsweep.core.Cell;
import org.modsweep.core.Modulus;
import org.modsweep.core.config.Overrides;
import org.modsweep.core.config.RunConfig;
import org.modsweep.core.config.StudyConfigs;
import org.modsweep.core.grid.GridManifest;
import org.modsweep.core.grid.GridSpec;
import org.modsweep.core.store.ResultsStore;

/** A grid's manifest in the store: a new grid, the same grid resumed (its refinement kept), a grown one, another. */
class StoredGridTest {

    @TempDir
    Path tmp;

    private static GridManifest grid(String axes, String set, Integer epochs) {
        GridSpec spec = GridSpec.parse(axes);
        Overrides fixed = set.isEmpty() ? Overrides.NONE : Overrides.parse(List.of(set));
        List<RunConfig> bases = List.of(StudyConfigs.STANDARD.with(fixed));
        List<Cell> runs = spec.runs(List.of(Modulus.of(5)), bases, GridSpec.DEFAULT_LIMIT, false);
        return new GridManifest("g", spec.axes(), fixed, epochs, runs);
    }

    @Test
    void theSameCommandResumesTheStoredGridWithItsRefinement() throws Exception {
        ResultsStore store = ResultsStore.open(tmp.resolve("store").toString());
        GridManifest wanted = grid("seed=1,2;lr=1e-4,1e-2", "", 100);
        assertEquals(wanted, StoredGrid.resume(store, wanted), "new to the store: as requested");

        Cell midpoint = Cell.of(5, "standard", Overrides.parse(List.of("seed=1", "lr=0.001")));
        GridManifest refined = wanted.plus(List.of(midpoint));
        StoredGrid.write(store, refined);
        assertEquals(refined.toJson(), StoredGrid.resume(store, wanted).toJson(), "the refinement's runs stay");

        GridManifest moreSeeds = grid("seed=1..3;lr=1e-4,1e-2", "", 100);
        GridManifest grown = StoredGrid.resume(store, moreSeeds);
        assertEquals(refined.runs().size() + 2, grown.runs().size());
        assertEquals(List.of(1L, 2L, 3L), grown.axes().get(org.modsweep.core.config.ConfigKey.SEED));
    }

    @Test
    void anotherGridUnderTheSameIdIsRefused() throws Exception {
        ResultsStore store = ResultsStore.open(tmp.resolve("store").toString());
        StoredGrid.write(store, grid("seed=1,2", "", 100));
        assertEquals(
                "grid 'g' in the store has --epochs 100, not 200; resume it with the same options or choose another"
                        + " --grid-name",
                assertThrows(IllegalArgumentException.class, () -> StoredGrid.resume(store, grid("seed=1,2", "", 200)))
                        .getMessage());
        assertEquals(
                "grid 'g' in the store has --set (none), not lr=0.01; resume it with the same options or choose"
                        + " another --grid-name",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> StoredGrid.resume(store, grid("seed=1,2", "lr=0.01", 100)))
                        .getMessage());
        assertThrows(IllegalArgumentException.class, () -> StoredGrid.resume(store, grid("lr=1e-3", "", 100)));
    }
}
