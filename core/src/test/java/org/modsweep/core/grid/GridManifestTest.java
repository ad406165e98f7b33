package org.modsweep.core.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modsweep.core.Cell;
import org.modsweep.core.Modulus;
import org.modsweep.core.config.ConfigKey;
import org.modsweep.core.config.Overrides;
import org.modsweep.core.config.StudyConfigs;
import org.modsweep.core.store.ResultsStore;

class GridManifestTest {

    private static GridManifest sample() {
        GridSpec spec = GridSpec.parse("seed=1..2;weight_decay=0,1e-05,0.5");
        Overrides fixed = Overrides.parse(List.of("frac_train=0.5"));
        List<Cell> runs = spec.runs(
                List.of(Modulus.of(23)), List.of(StudyConfigs.byKey("grokking").with(fixed)), 100, false);
        String id = GridManifest.defaultId(List.of(Modulus.of(23)), List.of("grokking"), spec, fixed, 300);
        return new GridManifest(id, spec.axes(), fixed, 300, runs);
    }

    @Test
    void roundTripsThroughItsJsonFile(@TempDir Path dir) throws Exception {
        ResultsStore store = ResultsStore.open(dir.toString());
        GridManifest g = sample();
        g.write(store);
        GridManifest back = GridManifest.read(store, g.id());
        assertEquals(g, back);
        assertEquals(6, back.runs().size());
        assertEquals(List.of(g.id()), GridManifest.list(store));
        assertTrue(g.id().startsWith("grokking-seed-weight_decay-"), g.id());
    }

    @Test
    void defaultIdDependsOnWhatDefinesTheRuns() {
        GridSpec spec = GridSpec.parse("seed=1..2");
        List<Modulus> p = List.of(Modulus.of(23));
        String a = GridManifest.defaultId(p, List.of("standard"), spec, Overrides.NONE, null);
        assertEquals(
                a, GridManifest.defaultId(p, List.of("standard"), GridSpec.parse("seed=1,2"), Overrides.NONE, null));
        assertNotEquals(a, GridManifest.defaultId(p, List.of("standard"), spec, Overrides.NONE, 100));
    }

    @Test
    void pointGivesEveryAxisValueOfARun() {
        GridManifest g = sample();
        Map<ConfigKey, Object> point = g.point(g.runs().get(1));
        assertEquals(1L, point.get(ConfigKey.SEED));
        assertEquals(1e-05, point.get(ConfigKey.WEIGHT_DECAY));
    }

    @Test
    void refinementAddsValuesInOrder() {
        GridManifest g = sample();
        Cell mid = Cell.of(23, "grokking", Overrides.parse(List.of("seed=1", "weight_decay=0.25", "frac_train=0.5")));
        GridManifest more = g.plus(List.of(mid));
        assertEquals(List.of(0.0, 1e-05, 0.25, 0.5), more.axes().get(ConfigKey.WEIGHT_DECAY));
        assertEquals(7, more.runs().size());
    }

    @Test
    void refusesBadIds() {
        assertThrows(IllegalArgumentException.class, () -> GridManifest.checkId("../x"));
        assertThrows(IllegalArgumentException.class, () -> GridManifest.checkId("A"));
        assertEquals("wd-sweep.1", GridManifest.checkId("wd-sweep.1"));
    }
}
