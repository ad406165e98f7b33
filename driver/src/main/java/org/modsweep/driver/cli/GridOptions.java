package org.modsweep.driver.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.modsweep.core.Cell;
import org.modsweep.core.Modulus;
import org.modsweep.core.config.ConfigKey;
import org.modsweep.core.config.Overrides;
import org.modsweep.core.config.RunConfig;
import org.modsweep.core.config.StudyConfigs;
import org.modsweep.core.grid.GridSpec;
import picocli.CommandLine.Option;

/**
 * The sweep's run options (issue 11): {@code --set KEY=VALUE} overrides for every run, a grid of overrides from
 * {@code --grid} or {@code --grid-file}, and {@code --yes} for grids over the size limit. A picocli mixin; the runs
 * it gives are the product of the moduli, the configurations and the grid's axes, with the --set values on every run.
 */
public final class GridOptions {

    @Option(
            names = "--set",
            paramLabel = "KEY=VALUE",
            description = "Override a key of every run's configuration (repeatable): seed, lr, weight_decay, "
                    + "frac_train, init_scale, d_mlp, num_epochs, act_type, optimizer, init_type.")
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

    @Option(names = "--yes", description = "Run a grid of more than " + GridSpec.DEFAULT_LIMIT + " runs.")
    boolean yes;

    /** Whether any run option was given (without them a sweep is the study's own runs). */
    public boolean given() {
        return !set.isEmpty() || grid != null || gridFile != null;
    }

    /**
     * The runs for these moduli and configurations, checked before anything starts: a bad key or value, an empty
     * grid, both --grid and --grid-file, a key both set and swept, or too many runs without --yes throw one line.
     */
    public List<Cell> runs(List<Modulus> moduli, List<RunConfig> configs) {
        if (grid != null && gridFile != null) {
            throw new IllegalArgumentException("give --grid or --grid-file, not both");
        }
        Overrides fixed = Overrides.parse(set);
        GridSpec spec = grid != null ? GridSpec.parse(grid) : gridFile != null ? GridSpec.read(gridFile) : null;
        if (spec == null) {
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
}
