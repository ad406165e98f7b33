package org.modsweep.analysis.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.modsweep.analysis.CrossModulusSummary;
import org.modsweep.analysis.ModulusReport;
import org.modsweep.analysis.report.StepFailure;
import org.modsweep.core.Modulus;
import org.modsweep.core.cli.CliBounds;
import org.modsweep.core.store.ResultsStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code modsweep analyze}: re-runs the reduce stage (every plot and JSON per p) from stored Parquet, no training. */
@Command(
        name = "analyze",
        mixinStandardHelpOptions = true,
        description = "Writes results/p_PPP/ (the study's plots and JSON) from the runs stored in a results store, "
                + "without retraining, then the cross-p summary in results/summary/. With --grid: re-runs a grid's "
                + "reduce instead (results/grids/<id>/), with the phase thresholds given.")
public final class AnalyzeCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    StoreSelection selection = new StoreSelection();

    @Option(
            names = "--threads",
            paramLabel = "N",
            description = "Threads for the analyses and figures of one p (default: every core).")
    Integer threads;

    @Option(names = "--no-summary", description = "Skip the cross-p summary in results/summary/.")
    boolean noSummary;

    @CommandLine.ArgGroup(exclusive = false, heading = "Grids (instead of the per-p reports):%n")
    GridReduceOptions grid;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        CliBounds.threads(threads);
        ResultsStore s = selection.open();
        if (grid != null) {
            return grid.reduce(s, threads == null ? Runtime.getRuntime().availableProcessors() : threads, out);
        }
        List<Modulus> ps = selection.moduli(s);
        int failed = 0;
        for (Modulus p : ps) {
            ModulusReport.Outcome o =
                    threads == null ? ModulusReport.generate(s, p) : ModulusReport.generate(s, p, threads);
            out.printf(
                    "p=%d: %d files written in %.1f s -> %s%n",
                    p.p(), o.written().size(), o.seconds(), s.layout().resultsDir(p));
            for (StepFailure f : o.failures()) {
                out.println("  FAILED " + f);
            }
            out.flush();
            if (!o.ok()) {
                failed++;
            }
        }
        boolean summaryIncomplete = false;
        if (!noSummary) {
            List<String> files;
            try {
                files = CrossModulusSummary.write(s);
            } catch (CrossModulusSummary.IncompleteSummaryException e) {
                files = e.written();
                summaryIncomplete = true;
                e.leftOut().forEach((p, why) -> out.println("  LEFT OUT of the summary: p=" + p + ": " + why));
            }
            out.printf("summary: %d files -> %s%n", files.size(), s.layout().summaryDir());
        }
        if (failed > 0 || summaryIncomplete) {
            spec.commandLine()
                    .getErr()
                    .println("modsweep analyze: error: "
                            + (failed > 0
                                    ? failed + " modulus report(s) incomplete" + (summaryIncomplete ? "; " : "")
                                    : "")
                            + (summaryIncomplete ? "the cross-p summary lacks some moduli" : ""));
            return 1;
        }
        return 0;
    }
}
