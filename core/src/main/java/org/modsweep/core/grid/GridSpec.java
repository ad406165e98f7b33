package org.modsweep.core.grid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.modsweep.core.Cell;
import org.modsweep.core.Errors;
import org.modsweep.core.Modulus;
import org.modsweep.core.config.ConfigKey;
import org.modsweep.core.config.Overrides;
import org.modsweep.core.config.RunConfig;
import org.modsweep.core.config.StudyConfigs;

/**
 * A grid of runs (grids.md §1): axes over configuration keys, whose product with the moduli and base configurations
 * is the grid's runs. Written {@code seed=1..5;weight_decay=0,0.25,0.5,1,2;frac_train=0.3..0.9:0.1} ({@code --grid};
 * the value syntax is {@link AxisValues}'s) or as a YAML or JSON file mapping each key to such a string or to a list
 * of values ({@code --grid-file}). Axes keep the order written; the last varies fastest.
 */
public final class GridSpec {

    /** Runs a grid may have without {@code --yes}. */
    public static final int DEFAULT_LIMIT = 10_000;

    private final Map<ConfigKey, List<Object>> axes;

    private GridSpec(Map<ConfigKey, List<Object>> axes) {
        this.axes = Collections.unmodifiableMap(axes);
    }

    /** Parses {@code --grid}; an empty grid, an unknown key, a repeated key or an invalid value throws one line. */
    public static GridSpec parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(
                    "the grid is empty: give axes such as --grid 'seed=1..3;weight_decay=0,1'");
        }
        Map<ConfigKey, List<Object>> axes = new LinkedHashMap<>();
        for (String raw : text.split(";")) {
            String axis = raw.trim();
            if (axis.isEmpty()) {
                continue;
            }
            int eq = axis.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("grid axis '" + axis + "': expected KEY=VALUES, e.g. seed=1..5");
            }
            add(axes, ConfigKey.of(axis.substring(0, eq)), axis.substring(eq + 1));
        }
        return of(axes);
    }

    /** Reads {@code --grid-file}: JSON when the name ends in .json, YAML otherwise (a mapping of key to values). */
    public static GridSpec read(Path file) {
        JsonNode root;
        try {
            ObjectMapper mapper = file.toString().endsWith(".json") ? new ObjectMapper() : new YAMLMapper();
            root = mapper.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalArgumentException("grid file " + file + ": " + Errors.firstLine(e));
        }
        if (root == null || root.isMissingNode() || root.isNull() || (root.isObject() && root.isEmpty())) {
            throw new IllegalArgumentException("grid file " + file + " is empty: map each key to its values");
        }
        if (!root.isObject()) {
            throw new IllegalArgumentException(
                    "grid file " + file + ": expected a mapping of key to values, e.g. " + "seed: 1..5");
        }
        Map<ConfigKey, List<Object>> axes = new LinkedHashMap<>();
        for (var it = root.fields(); it.hasNext(); ) {
            var e = it.next();
            JsonNode v = e.getValue();
            List<String> items = new ArrayList<>();
            if (v.isArray()) {
                v.forEach(x -> items.add(scalar(file, e.getKey(), x)));
            } else {
                items.add(scalar(file, e.getKey(), v));
            }
            add(axes, ConfigKey.of(e.getKey()), String.join(",", items));
        }
        return of(axes);
    }

    private static String scalar(Path file, String key, JsonNode v) {
        if (!v.isValueNode() || v.isNull()) {
            throw new IllegalArgumentException(
                    "grid file " + file + ": " + key + " must be a value, a range string " + "or a list of values");
        }
        return v.asText();
    }

    private static void add(Map<ConfigKey, List<Object>> axes, ConfigKey key, String values) {
        if (axes.containsKey(key)) {
            throw new IllegalArgumentException("grid axis " + key + " is given twice");
        }
        axes.put(key, AxisValues.parse(key, values));
    }

    private static GridSpec of(Map<ConfigKey, List<Object>> axes) {
        if (axes.isEmpty()) {
            throw new IllegalArgumentException(
                    "the grid is empty: give axes such as --grid 'seed=1..3;weight_decay=0,1'");
        }
        return new GridSpec(axes);
    }

    /** The axes in the order written, each with its values (canonical, as {@link ConfigKey#parse} gives them). */
    public Map<ConfigKey, List<Object>> axes() {
        return axes;
    }

    /** The overrides of every grid point, in order (the last axis fastest). */
    public List<Overrides> points() {
        List<Overrides> out = new ArrayList<>();
        List<ConfigKey> keys = new ArrayList<>(axes.keySet());
        int[] at = new int[keys.size()];
        while (true) {
            Map<ConfigKey, Object> point = new EnumMap<>(ConfigKey.class);
            for (int i = 0; i < keys.size(); i++) {
                point.put(keys.get(i), axes.get(keys.get(i)).get(at[i]));
            }
            out.add(Overrides.of(point));
            int i = keys.size() - 1;
            while (i >= 0 && ++at[i] == axes.get(keys.get(i)).size()) {
                at[i--] = 0;
            }
            if (i < 0) {
                return out;
            }
        }
    }

    /** Number of grid points (before crossing with p and configurations). */
    public long size() {
        long n = 1;
        for (List<Object> v : axes.values()) {
            n *= v.size();
        }
        return n;
    }

    /**
     * The runs: every modulus × every base configuration that applies to it (the grokking base needs p ≥ 19, as in
     * a study sweep) × every grid point, in that order; identical runs once. A point invalid at some p (a training
     * fraction leaving no pair) throws naming it. More than {@code limit} runs without {@code yes} throws too, before
     * anything is built.
     */
    public List<Cell> runs(List<Modulus> moduli, List<RunConfig> configs, int limit, boolean yes) {
        long bound = size() * moduli.size() * configs.size();
        if (bound > limit && !yes) {
            long exact = 0;
            for (Modulus p : moduli) {
                exact += configs.stream()
                                .filter(c -> StudyConfigs.appliesTo(c, p))
                                .count()
                        * size();
            }
            if (exact > limit) {
                throw new IllegalArgumentException("the grid has " + exact + " runs, more than the limit of " + limit
                        + "; add --yes to run them all");
            }
        }
        List<Overrides> points = points();
        Set<Cell> runs = new LinkedHashSet<>();
        for (Modulus p : moduli) {
            for (RunConfig c : configs) {
                if (!StudyConfigs.appliesTo(c, p)) {
                    continue;
                }
                for (Overrides o : points) {
                    try {
                        runs.add(new Cell(p, c.with(o)));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(
                                "grid point " + o + " at p=" + p.p() + ", " + c.key() + ": " + e.getMessage());
                    }
                }
            }
        }
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("the grid has no runs: no configuration applies to the moduli given");
        }
        return List.copyOf(runs);
    }

    /** {@code seed=1,2,3;weight_decay=0.0,0.5}: every value spelled out, canonical. */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        axes.forEach((k, vs) -> parts.add(
                k.key() + "=" + String.join(",", vs.stream().map(k::format).toList())));
        return String.join(";", parts);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GridSpec g
                && axes.equals(g.axes)
                && List.copyOf(axes.keySet()).equals(List.copyOf(g.axes.keySet()));
    }

    @Override
    public int hashCode() {
        return axes.hashCode();
    }
}
