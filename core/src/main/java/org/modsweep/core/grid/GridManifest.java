package org.modsweep.core.grid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.Path;
import org.modsweep.core.Cell;
import org.modsweep.core.Modulus;
import org.modsweep.core.config.ConfigKey;
import org.modsweep.core.config.Overrides;
import org.modsweep.core.store.ResultsStore;

/**
 * A grid as a sweep ran it, kept at {@code results/grids/<id>/grid.json}: the grid's id, its axes (each key with
 * every value any of its runs has, refinement's midpoints included, sorted for numeric keys), the overrides fixed
 * on every run ({@code --set}), the epoch cap, and its runs. The sweep writes it before training (so a resumed or
 * refined grid is the same grid) and the grid's reduce reads it; it is the only link between a grid and its runs.
 *
 * @param id     {@code [a-z0-9_.-]+}, at most 80 characters: the user's {@code --grid-name}, or {@link #defaultId}
 * @param axes   the swept keys in the order given, each with its values (canonical, as {@link ConfigKey#parse})
 * @param fixed  overrides on every run (--set)
 * @param epochs the epoch cap the sweep ran with, or null for each run's own budget
 * @param runs   every run of the grid, each with its full overrides (fixed ones and its axis values)
 */
public record GridManifest(
        String id, Map<ConfigKey, List<Object>> axes, Overrides fixed, Integer epochs, List<Cell> runs) {

    public static final String FILE = "grid.json";
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,79}");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public GridManifest {
        checkId(id);
        if (axes.isEmpty()) {
            throw new IllegalArgumentException("grid " + id + " has no axes");
        }
        Map<ConfigKey, List<Object>> copy = new LinkedHashMap<>();
        axes.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        axes = Collections.unmodifiableMap(copy);
        runs = List.copyOf(new LinkedHashSet<>(runs));
    }

    /** Throws one line unless {@code id} is a valid grid id (it becomes a folder name in the store). */
    public static String checkId(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("grid name '" + id + "': use 1-80 characters of a-z, 0-9, '_', '.', "
                    + "'-', starting with a letter or digit");
        }
        return id;
    }

    /**
     * The id a grid gets without {@code --grid-name}: its configurations and axis keys, then 8 hex digits of a hash
     * of what defines its runs (moduli, configurations, axes with their values, fixed overrides, epoch cap), so the
     * same command gives the same grid and a different one a different grid: {@code grokking-seed-weight_decay-1a2b3c4d}.
     */
    public static String defaultId(
            List<Modulus> moduli, List<String> configs, GridSpec spec, Overrides fixed, Integer epochs) {
        String text = "p=" + moduli.stream().map(Modulus::p).toList() + ";configs=" + configs + ";grid=" + spec
                + ";set=" + fixed + ";epochs=" + epochs;
        StringBuilder id = new StringBuilder(String.join("_", configs));
        for (ConfigKey k : spec.axes().keySet()) {
            id.append('-').append(k.key());
        }
        String readable = id.length() > 60 ? id.substring(0, 60) : id.toString();
        return readable + "-" + sha256(text).substring(0, 8);
    }

    /** The grid's folder, {@code results/grids/<id>}. */
    public static Path dir(ResultsStore store, String id) {
        return new Path(store.layout().resultsRoot(), "grids/" + checkId(id));
    }

    /** A run's value on every axis (its own value where the axis is not overridden, e.g. the base's seed 42). */
    public Map<ConfigKey, Object> point(Cell run) {
        Map<ConfigKey, Object> out = new EnumMap<>(ConfigKey.class);
        for (ConfigKey k : axes.keySet()) {
            Object v = k.get(run.config());
            out.put(k, v == null && k == ConfigKey.D_MLP ? run.dMlp() : v);
        }
        return out;
    }

    /** The same grid with more runs (refinement); each new run's axis values join its axes. */
    public GridManifest plus(List<Cell> more) {
        List<Cell> all = new ArrayList<>(runs);
        all.addAll(more);
        Map<ConfigKey, List<Object>> grown = new LinkedHashMap<>();
        for (Map.Entry<ConfigKey, List<Object>> e : axes.entrySet()) {
            Set<Object> values = new LinkedHashSet<>(e.getValue());
            for (Cell c : more) {
                Object v = e.getKey().get(c.config());
                values.add(v == null && e.getKey() == ConfigKey.D_MLP ? c.dMlp() : v);
            }
            List<Object> list = new ArrayList<>(values);
            if (e.getKey().numeric()) {
                list.sort((a, b) -> Double.compare(((Number) a).doubleValue(), ((Number) b).doubleValue()));
            }
            grown.put(e.getKey(), list);
        }
        return new GridManifest(id, grown, fixed, epochs, all);
    }

    public void write(ResultsStore store) throws IOException {
        store.writeString(new Path(dir(store, id), FILE), toJson());
    }

    /** Reads {@code results/grids/<id>/grid.json}; a missing or malformed file throws naming it. */
    public static GridManifest read(ResultsStore store, String id) throws IOException {
        Path file = new Path(dir(store, id), FILE);
        if (!store.fs().exists(file)) {
            throw new IOException("no grid '" + id + "' in " + store.uri() + " (no "
                    + store.layout().relative(file) + ")");
        }
        try {
            return fromJson(store.readString(file));
        } catch (RuntimeException e) {
            throw new IOException(store.layout().relative(file) + " is not a grid manifest: " + e.getMessage(), e);
        }
    }

    /** The ids of the grids the store holds (folders of {@code results/grids/} with a grid.json), sorted. */
    public static List<String> list(ResultsStore store) throws IOException {
        Path root = new Path(store.layout().resultsRoot(), "grids");
        List<String> out = new ArrayList<>();
        if (!store.fs().exists(root)) {
            return out;
        }
        for (var st : store.fs().listStatus(root)) {
            if (st.isDirectory() && store.fs().exists(new Path(st.getPath(), FILE))) {
                out.add(st.getPath().getName());
            }
        }
        out.sort(null);
        return out;
    }

    /**
     * JSON: {@code {"id", "axes": {key: [values]}, "set": {key: value}, "epochs", "runs": [{"id", "p", "config",
     * "set": {key: value}}]}}; values as the study writes them (numbers as numbers, names as strings).
     */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", id);
        ObjectNode ax = root.putObject("axes");
        axes.forEach((k, vs) -> {
            ArrayNode a = ax.putArray(k.key());
            vs.forEach(v -> a.add(JSON.valueToTree(jsonValue(k, v))));
        });
        root.set("set", overridesJson(fixed));
        if (epochs == null) {
            root.putNull("epochs");
        } else {
            root.put("epochs", epochs);
        }
        ArrayNode rs = root.putArray("runs");
        for (Cell c : runs) {
            ObjectNode r = rs.addObject();
            r.put("id", c.id());
            r.put("p", c.p());
            r.put("config", c.config().key());
            r.set("set", overridesJson(c.config().overrides()));
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static GridManifest fromJson(String text) throws IOException {
        JsonNode root = JSON.readTree(text);
        Map<ConfigKey, List<Object>> axes = new LinkedHashMap<>();
        root.path("axes").fields().forEachRemaining(e -> {
            ConfigKey k = ConfigKey.of(e.getKey());
            List<Object> vs = new ArrayList<>();
            e.getValue().forEach(v -> vs.add(k.parse(v.asText())));
            axes.put(k, vs);
        });
        List<Cell> runs = new ArrayList<>();
        for (JsonNode r : root.path("runs")) {
            Cell c = Cell.of(r.path("p").asInt(), r.path("config").asText(), overrides(r.path("set")));
            if (!c.id().equals(r.path("id").asText())) {
                throw new IllegalArgumentException(
                        "run " + r.path("id").asText() + " does not match its overrides (" + c.id() + ")");
            }
            runs.add(c);
        }
        JsonNode epochs = root.path("epochs");
        return new GridManifest(
                root.path("id").asText(),
                axes,
                overrides(root.path("set")),
                epochs.isNumber() ? epochs.asInt() : null,
                runs);
    }

    private static Object jsonValue(ConfigKey k, Object v) {
        return v instanceof Number ? v : k.format(v);
    }

    private static ObjectNode overridesJson(Overrides o) {
        ObjectNode n = JSON.createObjectNode();
        o.values().forEach((k, v) -> n.set(k.key(), JSON.valueToTree(jsonValue(k, v))));
        return n;
    }

    private static Overrides overrides(JsonNode set) {
        Map<ConfigKey, Object> m = new EnumMap<>(ConfigKey.class);
        set.fields().forEachRemaining(e -> {
            ConfigKey k = ConfigKey.of(e.getKey());
            m.put(k, k.parse(e.getValue().asText()));
        });
        return Overrides.of(m);
    }

    private static String sha256(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
