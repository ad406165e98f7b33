package org.modsweep.driver.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.modsweep.core.Cell;
import org.modsweep.core.Modulus;
import org.modsweep.core.ModulusList;
import org.modsweep.core.cli.CliBounds;
import org.modsweep.core.cli.StoreConfOptions;
import org.modsweep.core.config.RunConfig;
import org.modsweep.core.config.StudyConfigs;
import org.modsweep.core.store.StoreSettings;
import org.modsweep.driver.CellResult;
import org.modsweep.driver.Sweep;
import org.modsweep.driver.SweepRequest;
import org.modsweep.driver.SweepResult;
import org.modsweep.driver.grid.GridSweep;
import org.modsweep.driver.monitor.ConsoleProgress;
import org.modsweep.driver.monitor.SweepProgress;
import org.modsweep.driver.reduce.ReduceStage;
import org.modsweep.driver.spark.Masters;
import org.modsweep.worker.MemoryEstimate;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code modsweep sweep}: the main job. Trains the grid on Spark, resumes what is committed, reduces. */
@Command(
        name = "sweep",
        mixinStandardHelpOptions = true,
        description = {
            "Trains every (p, configuration) cell as one Spark task into a results store, skipping cells"
                    + " already committed there (resume = the same command), then writes each complete p's report and"
                    + " the store's summary.",
            "With no options: the study's moduli 15,23,29,31, every configuration, the study's epochs, into"
                    + " ./results, on the embedded Spark (local[*]).",
            "Research grids: --set overrides keys of every run, --grid/--grid-file sweep them (runs = p x configs x"
                    + " axes); the grid's manifest and results go to results/grids/NAME/, --refine adds points on phase"
                    + " boundaries, --plan prints the runs and an estimated wall time (docs/grids.md)."
        })
public final class SweepCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--p",
            paramLabel = "MODULI",
            defaultValue = SweepRequest.STUDY_MODULI,
            description = "Odd moduli: a list and/or ranges, e.g. 23, 3..31, 15,23,29,31 (default: ${DEFAULT-VALUE}).")
    String moduli;

    @Option(
            names = {"--configs", "--config"},
            paramLabel = "CONFIGS",
            defaultValue = "all",
            description = "Configurations: all, or a list of standard, grokking, quad_random, quad_single_freq,"
                    + " relu_single_freq (default: ${DEFAULT-VALUE}; grokking runs for p >= 19 only).")
    String configs;

    @Option(
            names = "--store",
            paramLabel = "URI",
            defaultValue = SweepRequest.DEFAULT_STORE,
            description = "Results store: a directory or a Hadoop URI such as s3a://bucket/prefix (default:"
                    + " ./${DEFAULT-VALUE}). S3 credentials come from AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or"
                    + " Hadoop configuration, never from the command line.")
    String store;

    @Option(
            names = "--master",
            paramLabel = "MASTER",
            description = "Spark master (default: spark-submit's, else local[*]). local[N] runs as local[N,4] so"
                    + " that failed tasks are retried.")
    String master;

    @Option(
            names = "--epochs",
            paramLabel = "N",
            description = "Cap every training at N epochs, for quick trials (default: the study's epochs).")
    Integer epochs;

    @CommandLine.Mixin
    StoreConfOptions storeConf = new StoreConfOptions();

    @CommandLine.Mixin
    GridOptions runs = new GridOptions();

    @CommandLine.Mixin
    PlanOptions plan = new PlanOptions();

    @CommandLine.Mixin
    LaneOptions laneOptions = new LaneOptions();

    @Option(
            names = "--no-reduce",
            negatable = false,
            description = "Train only; skip the per-p reports and the summary.")
    boolean noReduce;

    @Override
    public Integer call() throws Exception {
        List<Modulus> ps = ModulusList.parse(moduli);
        List<RunConfig> cs = StudyConfigs.parse(configs);
        CliBounds.epochs(epochs);
        StoreSettings settings = storeConf.settings();
        SweepRequest req = request(ps, cs, settings);
        PrintWriter out = spec.commandLine().getOut();
        if (plan.requested()) {
            PlanOptions.print(out, req);
            return 0;
        }
        if (Masters.isLocal(master != null ? master : System.getProperty("spark.master", "local[*]"))) {
            for (Cell c : req.cells()) {
                MemoryEstimate.check(c.p(), c.dMlp()); // the tasks train in this machine's memory
            }
        }
        ConsoleProgress console = ConsoleProgress.forConsole(out);
        Sweep sweep = new Sweep().lanes(laneOptions.packing());
        Thread hook = new Thread(sweep::cancel, "modsweep-cancel");
        Runtime.getRuntime().addShutdownHook(hook); // Ctrl-C: stop tasks at their next epoch
        SweepResult r;
        try {
            r = sweep.run(req, console);
        } finally {
            console.finish();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // already running
            }
        }
        report(out, r, req, storeConf.followUpArgs());
        return r.ok() ? 0 : 1;
    }

    private static String reduceStep(String key) {
        if (key.equals("summary")) {
            return "summary";
        }
        return key.startsWith(ReduceStage.GRID_KEY)
                ? "grid " + key.substring(ReduceStage.GRID_KEY.length())
                : "report p=" + key;
    }

    /** The request: the study's runs, or those of --set and a grid (checked here: bad input throws one line). */
    private SweepRequest request(List<Modulus> ps, List<RunConfig> cs, StoreSettings settings) {
        SweepRequest req = new SweepRequest(ps, cs, store, master, epochs, settings.sparkProperties(), !noReduce);
        GridSweep grid = runs.gridSweep(ps, cs, epochs);
        if (grid != null) {
            return req.withGrid(grid);
        }
        return runs.given() ? req.withRuns(runs.runs(ps, cs)) : req;
    }

    static void report(PrintWriter out, SweepResult r, SweepRequest req) {
        report(out, r, req, List.of());
    }

    /** The outcome, then where to look; the follow-up commands carry the store settings the sweep was given. */
    static void report(PrintWriter out, SweepResult r, SweepRequest req, List<String> storeArgs) {
        long trained = r.trained().size();
        List<CellResult> failed = r.failed();
        out.printf(
                "%s in %s: %d trained, %d already committed, %d failed%s.%n",
                r.cancelled() ? "Cancelled" : "Done",
                SweepProgress.duration(r.totalSeconds()),
                trained,
                r.committedBefore().size(),
                failed.size(),
                r.reduced().isEmpty()
                        ? ""
                        : "; reports for p = " + r.reduced().toString().replaceAll("[\\[\\] ]", ""));
        for (CellResult f : failed) {
            out.println("  failed: " + f.cellId() + ": " + f.error());
        }
        r.reduceErrors().forEach((k, v) -> out.println("  " + reduceStep(k) + " failed: " + v));
        if (!failed.isEmpty() || r.cancelled()) {
            out.println("Run the same command again to train what is missing.");
        }
        String s = req.storeUri();
        out.println("Look at the results:");
        String args = storeArgs.isEmpty() ? "" : " " + String.join(" ", storeArgs);
        out.println("  bin/modsweep explore --store " + s + args + "      (the web app)");
        if (!"false".equals(req.sparkConf().get("spark.eventLog.enabled"))) {
            out.println("  bin/modsweep history --store " + s + args + "      (the Spark UI of finished sweeps)");
        }
        out.println("  " + s + "/results/p_PPP/, " + s + "/results/summary/cells.json");
        if (req.grid() != null) {
            out.println(
                    "  " + s + "/results/grids/" + req.grid().manifest().id() + "/      (the grid: phases.json, ...)");
        }
        out.println("  spark.read.parquet(\"" + s + "/metrics\")        (Spark SQL; p and config are columns)");
        out.flush();
    }
}
