package org.modsweep.analysis.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.modsweep.analysis.verify.ResultsVerifier;
import org.modsweep.core.Modulus;
import org.modsweep.core.cli.StoreConfOptions;
import org.modsweep.core.store.ResultsStore;
import org.modsweep.core.store.StoreAudit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code modsweep verify}: every expected file exists, JSON parses with its keys, PNG decodes and is not blank. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Checks a store's results: for every modulus, every file of the study's output set exists, "
                + "every JSON parses and has its keys, every PNG decodes and is not blank. Exit 1 on any problem.")
public final class VerifyCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--store", required = true, paramLabel = "URI",
            description = "Results store: a directory or a Hadoop URI such as s3a://bucket/prefix.")
    String store;

    @Option(names = "--p", paramLabel = "MODULI",
            description = "Moduli to check: 23, 3..31 or 15,23 (default: every p with runs or results).")
    String moduli;

    @CommandLine.Mixin
    StoreConfOptions storeConf = new StoreConfOptions();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        ResultsStore s = StoreOption.open(store, storeConf);
        List<ResultsVerifier.ModulusCheck> checks = new ArrayList<>();
        if (moduli != null && !moduli.isBlank()) {
            for (Modulus p : StoreOption.moduli(s, moduli)) {
                checks.add(ResultsVerifier.verify(s, p));
            }
        } else {
            checks = ResultsVerifier.verify(s);
        }
        if (checks.isEmpty()) {
            throw new IllegalArgumentException("store " + s.uri() + " has no runs and no results to verify");
        }
        int bad = 0;
        for (ResultsVerifier.ModulusCheck c : checks) {
            out.println((c.passed() ? "OK   " : "FAIL ") + c.line());
            for (String problem : c.problems()) {
                out.println("     " + problem);
            }
            if (!c.passed()) {
                bad++;
            }
        }
        List<String> summary = ResultsVerifier.verifySummary(s);
        if (summary != null) {
            out.println((summary.isEmpty() ? "OK   " : "FAIL ") + "summary: " + (summary.isEmpty()
                    ? "all " + org.modsweep.analysis.CrossModulusSummary.FILES.size() + " files OK"
                    : summary.size() + " problem(s)"));
            summary.forEach(pr -> out.println("     " + pr));
            if (!summary.isEmpty()) {
                bad++;
            }
        }
        List<String> runs = StoreAudit.problems(s); // committed runs against their _DONE, stray dataset files
        out.println((runs.isEmpty() ? "OK   " : "FAIL ") + "runs: " + s.committedCells().size() + " committed"
                + (runs.isEmpty() ? ", every file as its _DONE lists it" : "; " + runs.size() + " problem(s)"));
        runs.forEach(pr -> out.println("     " + pr));
        if (!runs.isEmpty()) {
            bad++;
        }
        out.flush();
        if (bad > 0) {
            spec.commandLine().getErr().println("modsweep verify: error: " + bad + " check(s) found missing or "
                    + "broken results (see above)");
            return 1;
        }
        out.println("verify: all " + checks.size() + " moduli OK");
        return 0;
    }
}
