package org.modsweep.driver.grid;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.modsweep.analysis.grids.Phase;
import org.modsweep.analysis.grids.PhaseCounts;
import org.modsweep.analysis.grids.Refinement;
import org.modsweep.analysis.grids.StoredOutcomes;
import org.modsweep.core.Cell;
import org.modsweep.core.Errors;
import org.modsweep.core.Modulus;
import org.modsweep.core.config.ConfigKey;
import org.modsweep.core.config.Overrides;
import org.modsweep.core.config.StudyConfigs;
import org.modsweep.core.grid.GridManifest;
import org.modsweep.core.store.ResultsStore;

/**
 * Refinement rounds of a grid sweep (grids.md §6) on the driver: each round classifies the grid's committed runs,
 * takes every grid point's majority phase over its seeds, asks {@link Refinement} for the midpoints between
 * neighbours whose phases differ (per modulus and configuration), and turns as many of them as the budget leaves
 * into runs, one per seed of the grid. The grown manifest is written before the new runs train, so a sweep stopped
 * mid-round resumes them.
 */
public final class GridRefinement {

    private static final Logger LOG = LogManager.getLogger(GridRefinement.class);

    private final ResultsStore store;
    private final GridSweep grid;
    private GridManifest manifest;
    private int budget;

    /**
     * Refinement of {@code manifest}, the grid as resumed from the store. Its points beyond those of the grid as
     * requested ({@code grid.manifest()}) were added by earlier refinement and count against the budget, so the same
     * command run again adds nothing more once its N points are in.
     */
    public GridRefinement(ResultsStore store, GridSweep grid, GridManifest manifest) {
        this.store = store;
        this.grid = grid;
        this.manifest = manifest;
        Set<Group> earlier = points(manifest);
        earlier.removeAll(points(grid.manifest()));
        this.budget = Math.max(0, grid.refine() - earlier.size());
    }

    /** The manifest with every round's runs so far. */
    public GridManifest manifest() {
        return manifest;
    }

    /** Grid points the budget still allows. */
    public int budgetLeft() {
        return budget;
    }

    /**
     * The runs of the next round, already in the written manifest; empty when no neighbours disagree, no midpoint
     * fits or the budget is spent.
     */
    public List<Cell> nextRound() throws IOException {
        if (budget <= 0) {
            return List.of();
        }
        List<ConfigKey> axes = new ArrayList<>(manifest.axes().keySet());
        axes.remove(ConfigKey.SEED);
        if (axes.isEmpty()) {
            return List.of(); // a grid of seeds only has no neighbours
        }
        Map<Group, Map<Map<ConfigKey, Object>, List<Phase>>> phases = classify(axes);
        Set<Group> existing = points(manifest);
        Set<Group> known = new LinkedHashSet<>();
        List<Cell> added = new ArrayList<>();
        for (Map.Entry<Group, Map<Map<ConfigKey, Object>, List<Phase>>> e : phases.entrySet()) {
            Map<Map<ConfigKey, Object>, Phase> majority = new LinkedHashMap<>();
            e.getValue()
                    .forEach((point, ps) ->
                            majority.put(point, PhaseCounts.of(ps).majority()));
            for (Map<ConfigKey, Object> point : Refinement.midpoints(majority, axes)) {
                if (budget <= 0) {
                    break;
                }
                Group g = new Group(e.getKey().p(), e.getKey().config(), point);
                if (existing.contains(g) || !known.add(g)) {
                    continue; // a point whose runs are all missing is still a point of the grid
                }
                List<Cell> runs = runsOf(e.getKey().p(), e.getKey().config(), point);
                if (!runs.isEmpty()) {
                    added.addAll(runs);
                    budget--;
                }
            }
        }
        if (!added.isEmpty()) {
            manifest = manifest.plus(added);
            StoredGrid.write(store, manifest);
        }
        return added;
    }

    /** The grid's committed runs, classified, by modulus and configuration, then by point. */
    private Map<Group, Map<Map<ConfigKey, Object>, List<Phase>>> classify(List<ConfigKey> axes) throws IOException {
        Map<Group, Map<Map<ConfigKey, Object>, List<Phase>>> out = new LinkedHashMap<>();
        for (Cell run : manifest.runs()) {
            if (!StoredOutcomes.isCommitted(store, run)) {
                continue; // failed or cancelled: its point counts the seeds that are committed
            }
            Phase phase;
            try {
                phase = StoredOutcomes.read(store, run, grid.thresholds()).phase();
            } catch (IOException | RuntimeException e) {
                LOG.warn("refinement leaves out {}: {}", run.id(), Errors.firstLine(e));
                continue;
            }
            out.computeIfAbsent(new Group(run.p(), run.config().key(), Map.of()), k -> new LinkedHashMap<>())
                    .computeIfAbsent(point(manifest, run, axes), k -> new ArrayList<>())
                    .add(phase);
        }
        return out;
    }

    /** The grid points (modulus, configuration, axis values but seed) of a manifest's runs. */
    private static Set<Group> points(GridManifest m) {
        List<ConfigKey> axes = new ArrayList<>(m.axes().keySet());
        axes.remove(ConfigKey.SEED);
        Set<Group> out = new LinkedHashSet<>();
        for (Cell run : m.runs()) {
            out.add(new Group(run.p(), run.config().key(), point(m, run, axes)));
        }
        return out;
    }

    private static Map<ConfigKey, Object> point(GridManifest m, Cell run, List<ConfigKey> axes) {
        Map<ConfigKey, Object> all = m.point(run);
        Map<ConfigKey, Object> out = new EnumMap<>(ConfigKey.class);
        axes.forEach(k -> out.put(k, all.get(k)));
        return out;
    }

    /** One run per seed of the grid at this point (the fixed overrides too); none when the point is invalid at p. */
    private List<Cell> runsOf(int p, String config, Map<ConfigKey, Object> point) {
        List<Object> seeds = manifest.axes().get(ConfigKey.SEED);
        List<Cell> out = new ArrayList<>();
        for (Object seed : seeds == null ? Collections.singletonList(null) : seeds) {
            Map<ConfigKey, Object> values = new EnumMap<>(point);
            if (seed != null) {
                values.put(ConfigKey.SEED, seed);
            }
            try {
                Overrides o = manifest.fixed().plus(Overrides.of(values));
                out.add(new Cell(Modulus.of(p), StudyConfigs.byKey(config).with(o)));
            } catch (IllegalArgumentException e) {
                LOG.info("refinement skips {} at p={}, {}: {}", point, p, config, e.getMessage());
                return List.of();
            }
        }
        return out;
    }

    /** A modulus and configuration, and a point of the grid's axes (empty for the group itself). */
    private record Group(int p, String config, Map<ConfigKey, Object> point) {}
}
