package org.modsweep.analysis.grids;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.modsweep.core.config.ConfigKey;
import org.modsweep.core.grid.GridManifest;

/**
 * Slices of a grid for the figures and fits of grids.md §4: the numeric axes it sweeps (seed aside), and its runs
 * grouped by everything except chosen axes and the seed (p, configuration and the remaining axes' values).
 */
final class GridSlices {

    private GridSlices() {}

    /** What a slice holds fixed: p, the base configuration and the other axes' values (seed excluded). */
    record Context(int p, String config, Map<ConfigKey, Object> values) {

        /** {@code key=value} pairs of the parts that vary between slices, for titles and legends. */
        String label(Varying varying) {
            List<String> parts = new ArrayList<>();
            if (varying.p()) {
                parts.add("p=" + p);
            }
            if (varying.config()) {
                parts.add("config=" + config);
            }
            values.forEach((k, v) -> {
                if (varying.keys().contains(k)) {
                    parts.add(k.key() + "=" + k.format(v));
                }
            });
            return String.join(", ", parts);
        }

        /** The file-name suffix of the varying parts: {@code __p23__configgrokking__weight_decay0.5}. */
        String suffix(Varying varying) {
            StringBuilder s = new StringBuilder();
            if (varying.p()) {
                s.append("__p").append(p);
            }
            if (varying.config()) {
                s.append("__config").append(config);
            }
            values.forEach((k, v) -> {
                if (varying.keys().contains(k)) {
                    s.append("__").append(k.key()).append(k.format(v));
                }
            });
            return s.toString();
        }
    }

    /** Which parts of the contexts differ between slices. */
    record Varying(boolean p, boolean config, Set<ConfigKey> keys) {

        static Varying of(java.util.Collection<Context> contexts) {
            Set<Integer> ps = new java.util.HashSet<>();
            Set<String> configs = new java.util.HashSet<>();
            Map<ConfigKey, Set<String>> values = new LinkedHashMap<>();
            for (Context c : contexts) {
                ps.add(c.p());
                configs.add(c.config());
                c.values().forEach((k, v) -> values.computeIfAbsent(k, x -> new java.util.HashSet<>())
                        .add(k.format(v)));
            }
            Set<ConfigKey> keys = java.util.EnumSet.noneOf(ConfigKey.class);
            values.forEach((k, vs) -> {
                if (vs.size() > 1) {
                    keys.add(k);
                }
            });
            return new Varying(ps.size() > 1, configs.size() > 1, keys);
        }
    }

    /** The numeric axes other than seed with at least two values: the axes of diagrams, curves and fits. */
    static List<ConfigKey> sweptNumeric(GridManifest grid) {
        List<ConfigKey> out = new ArrayList<>();
        grid.axes().forEach((k, vs) -> {
            if (k.numeric() && k != ConfigKey.SEED && vs.size() > 1) {
                out.add(k);
            }
        });
        return out;
    }

    /** The runs grouped by p, configuration and every axis but seed and {@code free}, in first-appearance order. */
    static Map<Context, List<GridRun>> byContext(List<GridRun> runs, Set<ConfigKey> free) {
        Map<Context, List<GridRun>> out = new LinkedHashMap<>();
        for (GridRun r : runs) {
            Map<ConfigKey, Object> values = new LinkedHashMap<>();
            r.point().forEach((k, v) -> {
                if (k != ConfigKey.SEED && !free.contains(k)) {
                    values.put(k, v);
                }
            });
            out.computeIfAbsent(new Context(r.cell().p(), r.cell().config().key(), values), c -> new ArrayList<>())
                    .add(r);
        }
        return out;
    }

    /** A numeric axis value as a double. */
    static double x(GridRun r, ConfigKey axis) {
        return ((Number) r.point().get(axis)).doubleValue();
    }

    /** Whether an axis is drawn and fitted on a log scale: a log-scale key whose values are all > 0. */
    static boolean logScale(ConfigKey axis, List<GridRun> runs) {
        return axis.logScale() && runs.stream().allMatch(r -> x(r, axis) > 0);
    }
}
