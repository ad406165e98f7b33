package org.modsweep.analysis.grids;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.modsweep.core.config.ConfigKey;
import org.modsweep.core.grid.GridManifest;

/**
 * The figures of a grid that span runs: a phase diagram per pair of swept numeric axes and per combination of the
 * other axes' values ({@code phase_<x>_<y>[__<key><value>...].png}; a suffix part only for what varies), and the
 * delay curves per swept numeric axis ({@code delay_<axis>.png}).
 */
final class GridFigures {

    private GridFigures() {}

    static void phaseDiagrams(GridManifest grid, List<GridRun> runs, Output out) throws IOException {
        List<ConfigKey> axes = GridSlices.sweptNumeric(grid);
        for (int i = 0; i < axes.size(); i++) {
            for (int j = i + 1; j < axes.size(); j++) {
                ConfigKey x = axes.get(i);
                ConfigKey y = axes.get(j);
                Map<GridSlices.Context, List<GridRun>> slices = GridSlices.byContext(runs, Set.of(x, y));
                GridSlices.Varying varying = GridSlices.Varying.of(slices.keySet());
                for (Map.Entry<GridSlices.Context, List<GridRun>> e : slices.entrySet()) {
                    String label = e.getKey().label(varying);
                    String title = "Phases: " + grid.id() + (label.isEmpty() ? "" : " (" + label + ")");
                    out.bytes(
                            "phase_" + x.key() + "_" + y.key() + e.getKey().suffix(varying) + ".png",
                            PhaseDiagramFigure.of(
                                            x,
                                            ascending(grid.axes().get(x)),
                                            y,
                                            ascending(grid.axes().get(y)),
                                            GridPoint.of(e.getValue()),
                                            title)
                                    .png());
                }
            }
        }
    }

    static void delayCurves(GridManifest grid, PhaseThresholds t, List<GridRun> runs, Output out) throws IOException {
        if (runs.isEmpty()) {
            return;
        }
        for (ConfigKey axis : GridSlices.sweptNumeric(grid)) {
            out.bytes(
                    "delay_" + axis.key() + ".png",
                    DelayCurveFigure.of(axis, GridSlices.byContext(runs, Set.of(axis)), t)
                            .png());
        }
    }

    private static List<Object> ascending(List<Object> values) {
        List<Object> out = new ArrayList<>(values);
        out.sort((a, b) -> Double.compare(((Number) a).doubleValue(), ((Number) b).doubleValue()));
        return out;
    }
}
