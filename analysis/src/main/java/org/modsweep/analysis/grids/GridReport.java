package org.modsweep.analysis.grids;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.fs.Path;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.modsweep.analysis.report.ResultFiles;
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

    /**
     * Writes the grid's files and returns them, in the order written.
     *
     * @param threads how many runs are read and analysed at once (at least 1)
     */
    public static List<Path> write(ResultsStore store, GridManifest grid, PhaseThresholds thresholds, int threads)
            throws IOException {
        List<Cell> committed = new ArrayList<>();
        List<Cell> missing = new ArrayList<>();
        for (Cell c : grid.runs()) {
            (StoredOutcomes.isCommitted(store, c) ? committed : missing).add(c);
        }
        List<GridRun> runs = parallel(committed, threads, c -> readRun(store, grid, c, thresholds));
        List<GridPoint> points = GridPoint.of(runs);
        Path dir = GridManifest.dir(store, grid.id());
        List<Path> written = new ArrayList<>();
        Path phases = new Path(dir, PhasesJson.FILE);
        ResultFiles.write(store, phases, GridJson.bytes(PhasesJson.of(grid, thresholds, runs, points, missing)));
        written.add(phases);
        LOG.info(
                "grid {}: {} runs reduced, {} missing, {} files in {}",
                grid.id(),
                runs.size(),
                missing.size(),
                written.size(),
                store.layout().relative(dir));
        return written;
    }

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
