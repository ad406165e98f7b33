package org.modsweep.analysis.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.modsweep.analysis.verify.GridVerifier;
import org.modsweep.analysis.verify.ResultsVerifier;
import org.modsweep.core.Modulus;
import org.modsweep.core.store.ResultsStore;
import org.modsweep.core.store.StoreAudit;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code modsweep verify}: every expected file exists, JSON parses with its keys, PNG decodes and is not blank. */
@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description = "Checks a store's results: for every modulus, every file of the study's output set exists, "
                + "every JSON parses and has its keys, every PNG decodes and is not blank; for every grid "
                + "(results/grids/<id>/ with a grid.json), its reduce's files likewise, with every committed run of "
                + "the grid in phases.json. Exit 1 on any problem.")
public final class VerifyCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    StoreSelection selection = new StoreSelection();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        ResultsStore s = selection.open();
        List<ResultsVerifier.ModulusCheck> checks = new ArrayList<>();
        if (selection.modulusGiven()) {
            for (Modulus p : selection.moduli(s)) {
                checks.add(ResultsVerifier.verify(s, p));
            }
        } else {
            checks = ResultsVerifier.verify(s);
        }
        Map<String, List<String>> grids = GridVerifier.verify(s);
        if (checks.isEmpty() && grids.isEmpty()) {
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
            out.println((summary.isEmpty() ? "OK   " : "FAIL ") + "summary: "
                    + (summary.isEmpty()
                            ? "all " + org.modsweep.analysis.CrossModulusSummary.FILES.size() + " files OK"
                            : summary.size() + " problem(s)"));
            summary.forEach(pr -> out.println("     " + pr));
            if (!summary.isEmpty()) {
                bad++;
            }
        }
        for (Map.Entry<String, List<String>> g : grids.entrySet()) {
            List<String> problems = g.getValue();
            out.println((problems.isEmpty() ? "OK   " : "FAIL ") + "grid " + g.getKey() + ": "
                    + (problems.isEmpty() ? "every file OK" : problems.size() + " problem(s)"));
            problems.forEach(pr -> out.println("     " + pr));
            if (!problems.isEmpty()) {
                bad++;
            }
        }
        List<String> runs = StoreAudit.problems(s); // committed runs against their _DONE, stray dataset files
        out.println((runs.isEmpty() ? "OK   " : "FAIL ") + "runs: "
                + s.committedCells().size() + " committed"
                + (runs.isEmpty() ? ", every file as its _DONE lists it" : "; " + runs.size() + " problem(s)"));
        runs.forEach(pr -> out.println("     " + pr));
        if (!runs.isEmpty()) {
            bad++;
        }
        out.flush();
        if (bad > 0) {
            spec.commandLine()
                    .getErr()
                    .println("modsweep verify: error: " + bad + " check(s) found missing or "
                            + "broken results (see above)");
            return 1;
        }
        out.println("verify: all " + checks.size() + " moduli OK"
                + (grids.isEmpty() ? "" : ", all " + grids.size() + " grid(s) OK"));
        return 0;
    }
}
