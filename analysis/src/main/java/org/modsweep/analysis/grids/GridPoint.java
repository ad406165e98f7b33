package org.modsweep.analysis.grids;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.modsweep.core.config.ConfigKey;

/**
 * A grid point (grids.md §3): a p, a base configuration and a value on every axis but {@code seed}, with the runs
 * (one per seed) that share them.
 *
 * @param values the axis values, seed excluded, in the grid's axis order
 */
public record GridPoint(int p, String config, Map<ConfigKey, Object> values, List<GridRun> runs) {

    /** The grid's committed runs grouped into points, in the order their first run appears. */
    public static List<GridPoint> of(List<GridRun> runs) {
        Map<List<Object>, GridPoint> points = new LinkedHashMap<>();
        for (GridRun r : runs) {
            Map<ConfigKey, Object> values = new LinkedHashMap<>(r.point());
            values.remove(ConfigKey.SEED);
            List<Object> key = new ArrayList<>();
            key.add(r.cell().p());
            key.add(r.cell().config().key());
            values.forEach((k, v) -> key.add(k.format(v)));
            points.computeIfAbsent(
                            key,
                            k -> new GridPoint(r.cell().p(), r.cell().config().key(), values, new ArrayList<>()))
                    .runs()
                    .add(r);
        }
        return List.copyOf(points.values());
    }

    public PhaseCounts phases() {
        return PhaseCounts.of(runs.stream().map(r -> r.outcome().phase()).toList());
    }

    /** The seeds of the point's runs, in run order. */
    public List<Long> seeds() {
        return runs.stream().map(r -> r.cell().config().seed()).toList();
    }
}
