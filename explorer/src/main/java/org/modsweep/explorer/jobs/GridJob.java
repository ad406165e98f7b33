package org.modsweep.explorer.jobs;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.modsweep.core.Cell;
import org.modsweep.core.Modulus;
import org.modsweep.core.config.Overrides;
import org.modsweep.core.config.RunConfig;
import org.modsweep.core.config.StudyConfigs;
import org.modsweep.core.grid.GridManifest;
import org.modsweep.core.grid.GridSpec;
import org.modsweep.explorer.api.ApiException;

/**
 * A small grid trained on demand (issue 11): one modulus, one of the study's configurations as its base, the axes of
 * a {@code --grid} string, and an epoch budget. Bounded so that a click cannot start hours of work: at most
 * {@link #MAX_RUNS} runs of at most {@link #MAX_EPOCHS} epochs each; larger grids are {@code modsweep sweep --grid}'s.
 * Its id is the grid's folder under {@code results/grids/}, fixed here and handed to the sweep, so the page knows where
 * the results appear.
 *
 * @param id     the grid id ({@link GridManifest#defaultId} of what defines the grid)
 * @param p      the modulus
 * @param config the base configuration's key
 * @param grid   the axes as written, e.g. {@code seed=1..3;weight_decay=0.5,1}
 * @param epochs the epoch budget of every run (also the cap handed to the sweep)
 * @param runs   how many runs the grid has
 */
public record GridJob(
        @JsonProperty("id") String id,
        @JsonProperty("p") int p,
        @JsonProperty("config") String config,
        @JsonProperty("grid") String grid,
        @JsonProperty("epochs") int epochs,
        @JsonProperty("runs") int runs) {

    /** Runs a grid trained on demand may have. */
    public static final int MAX_RUNS = 32;
    /** Epochs of each run of a grid trained on demand (the study's grokking run has 40000). */
    public static final int MAX_EPOCHS = 5000;
    /** What the form proposes. */
    public static final int DEFAULT_EPOCHS = 2000;

    static final int MAX_GRID_TEXT = 2000;

    /**
     * Checks a request from the page ({@code p}, {@code config}, {@code grid}, optional {@code epochs}); every problem
     * is one line for the page. {@code explorerCap} (the explorer's {@code --epochs}) lowers the budget further.
     */
    public static GridJob of(Map<String, Object> request, Integer explorerCap) {
        Modulus p = TrainingRequest.modulus(request.get("p"));
        RunConfig base = config(request.get("config"), p);
        GridSpec spec = spec(request.get("grid"));
        int epochs = epochs(request.get("epochs"), explorerCap);
        long size = spec.size();
        if (size > MAX_RUNS) {
            throw ApiException.badRequest("Error: a grid trained on demand has at most " + MAX_RUNS
                    + " runs; this one has " + size + " (train larger grids with modsweep sweep --grid)");
        }
        List<Cell> runs;
        try {
            runs = spec.runs(List.of(p), List.of(base), MAX_RUNS, false);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("Error: " + e.getMessage());
        }
        String id = GridManifest.defaultId(List.of(p), List.of(base.key()), spec, Overrides.NONE, epochs);
        return new GridJob(id, p.p(), base.key(), spec.toString(), epochs, runs.size());
    }

    /** What is wrong with a grid job read back from the store, or null when it is what {@link #of} would give. */
    static String problem(GridJob g, int p, Integer epochCap) {
        try {
            Map<String, Object> req = new LinkedHashMap<>();
            req.put("p", g.p());
            req.put("config", g.config());
            req.put("grid", g.grid());
            req.put("epochs", g.epochs());
            GridJob again = of(req, null);
            if (!again.equals(g) || g.p() != p || epochCap == null || epochCap != g.epochs()) {
                return "its grid does not match its own definition";
            }
            return null;
        } catch (RuntimeException e) {
            return "its grid is not valid (" + e.getMessage() + ")";
        }
    }

    private static RunConfig config(Object raw, Modulus p) {
        if (!(raw instanceof String key) || !StudyConfigs.keys().contains(key)) {
            throw ApiException.badRequest("Error: choose a configuration: " + String.join(", ", StudyConfigs.keys()));
        }
        RunConfig c = StudyConfigs.byKey(key);
        if (!StudyConfigs.appliesTo(c, p)) {
            throw ApiException.badRequest(
                    "Error: configuration " + key + " needs p >= " + c.minP() + " (got p=" + p + ")");
        }
        return c;
    }

    private static GridSpec spec(Object raw) {
        if (!(raw instanceof String text) || text.isBlank()) {
            throw ApiException.badRequest("Error: enter the grid's axes, e.g. seed=1..3;weight_decay=0.5,1");
        }
        if (text.length() > MAX_GRID_TEXT) {
            throw ApiException.badRequest("Error: the grid text is longer than " + MAX_GRID_TEXT + " characters");
        }
        try {
            return GridSpec.parse(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("Error: " + e.getMessage());
        }
    }

    private static int epochs(Object raw, Integer explorerCap) {
        long e;
        if (raw == null || (raw instanceof String s && s.isBlank())) {
            e = DEFAULT_EPOCHS;
        } else if (raw instanceof Integer || raw instanceof Long || raw instanceof Short) {
            e = ((Number) raw).longValue();
        } else if (raw instanceof String s && s.trim().matches("\\d{1,9}")) {
            e = Long.parseLong(s.trim());
        } else {
            throw ApiException.badRequest("Error: epochs must be an integer 1.." + MAX_EPOCHS);
        }
        if (e < 1 || e > MAX_EPOCHS) {
            throw ApiException.badRequest(
                    "Error: epochs=" + e + " is outside 1.." + MAX_EPOCHS + " for a grid trained on demand");
        }
        return explorerCap == null ? (int) e : (int) Math.min(e, explorerCap);
    }

    /** What the page shows of the job. */
    Map<String, Object> view() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("config", config);
        m.put("grid", grid);
        m.put("epochs", epochs);
        m.put("runs", runs);
        return m;
    }
}
