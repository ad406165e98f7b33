package org.modsweep.analysis.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.modsweep.analysis.grids.GridReport;
import org.modsweep.analysis.grids.PhaseThresholds;
import org.modsweep.analysis.grids.ProgressMeasures;
import org.modsweep.analysis.grids.StoredOutcomes;
import org.modsweep.core.Cell;
import org.modsweep.core.Errors;
import org.modsweep.core.grid.GridManifest;
import org.modsweep.core.store.ResultsStore;
import picocli.CommandLine.Option;

/** {@code analyze --grid ID}: re-runs the reduce of grids (grids.md §2-5) with the thresholds as options. */
final class GridReduceOptions {

    @Option(
            names = "--grid",
            required = true,
            paramLabel = "ID",
            description = "A grid of the store (results/grids/<ID>/grid.json); repeat for several.")
    List<String> ids;

    @Option(
            names = {"--accuracy-threshold", "--accuracy"},
            paramLabel = "A",
            description = "Accuracy that counts as reached, for t_train and t_test (default: ${DEFAULT-VALUE}).")
    double accuracy = PhaseThresholds.DEFAULT.accuracy();

    @Option(
            names = {"--delay-threshold", "--grokking-delay"},
            paramLabel = "EPOCHS",
            description = "Smallest t_test - t_train that counts as grokking (default: ${DEFAULT-VALUE}).")
    int grokkingDelay = PhaseThresholds.DEFAULT.grokkingDelay();

    @Option(
            names = "--key-share",
            paramLabel = "S",
            description = "Share of W_in's Fourier norm the key frequencies cover, in (0, 1] (default: "
                    + "${DEFAULT-VALUE}).")
    double keyShare = ProgressMeasures.DEFAULT_KEY_SHARE;

    /** Reduces every named grid; a grid the store lacks is a usage error (exit 2) before anything is written. */
    int reduce(ResultsStore store, int threads, PrintWriter out) throws IOException {
        PhaseThresholds thresholds = new PhaseThresholds(accuracy, grokkingDelay);
        if (!(keyShare > 0 && keyShare <= 1)) {
            throw new IllegalArgumentException("--key-share must be in (0, 1], got " + keyShare);
        }
        List<GridManifest> grids = new java.util.ArrayList<>();
        for (String id : ids) {
            try {
                grids.add(GridManifest.read(store, GridManifest.checkId(id)));
            } catch (IOException e) {
                throw new IllegalArgumentException(Errors.firstLine(e), e);
            }
        }
        for (GridManifest g : grids) {
            long start = System.nanoTime();
            List<Path> written = GridReport.write(store, g, thresholds, keyShare, threads);
            int missing = 0;
            for (Cell c : g.runs()) {
                missing += StoredOutcomes.isCommitted(store, c) ? 0 : 1;
            }
            out.printf(
                    "grid %s: %d files written in %.1f s -> %s (%d of %d runs committed%s)%n",
                    g.id(),
                    written.size(),
                    (System.nanoTime() - start) / 1e9,
                    store.layout().relative(GridManifest.dir(store, g.id())),
                    g.runs().size() - missing,
                    g.runs().size(),
                    missing == 0 ? "" : "; the others are listed under \"missing\" in phases.json");
            out.flush();
        }
        return 0;
    }
}
