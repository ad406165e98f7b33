package org.modsweep.analysis.grids;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.modsweep.core.config.ConfigKey;
import org.modsweep.core.grid.GridManifest;

/**
 * {@code critical.json} (grids.md §4): along each swept numeric axis, for every combination of the other axes (seed
 * aside), the value where the probability of generalising crosses 1/2 ({@link CriticalValue}).
 */
final class CriticalJson {

    static final String FILE = "critical.json";

    private CriticalJson() {}

    static ObjectNode of(GridManifest grid, PhaseThresholds t, List<GridRun> runs) {
        ObjectNode root = GridJson.object();
        root.put("grid", grid.id());
        root.set("thresholds", GridJson.thresholds(t));
        ArrayNode out = root.putArray("critical");
        for (ConfigKey axis : GridSlices.sweptNumeric(grid)) {
            for (Map.Entry<GridSlices.Context, List<GridRun>> e :
                    GridSlices.byContext(runs, Set.of(axis)).entrySet()) {
                List<GridRun> slice = e.getValue();
                boolean log = GridSlices.logScale(axis, slice);
                double[] x =
                        slice.stream().mapToDouble(r -> GridSlices.x(r, axis)).toArray();
                boolean[] y = new boolean[slice.size()];
                for (int i = 0; i < y.length; i++) {
                    y[i] = slice.get(i).outcome().generalised();
                }
                CriticalValue c = CriticalValue.fit(x, y, log);
                ObjectNode n = out.addObject();
                n.put("axis", axis.key());
                n.put("p", e.getKey().p());
                n.put("config", e.getKey().config());
                GridJson.putAll(n, e.getKey().values());
                n.put("status", c.status().equals("ok") ? "fit" : c.status());
                GridJson.putNullable(n, "value", c.value());
                GridJson.putNullable(n, "lo", c.low());
                GridJson.putNullable(n, "hi", c.high());
                n.put("log_axis", log);
                n.put("runs", slice.size());
            }
        }
        return root;
    }
}
