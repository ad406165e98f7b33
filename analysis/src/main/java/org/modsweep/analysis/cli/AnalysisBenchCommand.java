package org.modsweep.analysis.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.concurrent.Callable;
import org.modsweep.analysis.ModulusReport;
import org.modsweep.analysis.synthetic.PlantedStudy;
import org.modsweep.core.Cell;
import org.modsweep.core.Modulus;
import org.modsweep.core.cli.CliBounds;
import org.modsweep.core.config.StudyConfigs;
import org.modsweep.core.store.ResultsStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code modsweep bench analysis}: times the whole per-p report (all files from Parquet) for one modulus. The study's
 * own plot step takes 70.5 s for p = 23 on the reference machine (crosscheck.md); the goal is a third of that.
 */
@Command(
        name = "analysis",
        mixinStandardHelpOptions = true,
        description = "Times the per-p report (every plot and JSON of one modulus, read from Parquet). Reference: "
                + "the study's plot step for p=23 took 70.5 s on the 2-vCPU reference machine.")
public final class AnalysisBenchCommand implements Callable<Integer> {

    static final double STUDY_PLOT_SECONDS_P23 = 70.5;
    /** The study's analysis of the five p = 23 runs, whole command (issue 13). */
    static final double STUDY_ANALYZE_SECONDS_P23 = 82.6;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--store",
            paramLabel = "URI",
            description = "Results store with the trained runs of p (default: a temporary store with planted runs).")
    String store;

    @Option(names = "--p", defaultValue = "23", paramLabel = "P", description = "Modulus (default: ${DEFAULT-VALUE}).")
    int p;

    @Option(
            names = "--repeat",
            defaultValue = "3",
            paramLabel = "N",
            description = "Timed repetitions after one warm-up (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Option(
            names = "--threads",
            paramLabel = "N",
            description = "Threads for analyses and figures (default: every core).")
    Integer threads;

    @Option(
            names = "--synthetic",
            description = {
                "Plant study-sized runs of p (checkpoints every 200 epochs, "
                        + "grokking 24001 epochs) into the store first, when none are committed; no training."
            })
    boolean synthetic;

    @Option(
            names = "--launcher",
            paramLabel = "PATH",
            description = {
                "Time the whole command instead: run `PATH analyze --store URI --p P` "
                        + "(e.g. bin/modsweep: JVM start, class loading, every file) once plus --repeat times, each "
                        + "in its own process."
            })
    String launcher;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        CliBounds.range("--repeat", repeat, 1, 1000);
        CliBounds.threads(threads);
        if (launcher != null) {
            if (store == null) {
                throw new IllegalArgumentException("--launcher needs --store with the trained runs of p");
            }
            return wholeCommand(out);
        }
        Modulus m = Modulus.of(p);
        String uri = store;
        java.nio.file.Path temp = null;
        if (uri == null) {
            temp = Files.createTempDirectory("modsweep-bench-analysis");
            uri = temp.toString();
            synthetic = true;
        }
        try {
            return bench(out, m, uri);
        } finally {
            if (temp != null) {
                try (var paths = Files.walk(temp)) {
                    paths.sorted(java.util.Comparator.reverseOrder())
                            .forEach(f -> f.toFile().delete());
                }
            }
        }
    }

    /** Wall time of the whole analyze command, process start to exit, as a user sees it. */
    private int wholeCommand(PrintWriter out) throws Exception {
        java.util.List<String> cmd = new java.util.ArrayList<>(
                java.util.List.of(launcher, "analyze", "--store", store, "--p", Integer.toString(p)));
        if (threads != null) {
            cmd.addAll(java.util.List.of("--threads", threads.toString()));
        }
        out.printf("bench analysis (whole command) p=%d: %s%n", p, String.join(" ", cmd));
        double best = Double.MAX_VALUE;
        double first = 0;
        for (int i = 0; i <= repeat; i++) {
            long t0 = System.nanoTime();
            Process proc = new ProcessBuilder(cmd)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            int rc = proc.waitFor();
            double s = (System.nanoTime() - t0) / 1e9;
            if (rc != 0) {
                out.printf("  run %d: exit %d after %.2f s%n", i, rc, s);
                return 1;
            }
            out.printf("  %s: %.2f s%n", i == 0 ? "first" : "run " + i, s);
            out.flush();
            if (i == 0) {
                first = s;
            } else {
                best = Math.min(best, s);
            }
        }
        out.printf(
                "result: first %.2f s, best %.2f s (study's analyze p=23: %.1f s; goal <= %.1f s)%n",
                first, best, STUDY_ANALYZE_SECONDS_P23, STUDY_ANALYZE_SECONDS_P23 / 10);
        return 0;
    }

    private int bench(PrintWriter out, Modulus m, String uri) throws Exception {
        ResultsStore s = ResultsStore.open(uri);
        boolean complete = true;
        for (var c : StudyConfigs.forModulus(m)) {
            complete &= s.isCommitted(new Cell(m, c));
        }
        if (!complete) {
            if (!synthetic) {
                throw new IllegalArgumentException("store " + uri + " lacks committed runs of p=" + p
                        + " (train them, or pass --synthetic to plant study-sized runs)");
            }
            out.println("planting study-sized runs of p=" + p + " into " + uri + " ...");
            out.flush();
            new PlantedStudy(s, 42).commitStudySized(m);
        }
        int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (n < 1) {
            throw new IllegalArgumentException("--threads must be >= 1, got " + n);
        }
        out.printf(
                "bench analysis p=%d store=%s cores=%d threads=%d%n",
                p, uri, Runtime.getRuntime().availableProcessors(), n);
        ModulusReport.Outcome warm = ModulusReport.generate(s, m, n);
        out.printf(
                "  warm-up (cold JVM): %.2f s, %d files%s%n",
                warm.seconds(), warm.written().size(), warm.ok() ? "" : ", FAILURES " + warm.failures());
        double best = Double.MAX_VALUE;
        double sum = 0;
        for (int i = 0; i < repeat; i++) {
            ModulusReport.Outcome o = ModulusReport.generate(s, m, n);
            out.printf(
                    "  run %d: %.2f s, %d files%n",
                    i + 1, o.seconds(), o.written().size());
            best = Math.min(best, o.seconds());
            sum += o.seconds();
            out.flush();
        }
        out.println("  slowest steps of the cold run (ms; a file's producer or a whole analysis):");
        warm.millisPerFile().entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                .limit(6)
                .forEach(e -> out.printf("    %6d  %s%n", e.getValue(), e.getKey()));
        out.printf(
                "result: cold %.2f s, best %.2f s, mean %.2f s (study plot step p=23: %.1f s; goal <= %.1f s)%n",
                warm.seconds(), best, sum / repeat, STUDY_PLOT_SECONDS_P23, STUDY_PLOT_SECONDS_P23 / 3);
        return warm.ok() ? 0 : 1;
    }
}
