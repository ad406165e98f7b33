package org.modsweep.driver.plan;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.modsweep.core.Cell;
import org.modsweep.core.Modulus;
import org.modsweep.core.config.RunConfig;
import org.modsweep.core.config.StudyConfigs;
import org.modsweep.core.run.RunRecord;
import org.modsweep.core.store.ResultsStore;

/**
 * The sweep's grid, enumerated once on the driver: every (p, configuration) cell the study trains, which of them
 * the store already holds, and the rest in the order Spark should run them (largest first, so the long cells
 * start early and the short ones fill the gaps at the end).
 *
 * @param grid      every cell, p ascending then config order (stable ids)
 * @param committed cells whose committed run already covers the requested epochs (skipped: resume)
 * @param pending   cells to train, largest first
 * @param retrain   the pending cells that are committed with fewer epochs than requested (trained with force)
 * @param epochCap  the --epochs cap, or null
 */
public record SweepPlan(
        List<Cell> grid, List<Cell> committed, List<Cell> pending, Set<String> retrain, Integer epochCap) {

    public SweepPlan {
        grid = List.copyOf(grid);
        committed = List.copyOf(committed);
        pending = List.copyOf(pending);
        retrain = Set.copyOf(retrain);
    }

    /** Every cell of moduli × configs that the study trains (grokking only for p >= 19). */
    public static List<Cell> grid(List<Modulus> moduli, List<RunConfig> configs) {
        List<Cell> cells = new ArrayList<>();
        for (Modulus p : new TreeSet<>(moduli)) {
            for (RunConfig c : StudyConfigs.ALL) {
                if (configs.stream().anyMatch(k -> k.key().equals(c.key())) && StudyConfigs.appliesTo(c, p)) {
                    cells.add(new Cell(p, c));
                }
            }
        }
        if (cells.isEmpty()) {
            throw new IllegalArgumentException("no cells to train: configurations "
                    + configs.stream().map(RunConfig::key).toList() + " do not apply to p=" + moduli
                    + " (grokking needs p >= " + Modulus.MIN_P_GROKKING + ")");
        }
        return cells;
    }

    /** Reads which cells the store holds (one listing plus one run.json per committed cell) and orders the rest. */
    public static SweepPlan make(ResultsStore store, List<Modulus> moduli, List<RunConfig> configs, Integer epochCap)
            throws IOException {
        return make(store, grid(moduli, configs), epochCap);
    }

    /**
     * The plan for these runs (the study's, or runs with overrides): which the store holds with enough epochs, and
     * the rest largest first. Identical runs count once.
     */
    public static SweepPlan make(ResultsStore store, List<Cell> runs, Integer epochCap) throws IOException {
        List<Cell> grid = List.copyOf(new LinkedHashSet<>(runs));
        Set<String> inStore = new HashSet<>();
        for (Cell c : store.committedCells()) {
            inStore.add(c.id());
        }
        List<Cell> committed = new ArrayList<>();
        List<Cell> pending = new ArrayList<>();
        Set<String> retrain = new LinkedHashSet<>();
        for (Cell cell : grid) {
            RunRecord run = inStore.contains(cell.id()) ? store.readRun(cell) : committedRun(store, cell);
            if (run == null) {
                pending.add(cell);
            } else if (storedEpochs(run) >= plannedEpochs(cell, epochCap)) {
                committed.add(cell);
            } else {
                pending.add(cell); // a quick trial's run does not count as the study's run
                retrain.add(cell.id());
            }
        }
        pending.sort(largestFirst(epochCap));
        return new SweepPlan(grid, committed, pending, retrain, epochCap);
    }

    /**
     * The committed record of a run the store's listing did not name, or null: a run with overrides is looked up by
     * its own paths, so a run whose id the listing could not read back (a hashed id) still counts.
     */
    private static RunRecord committedRun(ResultsStore store, Cell cell) throws IOException {
        if (cell.isStudyRun()) {
            return null;
        }
        return store.isCommitted(cell) ? store.readRun(cell) : null;
    }

    /**
     * The cells of p that the store lacks for p's report, by id ({@code committed}: the store's committed cells).
     * A report draws on every configuration the study trains for p, so a sweep of some configurations only leaves
     * the report for later; empty means p is complete.
     */
    public static List<String> missingForReport(Modulus p, Collection<Cell> committed) {
        Set<String> ids = new HashSet<>();
        committed.forEach(c -> ids.add(c.id()));
        return StudyConfigs.forModulus(p).stream()
                .map(c -> new Cell(p, c).id())
                .filter(id -> !ids.contains(id))
                .toList();
    }

    /** Epochs this cell trains under the cap (the plateau stop of grokking may end it earlier). */
    public static int plannedEpochs(Cell cell, Integer epochCap) {
        return cell.config().withEpochCap(epochCap).numEpochs();
    }

    /** Work estimate under the cap, for ordering and ETAs: epochs × d_mlp × p². */
    public static double cost(Cell cell, Integer epochCap) {
        return new Cell(cell.modulus(), cell.config().withEpochCap(epochCap)).cost();
    }

    public static Comparator<Cell> largestFirst(Integer epochCap) {
        return Comparator.comparingDouble((Cell c) -> -cost(c, epochCap)).thenComparing(Cell::id);
    }

    private static int storedEpochs(RunRecord run) {
        Map<String, Object> config = run.config();
        Object n = config == null ? null : config.get("num_epochs");
        return n instanceof Number num ? num.intValue() : 0;
    }

    public double cost(Cell cell) {
        return cost(cell, epochCap);
    }

    public int plannedEpochs(Cell cell) {
        return plannedEpochs(cell, epochCap);
    }

    /** This plan and a later one for more runs (refinement): their runs, committed, pending and retrained. */
    public SweepPlan plus(SweepPlan more) {
        List<Cell> g = new ArrayList<>(grid);
        g.addAll(more.grid);
        List<Cell> c = new ArrayList<>(committed);
        c.addAll(more.committed);
        List<Cell> p = new ArrayList<>(pending);
        p.addAll(more.pending);
        Set<String> r = new LinkedHashSet<>(retrain);
        r.addAll(more.retrain);
        return new SweepPlan(g, c, p, r, epochCap);
    }

    /** Moduli of the grid, ascending. */
    public List<Modulus> moduli() {
        return grid.stream().map(Cell::modulus).distinct().sorted().toList();
    }

    /** The grid's cells of one modulus. */
    public List<Cell> cellsOf(Modulus p) {
        return grid.stream().filter(c -> c.modulus().equals(p)).toList();
    }

    /** One line for the console, e.g. {@code 47 cells (p = 3..23): 40 to train, 7 already committed}. */
    public String describe() {
        String ps = moduli().stream()
                .map(Modulus::toString)
                .reduce((a, b) -> a + "," + b)
                .orElse("");
        StringBuilder s = new StringBuilder();
        s.append(grid.size())
                .append(grid.size() == 1 ? " cell" : " cells")
                .append(" (p = ")
                .append(ps)
                .append("): ")
                .append(pending.size())
                .append(" to train");
        if (!committed.isEmpty()) {
            s.append(", ").append(committed.size()).append(" already committed (skipped)");
        }
        if (!retrain.isEmpty()) {
            s.append(", ").append(retrain.size()).append(" retrained for more epochs");
        }
        if (epochCap != null) {
            s.append("; epochs capped at ").append(epochCap);
        }
        return s.toString();
    }
}
