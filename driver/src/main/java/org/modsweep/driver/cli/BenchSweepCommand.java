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
import org.modsweep.driver.CellResult;
import org.modsweep.driver.Sweep;
import org.modsweep.driver.SweepListener;
import org.modsweep.driver.SweepRequest;
import org.modsweep.driver.SweepResult;
import org.modsweep.driver.plan.LanePacking;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code modsweep bench sweep}: the same study trained on each master in turn (default local[1], then local[2]),
 * each into a fresh store, reporting wall times, the speed-up, and the orchestration overhead
 * = sweep wall time ÷ (sum of the tasks' training times ÷ slots). A tiny warm-up sweep first loads Spark's and
 * the engine's classes and native library, so the first master measured is not charged for them. With
 * {@code --lanes 1,16} the variants are lane counts on the first master instead; {@code --seeds N} trains every cell
 * N times (seeds 1..N: same-shape runs for lanes); {@code --repeat R} measures the variants alternately R times
 * (A B A B …, the only fair comparison on a shared machine) and compares their medians.
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

    @Option(
            names = "--lanes",
            paramLabel = "LIST",
            split = ",",
            defaultValue = "1",
            description = "Lane counts (sweep --lanes): one for every variant, or several to compare them on the"
                    + " first master (default: ${DEFAULT-VALUE}).")
    List<String> lanes;

    @Option(
            names = "--seeds",
            paramLabel = "N",
            defaultValue = "1",
            description = "Train every cell N times with seeds 1..N (same-shape runs for --lanes; the training stage"
                    + " only, as sweep --no-reduce). Default: ${DEFAULT-VALUE}: the study's cells.")
    int seeds;

    @Option(
            names = "--repeat",
            paramLabel = "R",
            defaultValue = "1",
            description = "Measure the variants alternately R times and compare medians (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Option(
            names = "--reduce",
            description = "Include the reduce stage (per-p reports and the summary), as a plain sweep does.")
    boolean reduce;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        CliBounds.epochs(epochs);
        if (seeds < 1 || repeat < 1) {
            throw new IllegalArgumentException("--seeds and --repeat must be >= 1");
        }
        if (seeds > 1 && reduce) {
            throw new IllegalArgumentException(
                    "--reduce needs the study's cells (--seeds 1): reports are per study run");
        }
        variants(); // a bad --lanes value fails here, before anything runs
        Path root = storeRoot != null ? storeRoot : Files.createTempDirectory("modsweep-bench-sweep-");
        Map<String, String> props = SparkConfOptions.check(conf);
        props.putIfAbsent("spark.ui.enabled", "false");
        SweepRequest base = new SweepRequest(
                ModulusList.parse(moduli), StudyConfigs.parse(configs), root.toString(), null, epochs, props, false);
        out.printf(
                "bench sweep: p=%s, configs %s, epochs %s; %d cores, Java %s%n",
                moduli,
                configs,
                (epochs == null ? "the study's" : "capped at " + epochs)
                        + (seeds > 1 ? ", " + seeds + " seeds per cell" : "")
                        + (reduce ? ", with the reduce stage" : ", training only"),
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
        List<Variant> variants = variants();
        List<Measured> runs = new ArrayList<>();
        for (int r = 0; r < repeat; r++) {
            for (int i = 0; i < variants.size(); i++) {
                Variant v = variants.get(i);
                Path store =
                        root.resolve("store-" + r + "-" + i + "-" + v.label().replaceAll("[^A-Za-z0-9]+", "_"));
                if (Files.exists(store)) {
                    throw new IllegalArgumentException("store " + store + " exists: give an empty --store-root");
                }
                out.printf("%n== %s -> %s (load average %s)%n", v.label(), store, loadAverage());
                out.flush();
                Measured m = measure(base.withMaster(v.master()).withStore(store.toString()), v, i, listener(out));
                runs.add(m);
                out.printf("   %d runs in %.1f s%n", m.trained(), m.seconds());
            }
        }
        out.println();
        out.println(table(runs));
        for (int i = 0; i < variants.size(); i++) {
            out.printf("median %s: %.1f s%n", variants.get(i).label(), median(runs, i));
        }
        if (variants.size() >= 2) {
            out.printf(
                    "speed-up %s vs %s (medians): %.2fx (goals: local[2] vs local[1] >= 1.8x; --lanes 16 vs 1 >= 3x"
                            + " at p=11, >= 1.5x at p=23)%n",
                    variants.get(1).label(), variants.get(0).label(), median(runs, 0) / median(runs, 1));
        }
        out.println("load average after: " + loadAverage());
        out.flush();
        return 0;
    }

    /** One thing compared: a master and a lane packing. */
    record Variant(String master, LanePacking packing, String label) {}

    /** One measurement of a variant. */
    record Measured(int variant, String label, int slots, int trained, double seconds, double taskSeconds) {}

    private List<Variant> variants() {
        List<Variant> out = new ArrayList<>();
        if (lanes.size() > 1) {
            String master = masters.get(0).trim();
            for (String l : lanes) {
                out.add(new Variant(master, LanePacking.parse(l), master + " --lanes " + l.trim()));
            }
        } else {
            LanePacking packing = LanePacking.parse(lanes.get(0));
            for (String m : masters) {
                out.add(new Variant(m.trim(), packing, m.trim() + (packing.solo() ? "" : " --lanes " + packing)));
            }
        }
        return out;
    }

    private Measured measure(SweepRequest req, Variant v, int index, SweepListener listener) throws Exception {
        if (seeds > 1) {
            SeedRunsBench.Timed t = SeedRunsBench.train(req, SeedRunsBench.runs(req, seeds), v.packing(), listener);
            if (t.results().stream().anyMatch(CellResult::failed)) {
                throw new IllegalStateException(v.label() + " failed: " + t.results());
            }
            // a lane's run.json holds its batch's wall time: count each batch once
            double task = v.packing().solo()
                    ? t.results().stream().mapToDouble(CellResult::seconds).sum()
                    : Double.NaN;
            return new Measured(index, v.label(), t.slots(), t.results().size(), t.seconds(), task);
        }
        SweepResult r = new Sweep().lanes(v.packing()).run(req.withReduce(reduce), listener);
        if (!r.ok()) {
            throw new IllegalStateException("sweep " + v.label() + " failed: " + r.failed());
        }
        double task = v.packing().solo() ? r.sumTrainingSeconds() : Double.NaN; // as above
        return new Measured(index, v.label(), r.slots(), r.trained().size(), r.totalSeconds(), task);
    }

    private static SweepListener listener(PrintWriter out) {
        return new SweepListener() {
            @Override
            public void onLine(String line) {
                if (line.contains("FAILED") || line.startsWith("attempt")) {
                    out.println("  " + line);
                    out.flush();
                }
            }
        };
    }

    private static double median(List<Measured> runs, int variant) {
        double[] s = runs.stream()
                .filter(m -> m.variant() == variant)
                .mapToDouble(Measured::seconds)
                .sorted()
                .toArray();
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "n/a";
        }
    }

    /** Sweep wall time ÷ (sum of the tasks' training times ÷ slots): 1.0 means Spark added nothing. */
    public static double overhead(SweepResult r) {
        return overhead(r.totalSeconds(), r.sumTrainingSeconds(), r.slots());
    }

    static double overhead(double seconds, double taskSeconds, int slots) {
        double ideal = taskSeconds / Math.max(1, slots);
        return ideal == 0 ? Double.NaN : seconds / ideal;
    }

    static String table(List<Measured> runs) {
        StringBuilder s = new StringBuilder();
        s.append(String.format("| variant | slots | runs | wall s | sum of task training s | overhead |%n"
                + "|---|---|---|---|---|---|%n"));
        for (Measured m : runs) {
            s.append(String.format(
                    "| %s | %d | %d | %.1f | %.1f | %.3f |%n",
                    m.label(),
                    m.slots(),
                    m.trained(),
                    m.seconds(),
                    m.taskSeconds(),
                    overhead(m.seconds(), m.taskSeconds(), m.slots())));
        }
        return s.toString();
    }
}
