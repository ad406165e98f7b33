package org.modsweep.analysis.grids;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.fs.Path;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.modsweep.core.Cell;
import org.modsweep.core.grid.GridManifest;
import org.modsweep.core.parquet.EpochMetrics;
import org.modsweep.core.store.ResultsStore;

/**
 * A grid's reduce (grids.md §2-5): reads the grid's committed runs and writes its files under
 * {@code results/grids/<id>/}. Runs of the manifest that are not committed are skipped and listed as missing.
 */
public final class GridReport {

    private static final Logger LOG = LogManager.getLogger(GridReport.class);

    private GridReport() {}

    /** Writes the grid's files with the default key-frequency share (0.9) and returns them, in the order written. */
    public static List<Path> write(ResultsStore store, GridManifest grid, PhaseThresholds thresholds, int threads)
            throws IOException {
        return write(store, grid, thresholds, ProgressMeasures.DEFAULT_KEY_SHARE, threads);
    }

    /**
     * Writes phases.json, seeds.json, critical.json, progress.json and the figures, and returns the files written in
     * that order. Figures of an earlier reduce that this one does not write again are removed.
     *
     * @param keyShare the share of W_in's Fourier norm the key frequencies cover (grids.md §5)
     * @param threads  how many runs are read and measured at once (at least 1)
     */
    public static List<Path> write(
            ResultsStore store, GridManifest grid, PhaseThresholds thresholds, double keyShare, int threads)
            throws IOException {
        List<Cell> committed = new ArrayList<>();
        List<Cell> missing = new ArrayList<>();
        for (Cell c : grid.runs()) {
            (StoredOutcomes.isCommitted(store, c) ? committed : missing).add(c);
        }
        List<GridRun> runs = parallel(committed, threads, c -> readRun(store, grid, c, thresholds));
        List<GridPoint> points = GridPoint.of(runs);
        Path dir = GridManifest.dir(store, grid.id());
        Output out = new Output(store, dir);
        out.json(PhasesJson.FILE, PhasesJson.of(grid, thresholds, runs, points, missing));
        out.json(SeedsJson.FILE, SeedsJson.of(grid, points));
        out.json(CriticalJson.FILE, CriticalJson.of(grid, thresholds, runs));
        List<GridRun> withTest =
                runs.stream().filter(r -> !r.cell().config().fullData()).toList();
        Map<Cell, GridRun> byCell = new HashMap<>();
        withTest.forEach(r -> byCell.put(r.cell(), r));
        List<Measured> progress = parallel(withTest.stream().map(GridRun::cell).toList(), threads, c -> {
            RunProgress rp = RunProgress.of(store, c, keyShare);
            return new Measured(rp, ProgressFigure.of(rp, byCell.get(c)).png());
        });
        out.json(
                ProgressJson.FILE,
                ProgressJson.of(
                        grid,
                        keyShare,
                        progress.stream().map(Measured::progress).toList()));
        GridFigures.phaseDiagrams(grid, runs, out);
        GridFigures.delayCurves(grid, thresholds, runs, out);
        for (Measured m : progress) {
            out.bytes("progress_" + m.progress().run().id() + ".png", m.png());
        }
        out.removeStaleFigures();
        LOG.info(
                "grid {}: {} runs reduced, {} missing, {} files in {}",
                grid.id(),
                runs.size(),
                missing.size(),
                out.written().size(),
                store.layout().relative(dir));
        return out.written();
    }

    /** A run's progress measures with its figure, rendered on the run's thread. */
    private record Measured(RunProgress progress, byte[] png) {}

    static GridRun readRun(ResultsStore store, GridManifest grid, Cell cell, PhaseThresholds t) throws IOException {
        List<EpochMetrics> rows = StoredOutcomes.metrics(store, cell);
        if (rows.isEmpty()) {
            throw new IOException("run " + cell.id() + " has no metrics rows");
        }
        RunOutcome outcome = StoredOutcomes.classify(cell, rows, t);
        return new GridRun(
                cell,
                grid.point(cell),
                outcome,
                rows.stream().mapToDouble(EpochMetrics::trainLoss).toArray(),
                rows.stream().mapToDouble(EpochMetrics::testLoss).toArray(),
                rows.stream().mapToDouble(EpochMetrics::trainAcc).toArray(),
                rows.stream().mapToDouble(EpochMetrics::testAcc).toArray(),
                rows.get(rows.size() - 1).trainAcc());
    }

    /** Per-run work on {@code threads} threads, results in input order; the first failure is rethrown. */
    static <T> List<T> parallel(List<Cell> cells, int threads, RunTask<T> task) throws IOException {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, Math.max(1, cells.size())));
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Cell c : cells) {
                futures.add(pool.submit(() -> task.apply(c)));
            }
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reducing runs", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IOException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** One run's work. */
    @FunctionalInterface
    interface RunTask<T> {
        T apply(Cell cell) throws IOException;
    }
}
