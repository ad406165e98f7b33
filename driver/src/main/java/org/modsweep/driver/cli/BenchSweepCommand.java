package org.modsweep.driver.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.modsweep.core.ModulusList;
import org.modsweep.core.cli.CliBounds;
import org.modsweep.core.config.StudyConfigs;
import org.modsweep.driver.Sweep;
import org.modsweep.driver.SweepListener;
import org.modsweep.driver.SweepRequest;
import org.modsweep.driver.SweepResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code modsweep bench sweep}: the same study trained on each master in turn (default local[1], then local[2]),
 * each into a fresh store, reporting wall times, the speed-up, and the orchestration overhead
 * = sweep wall time ÷ (sum of the tasks' training times ÷ slots). A tiny warm-up sweep first loads Spark's and
 * the engine's classes and native library, so the first master measured is not charged for them.
 */
@Command(
        name = "sweep",
        mixinStandardHelpOptions = true,
        description = {
            "Trains the study (default p = 3..23, every configuration, the study's epochs) once per"
                    + " master (default local[1] then local[2]) into fresh stores, and prints wall times, the speed-up"
                    + " (goal >= 1.8x on two slots) and the orchestration overhead (goal <= 1.05).",
            "The full study takes long on a CPU; --epochs N caps every training for a quick look."
        })
public final class BenchSweepCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--p",
            paramLabel = "MODULI",
            defaultValue = "3..23",
            description = "Odd moduli (default: ${DEFAULT-VALUE}).")
    String moduli;

    @Option(
            names = {"--configs", "--config"},
            paramLabel = "CONFIGS",
            defaultValue = "all",
            description = "Configurations (default: ${DEFAULT-VALUE}).")
    String configs;

    @Option(
            names = "--epochs",
            paramLabel = "N",
            description = "Cap every training at N epochs (default: the" + " study's).")
    Integer epochs;

    @Option(
            names = "--masters",
            paramLabel = "MASTER",
            split = ";",
            defaultValue = "local[1];local[2]",
            description = "Spark masters to compare, separated by ';' (default: ${DEFAULT-VALUE}); the first is"
                    + " the baseline of the speed-up.")
    List<String> masters;

    @Option(
            names = "--store-root",
            paramLabel = "DIR",
            description = "Directory for the fresh stores (default: a new temporary directory); must not hold"
                    + " earlier stores, or their cells would be skipped.")
    Path storeRoot;

    @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "A Spark property for every run, repeatable.")
    Map<String, String> conf;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        CliBounds.epochs(epochs);
        Path root = storeRoot != null ? storeRoot : Files.createTempDirectory("modsweep-bench-sweep-");
        Map<String, String> props = SparkConfOptions.check(conf);
        props.putIfAbsent("spark.ui.enabled", "false");
        SweepRequest base = new SweepRequest(
                ModulusList.parse(moduli), StudyConfigs.parse(configs), root.toString(), null, epochs, props, false);
        out.printf(
                "bench sweep: p=%s, configs %s, epochs %s; %d cores, Java %s%n",
                moduli,
                configs,
                epochs == null ? "the study's" : "capped at " + epochs,
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        // load Spark's and the engine's classes and native library once, outside every measurement
        SweepRequest warmup = new SweepRequest(
                ModulusList.parse("3"),
                StudyConfigs.parse("standard"),
                root.resolve("warm-up").toString(),
                "local[1]",
                5,
                props,
                false);
        new Sweep().run(warmup, SweepListener.NONE);
        List<SweepResult> results = new ArrayList<>();
        for (int i = 0; i < masters.size(); i++) {
            String master = masters.get(i).trim();
            Path store = root.resolve("store-" + i + "-" + master.replaceAll("[^A-Za-z0-9]+", "_"));
            if (Files.exists(store)) {
                throw new IllegalArgumentException("store " + store + " exists: give an empty --store-root");
            }
            out.printf("%n== %s -> %s%n", master, store);
            out.flush();
            SweepResult r = new Sweep().run(base.withMaster(master).withStore(store.toString()), new SweepListener() {
                @Override
                public void onLine(String line) {
                    if (line.contains("FAILED") || line.startsWith("attempt")) {
                        out.println("  " + line);
                        out.flush();
                    }
                }
            });
            if (!r.ok()) {
                throw new IllegalStateException("sweep on " + master + " failed: " + r.failed());
            }
            results.add(r);
            out.printf("   %d cells in %.1f s%n", r.trained().size(), r.totalSeconds());
        }
        out.println();
        out.println(table(results));
        if (results.size() >= 2) {
            double speedup = results.get(0).totalSeconds() / results.get(1).totalSeconds();
            out.printf(
                    "speed-up %s vs %s: %.2fx (goal >= 1.8x)%n",
                    results.get(1).master(), results.get(0).master(), speedup);
        }
        for (SweepResult r : results) {
            out.printf("orchestration overhead on %s: %.3f (goal <= 1.05)%n", r.master(), overhead(r));
        }
        out.flush();
        return 0;
    }

    /** Sweep wall time ÷ (sum of the tasks' training times ÷ slots): 1.0 means Spark added nothing. */
    public static double overhead(SweepResult r) {
        double ideal = r.sumTrainingSeconds() / Math.max(1, r.slots());
        return ideal == 0 ? Double.NaN : r.totalSeconds() / ideal;
    }

    static String table(List<SweepResult> results) {
        StringBuilder s = new StringBuilder();
        s.append(String.format("| master | slots | cells | sweep wall s | train stage s | sum of task training s |"
                + " overhead |%n|---|---|---|---|---|---|---|%n"));
        for (SweepResult r : results) {
            s.append(String.format(
                    "| %s | %d | %d | %.1f | %.1f | %.1f | %.3f |%n",
                    r.master(),
                    r.slots(),
                    r.trained().size(),
                    r.totalSeconds(),
                    r.trainSeconds(),
                    r.sumTrainingSeconds(),
                    overhead(r)));
        }
        return s.toString();
    }
}
