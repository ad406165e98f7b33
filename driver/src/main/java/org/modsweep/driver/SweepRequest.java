package org.modsweep.driver;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.modsweep.core.Cell;
import org.modsweep.core.Modulus;
import org.modsweep.core.ModulusList;
import org.modsweep.core.config.EpochCap;
import org.modsweep.core.config.RunConfig;
import org.modsweep.core.config.StudyConfigs;
import org.modsweep.driver.grid.GridSweep;
import org.modsweep.driver.plan.SweepPlan;

/**
 * What one sweep trains: the moduli × configurations (the study's runs, or the given runs with overrides), where
 * it stores the runs, and how Spark runs it.
 *
 * @param moduli    odd moduli, e.g. {@code ModulusList.parse("3..23")}
 * @param configs   configurations in config order ({@code StudyConfigs.parse("all")})
 * @param storeUri  a local directory or a Hadoop URI ({@code s3a://bucket/prefix})
 * @param master    Spark master; null means spark-submit's, else {@code local[*]}
 * @param epochCap  caps every training's epochs (quick trials); null means the study's epochs
 * @param sparkConf extra Spark properties ({@code spark.hadoop.*} reaches the Hadoop file systems)
 * @param reduce    whether to run the reduce stage (per-p reports, cross-p summary) after training
 * @param runs      the runs to train ({@code --set}, {@code --grid}); empty means the study's runs of moduli ×
 *                  configs
 * @param grid      the grid this sweep runs (its manifest, refinement budget and phase thresholds), or null
 */
public record SweepRequest(
        List<Modulus> moduli,
        List<RunConfig> configs,
        String storeUri,
        String master,
        Integer epochCap,
        Map<String, String> sparkConf,
        boolean reduce,
        List<Cell> runs,
        GridSweep grid) {

    /** The study's precomputed moduli: what {@code modsweep sweep} regenerates with no arguments. */
    public static final String STUDY_MODULI = "15,23,29,31";

    public static final String DEFAULT_STORE = "results";

    public SweepRequest {
        Objects.requireNonNull(moduli, "moduli");
        Objects.requireNonNull(configs, "configs");
        if (moduli.isEmpty()) {
            throw new IllegalArgumentException("no moduli given: use e.g. --p 23, --p 3..31 or --p 15,23,29");
        }
        if (configs.isEmpty()) {
            throw new IllegalArgumentException("no configurations given: use --configs all or e.g. standard,grokking");
        }
        if (storeUri == null || storeUri.isBlank()) {
            throw new IllegalArgumentException("no store given: use --store DIR or --store s3a://bucket/prefix");
        }
        EpochCap.check(epochCap);
        moduli = List.copyOf(moduli);
        configs = List.copyOf(configs);
        runs = runs == null ? List.of() : List.copyOf(runs);

        sparkConf = sparkConf == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(sparkConf));
    }

    /** The study's runs of moduli × configs. */
    public SweepRequest(
            List<Modulus> moduli,
            List<RunConfig> configs,
            String storeUri,
            String master,
            Integer epochCap,
            Map<String, String> sparkConf,
            boolean reduce) {
        this(moduli, configs, storeUri, master, epochCap, sparkConf, reduce, List.of(), null);
    }

    /** The API of the module contract: trains and then reduces. */
    public SweepRequest(
            List<Modulus> moduli,
            List<RunConfig> configs,
            String storeUri,
            String master,
            Integer epochCap,
            Map<String, String> sparkConf) {
        this(moduli, configs, storeUri, master, epochCap, sparkConf, true);
    }

    /** The study's defaults: p = 15, 23, 29, 31, every configuration, the study's epochs, into ./results. */
    public static SweepRequest study() {
        return new SweepRequest(ModulusList.parse(STUDY_MODULI), StudyConfigs.ALL, DEFAULT_STORE, null, null, Map.of());
    }

    /** The runs this sweep trains: the given ones, else every study run of moduli × configs. */
    public List<Cell> cells() {
        return runs.isEmpty() ? SweepPlan.grid(moduli, configs) : runs;
    }

    public SweepRequest withReduce(boolean r) {
        return new SweepRequest(moduli, configs, storeUri, master, epochCap, sparkConf, r, runs, grid);
    }

    public SweepRequest withMaster(String m) {
        return new SweepRequest(moduli, configs, storeUri, m, epochCap, sparkConf, reduce, runs, grid);
    }

    public SweepRequest withStore(String s) {
        return new SweepRequest(moduli, configs, s, master, epochCap, sparkConf, reduce, runs, grid);
    }

    /** These runs instead of the study's ({@code --set} without a grid). */
    public SweepRequest withRuns(List<Cell> r) {
        return new SweepRequest(moduli, configs, storeUri, master, epochCap, sparkConf, reduce, r, null);
    }

    /** A grid sweep: the grid's runs, its manifest written before training. */
    public SweepRequest withGrid(GridSweep g) {
        return new SweepRequest(
                moduli,
                configs,
                storeUri,
                master,
                epochCap,
                sparkConf,
                reduce,
                g.manifest().runs(),
                g);
    }
}
