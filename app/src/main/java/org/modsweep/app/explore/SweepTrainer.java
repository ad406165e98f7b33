package org.modsweep.app.explore;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.stream.Collectors;
import org.modsweep.analysis.grids.PhaseThresholds;
import org.modsweep.core.Cell;
import org.modsweep.core.Modulus;
import org.modsweep.core.config.Overrides;
import org.modsweep.core.config.RunConfig;
import org.modsweep.core.config.StudyConfigs;
import org.modsweep.core.grid.GridManifest;
import org.modsweep.core.grid.GridSpec;
import org.modsweep.driver.CellResult;
import org.modsweep.driver.Sweep;
import org.modsweep.driver.SweepListener;
import org.modsweep.driver.SweepRequest;
import org.modsweep.driver.SweepResult;
import org.modsweep.driver.grid.GridSweep;
import org.modsweep.driver.monitor.SweepProgress;
import org.modsweep.explorer.jobs.GridJob;
import org.modsweep.explorer.jobs.OnDemandTrainer;

/**
 * On-demand training through the driver's {@link Sweep}: the same code as {@code modsweep sweep}, in this JVM on a
 * local Spark master: a modulus's five configurations (the plan drops grokking below p = 19) then the reduce stage
 * that writes {@code results/p_PPP/}, or a small grid then its reduce ({@code results/grids/<id>/}). Cancelling
 * stops the sweep; committed runs stay and a later job resumes them.
 */
public final class SweepTrainer implements OnDemandTrainer {

    private static final long PROGRESS_EVERY_MS = 3000;

    private final String storeUri;
    private final String master;
    private final Map<String, String> sparkConf;
    private volatile Sweep running;

    /**
     * @param storeUri  the explorer's store
     * @param master    Spark master for on-demand sweeps, e.g. {@code local[*]}
     * @param sparkConf extra Spark properties (e.g. {@code spark.hadoop.fs.s3a.*} for an object store)
     */
    public SweepTrainer(String storeUri, String master, Map<String, String> sparkConf) {
        this.storeUri = storeUri;
        this.master = master;
        this.sparkConf = Map.copyOf(sparkConf);
    }

    @Override
    public void train(Modulus p, Integer epochCap, Progress progress) throws Exception {
        sweep(new SweepRequest(List.of(p), StudyConfigs.ALL, storeUri, master, epochCap, sparkConf), progress);
    }

    /**
     * A small grid as {@code modsweep sweep --p P --configs C --grid G --epochs E --grid-name ID} runs it: the
     * manifest written before training, the runs trained (capped at the grid's epochs), then the grid's reduce
     * (results/grids/ID/) with the default phase thresholds.
     */
    @Override
    public void trainGrid(GridJob grid, Progress progress) throws Exception {
        Modulus p = Modulus.of(grid.p());
        RunConfig base = StudyConfigs.byKey(grid.config());
        GridSpec spec = GridSpec.parse(grid.grid());
        List<Cell> runs = spec.runs(List.of(p), List.of(base), GridJob.MAX_RUNS, false);
        GridManifest manifest = new GridManifest(grid.id(), spec.axes(), Overrides.NONE, grid.epochs(), runs);
        SweepRequest request = new SweepRequest(List.of(p), List.of(base), storeUri, master, grid.epochs(), sparkConf)
                .withGrid(new GridSweep(manifest, 0, PhaseThresholds.DEFAULT));
        sweep(request, progress);
    }

    private void sweep(SweepRequest request, Progress progress) throws Exception {
        Sweep sweep = new Sweep();
        running = sweep;
        try {
            if (progress.cancelled()) {
                throw new CancellationException();
            }
            SweepResult result = sweep.run(request, new SweepListener() {
                @Override
                public void onLine(String line) {
                    progress.line(line);
                }

                @Override
                public void onSparkUi(String url) {
                    progress.sparkUi(url);
                }

                private long lastProgress;
                private int lastDone = -1;

                /** The training stage's progress bar, every few seconds and whenever a cell finishes. */
                @Override
                public void onProgress(SweepProgress snapshot) {
                    long now = System.currentTimeMillis();
                    int done = snapshot.cellsDone() + snapshot.cellsFailed();
                    if (done != lastDone || now - lastProgress >= PROGRESS_EVERY_MS) {
                        lastDone = done;
                        lastProgress = now;
                        progress.line(
                                "  " + snapshot.render(30) + String.format("  %,d epochs", snapshot.epochsDone()));
                    }
                }

                @Override
                public void onCellDone(CellResult r) {
                    if (r.failed()) {
                        progress.line("[ERROR] " + r.cellId() + " failed: " + r.error());
                    }
                }
            });
            if (result.cancelled() || progress.cancelled()) {
                throw new CancellationException();
            }
            if (!result.ok()) {
                throw new IllegalStateException(failures(result));
            }
        } finally {
            running = null;
        }
    }

    private static String failures(SweepResult r) {
        String cells =
                r.failed().stream().map(c -> c.cellId() + ": " + c.error()).collect(Collectors.joining("; "));
        String reduce = r.reduceErrors().entrySet().stream()
                .map(e -> "report p=" + e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining("; "));
        String all = cells.isEmpty() ? reduce : (reduce.isEmpty() ? cells : cells + "; " + reduce);
        return all.isEmpty() ? "the sweep did not finish" : all;
    }

    @Override
    public void cancel() {
        Sweep s = running;
        if (s != null) {
            s.cancel();
        }
    }
}
