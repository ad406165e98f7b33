package org.modsweep.driver.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.modsweep.analysis.grids.PhaseThresholds;
import org.modsweep.core.Cell;
import org.modsweep.core.Modulus;
import org.modsweep.core.config.ConfigKey;
import org.modsweep.core.config.Overrides;
import org.modsweep.core.config.RunConfig;
import org.modsweep.core.config.StudyConfigs;
import org.modsweep.core.grid.GridManifest;
import org.modsweep.core.grid.GridSpec;
import org.modsweep.driver.grid.GridSweep;
import picocli.CommandLine.Option;

/**
 * The sweep's run options (issue 11): {@code --set KEY=VALUE} overrides for every run, a grid of overrides from
 * {@code --grid} or {@code --grid-file}, {@code --yes} for grids over the size limit, the grid's name, refinement
 * and phase thresholds. A picocli mixin; the runs it gives are the product of the moduli, the configurations and the
 * grid's axes, with the --set values on every run.
 */
public final class GridOptions {

    @Option(
            names = "--set",
            paramLabel = "KEY=VALUE",
            description = "Override a key of every run's configuration (repeatable): seed (0 <= seed < 2^32), lr (> 0),"
                    + " weight_decay (>= 0), frac_train (0 < f <= 1), init_scale (> 0), d_mlp, num_epochs (>= 1),"
                    + " act_type (ReLU, Quad), optimizer (AdamW, SGD), init_type (random, single-freq).")
    List<String> set = new ArrayList<>();

    @Option(
            names = "--grid",
            paramLabel = "AXES",
            description = {
                "A grid of overrides: axes separated by ';', each KEY=VALUES; values are a comma list of "
                        + "values and ranges: 1..5 (integers), 0.3..0.9:0.1 (by a decimal step), 1e-3..1:log4 (log-spaced). "
                        + "Example: 'seed=1..5;weight_decay=0,0.25,0.5,1,2;frac_train=0.3..0.9:0.1'."
            })
    String grid;

    @Option(
            names = "--grid-file",
            paramLabel = "FILE",
            description = "The grid from a YAML file (JSON when it ends in .json) mapping each key to its values.")
    Path gridFile;

    @Option(
            names = "--yes",
            description = "Run a grid of more than " + GridSpec.DEFAULT_LIMIT + " runs (without it such a grid is"
                    + " refused).")
    boolean yes;

    @Option(
            names = "--grid-name",
            paramLabel = "NAME",
            description = "The grid's id, its folder results/grids/NAME/ (a-z, 0-9, '_', '.', '-'; default: its"
                    + " configurations and axis keys and a hash of the command's runs, so the same command resumes"
                    + " the same grid).")
    String gridName;

    @Option(
            names = "--refine",
            paramLabel = "N",
            defaultValue = "0",
            description = "After the grid trains, refinement rounds add up to N grid points in all, each the midpoint"
                    + " of two neighbouring points whose majority phases differ (geometric on lr, weight_decay,"
                    + " init_scale), with the grid's seeds (default: ${DEFAULT-VALUE}).")
    int refine;

    @Option(
            names = "--accuracy-threshold",
            paramLabel = "A",
            defaultValue = "0.95",
            description =
                    "Accuracy that counts as reached for the phases of a grid's runs (default: ${DEFAULT-VALUE}).")
    double accuracy;

    @Option(
            names = "--delay-threshold",
            paramLabel = "EPOCHS",
            defaultValue = "1000",
            description = "Smallest t_test - t_train, in epochs, that counts as grokking (default: ${DEFAULT-VALUE}).")
    int delay;

    /** Whether any run option was given (without them a sweep is the study's own runs). */
    public boolean given() {
        return !set.isEmpty() || grid != null || gridFile != null;
    }

    /** Whether a grid was given ({@code --grid} or {@code --grid-file}). */
    public boolean hasGrid() {
        return grid != null || gridFile != null;
    }

    /**
     * The runs for these moduli and configurations, checked before anything starts: a bad key or value, an empty
     * grid, both --grid and --grid-file, a key both set and swept, or too many runs without --yes throw one line.
     */
    public List<Cell> runs(List<Modulus> moduli, List<RunConfig> configs) {
        Overrides fixed = Overrides.parse(set);
        GridSpec spec = spec();
        if (spec == null) {
            checkGridOnly();
            List<Cell> out = new ArrayList<>();
            for (Modulus p : moduli) {
                for (RunConfig c : configs) {
                    if (StudyConfigs.appliesTo(c, p)) {
                        out.add(new Cell(p, c.with(fixed)));
                    }
                }
            }
            return out;
        }
        for (ConfigKey k : spec.axes().keySet()) {
            if (fixed.values().containsKey(k)) {
                throw new IllegalArgumentException(k + " is both set (--set) and a grid axis");
            }
        }
        List<RunConfig> bases = configs.stream().map(c -> c.with(fixed)).toList();
        return spec.runs(moduli, bases, GridSpec.DEFAULT_LIMIT, yes);
    }

    /**
     * The grid of these options, or null without --grid/--grid-file: its manifest (id from --grid-name or
     * {@link GridManifest#defaultId}), the refinement budget and the phase thresholds. Bad input throws one line.
     */
    public GridSweep gridSweep(List<Modulus> moduli, List<RunConfig> configs, Integer epochs) {
        PhaseThresholds thresholds = thresholds();
        List<Cell> runs = runs(moduli, configs);
        GridSpec spec = spec();
        if (spec == null) {
            return null;
        }
        Overrides fixed = Overrides.parse(set);
        String id = gridName != null
                ? GridManifest.checkId(gridName)
                : GridManifest.defaultId(
                        moduli, configs.stream().map(RunConfig::key).toList(), spec, fixed, epochs);
        return new GridSweep(new GridManifest(id, spec.axes(), fixed, epochs, runs), refine, thresholds);
    }

    /** The phase thresholds of grids.md §2 (checked: accuracy in (0, 1], delay >= 1 epoch). */
    public PhaseThresholds thresholds() {
        return new PhaseThresholds(accuracy, delay);
    }

    private GridSpec spec() {
        if (grid != null && gridFile != null) {
            throw new IllegalArgumentException("give --grid or --grid-file, not both");
        }
        return grid != null ? GridSpec.parse(grid) : gridFile != null ? GridSpec.read(gridFile) : null;
    }

    private void checkGridOnly() {
        if (gridName != null) {
            throw new IllegalArgumentException("--grid-name names a grid: give --grid or --grid-file too");
        }
        if (refine != 0) {
            throw new IllegalArgumentException("--refine refines a grid: give --grid or --grid-file too");
        }
    }
}
