package org.modsweep.analysis.verify;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.modsweep.analysis.grids.GridReport;
import org.modsweep.analysis.grids.StoredOutcomes;
import org.modsweep.analysis.report.ResultFiles;
import org.modsweep.core.Cell;
import org.modsweep.core.Errors;
import org.modsweep.core.Json;
import org.modsweep.core.grid.GridManifest;
import org.modsweep.core.store.ResultsStore;

/**
 * The verify step for the grids of a store: for every {@code results/grids/<id>/} with a grid.json, the reduce's
 * JSON files exist, parse and have their keys, every committed run of the grid appears in phases.json, each run of
 * progress.json has its figure, and every figure decodes and is not blank.
 */
public final class GridVerifier {

    /** The files every reduced grid has, with their required top-level keys. */
    static final Map<String, List<String>> FILES = new LinkedHashMap<>();

    static {
        FILES.put("phases.json", List.of("grid", "axes", "thresholds", "runs", "points", "missing"));
        FILES.put("seeds.json", List.of("grid", "points"));
        FILES.put("critical.json", List.of("grid", "thresholds", "critical"));
        FILES.put("progress.json", List.of("grid", "key_share", "runs"));
    }

    private GridVerifier() {}

    /** The problems of each grid, by grid id in ascending order (an empty list: the grid is sound). */
    public static Map<String, List<String>> verify(ResultsStore store) throws IOException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String id : GridManifest.list(store)) {
            out.put(id, verify(store, id));
        }
        return out;
    }

    /** The problems of one grid, one line each. */
    public static List<String> verify(ResultsStore store, String id) {
        List<String> problems = new ArrayList<>();
        GridManifest grid;
        try {
            grid = GridManifest.read(store, id);
        } catch (IOException | RuntimeException e) {
            problems.add(GridManifest.FILE + ": " + Errors.firstLine(e));
            return problems;
        }
        Path dir = GridManifest.dir(store, id);
        Map<String, JsonNode> parsed = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> f : FILES.entrySet()) {
            JsonNode n = json(store, new Path(dir, f.getKey()), f.getValue(), problems);
            if (n != null) {
                parsed.put(f.getKey(), n);
            }
        }
        JsonNode phases = parsed.get("phases.json");
        if (phases != null) {
            checkRuns(store, grid, phases, problems);
        }
        JsonNode progress = parsed.get("progress.json");
        Set<String> figures = new HashSet<>();
        if (phases != null && phases.path("runs").size() > 0) {
            figures.addAll(GridReport.delayFigures(grid));
        }
        if (progress != null) {
            for (JsonNode r : progress.path("runs")) {
                figures.add("progress_" + r.path("id").asText() + ".png");
            }
        }
        checkFigures(store, dir, figures, problems);
        return problems;
    }

    private static JsonNode json(ResultsStore store, Path file, List<String> keys, List<String> problems) {
        String name = file.getName();
        try {
            if (!ResultFiles.exists(store, file)) {
                problems.add(name + ": missing (run 'modsweep analyze --grid')");
                return null;
            }
            byte[] bytes = ResultFiles.read(store, file);
            String problem = ResultsVerifier.checkJson(bytes, keys);
            if (problem != null) {
                problems.add(name + ": " + problem);
                return null;
            }
            return Json.MAPPER.readTree(bytes);
        } catch (IOException | RuntimeException e) {
            problems.add(name + ": " + Errors.firstLine(e));
            return null;
        }
    }

    /** Every committed run of the manifest is in phases.json's runs. */
    private static void checkRuns(ResultsStore store, GridManifest grid, JsonNode phases, List<String> problems) {
        Set<String> listed = new HashSet<>();
        phases.path("runs").forEach(r -> listed.add(r.path("id").asText()));
        for (Cell c : grid.runs()) {
            try {
                if (!listed.contains(c.id()) && StoredOutcomes.isCommitted(store, c)) {
                    problems.add("phases.json: committed run " + c.id() + " is not in it (re-run 'modsweep analyze "
                            + "--grid " + grid.id() + "')");
                }
            } catch (IOException e) {
                problems.add(c.id() + ": " + Errors.firstLine(e));
            }
        }
    }

    /** The expected figures exist; every figure of the reduce's in the folder decodes and is not blank. */
    private static void checkFigures(ResultsStore store, Path dir, Set<String> expected, List<String> problems) {
        try {
            Set<String> present = new HashSet<>();
            for (FileStatus st : ResultFiles.fs(store).listStatus(dir)) {
                String name = st.getPath().getName();
                if (!name.endsWith(".png") || !GridReport.isFigure(name)) {
                    continue;
                }
                present.add(name);
                String problem = ResultsVerifier.checkPng(ResultFiles.read(store, st.getPath()));
                if (problem != null) {
                    problems.add(name + ": " + problem);
                }
            }
            expected.stream().filter(f -> !present.contains(f)).sorted().forEach(f -> problems.add(f + ": missing"));
        } catch (IOException | RuntimeException e) {
            problems.add(dir.getName() + ": " + Errors.firstLine(e));
        }
    }
}
