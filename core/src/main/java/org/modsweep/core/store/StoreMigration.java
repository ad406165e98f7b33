package org.modsweep.core.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.modsweep.core.Cell;
import org.modsweep.core.Errors;
import org.modsweep.core.Json;
import org.modsweep.core.config.ConfigJson;
import org.modsweep.core.parquet.MetricsParquet;
import org.modsweep.core.parquet.RunColumns;
import org.modsweep.core.parquet.WeightsParquet;
import org.modsweep.core.run.RunRecord;

/**
 * Brings a store written by an earlier version into the current layout and schema ({@code modsweep migrate}):
 * runs with overrides move from their provisional stores {@code overrides/<run id>/} into the one store, and runs
 * whose parts lack the run and axis columns (or that a first-protocol one-line {@code _DONE} commits) are rewritten.
 *
 * <p>Each run goes through the commit protocol ({@link RunCommit}): its new files are first staged, complete, in
 * {@code _migrate/<run id>/} (invisible to Parquet readers, and no cleanup of attempts takes it), marked
 * {@code _STAGED} last, then committed like a training attempt ({@code _DONE} removed first, written last with
 * the new sizes and checksums), and only then is its old copy removed. Killed anywhere, a run is either committed
 * with its own files or uncommitted with every staged file in {@code _migrate/} or already at its published place;
 * the next {@code migrate} finishes it. A second run finds nothing to do.
 */
public final class StoreMigration {

    /** Where a migration stages a run's new files. */
    public static final String STAGING = "_migrate";
    /** The provisional stores of runs with overrides, before they shared the study run's partition. */
    public static final String OVERRIDES = "overrides";

    private static final String STAGED = "_STAGED";

    /** What a migration did: runs migrated, and one line per run it could not migrate. */
    public record Result(int migrated, List<String> failures) {}

    /** A committed run's files to migrate (split and log may be absent). */
    private record Source(Cell cell, RunRecord record, Path metrics, Path weights, Path split, Path log) {}

    private final ResultsStore store;
    private final FileSystem fs;
    private final Consumer<String> out;
    private final List<String> failures = new ArrayList<>();
    private int migrated;

    private StoreMigration(ResultsStore store, Consumer<String> out) {
        this.store = store;
        this.fs = store.fs();
        this.out = out;
    }

    /** Migrates the store; {@code out} gets one line per run migrated. */
    public static Result run(ResultsStore store, Consumer<String> out) throws IOException {
        StoreMigration m = new StoreMigration(store, out);
        m.finishInterrupted();
        m.moveProvisional();
        m.rewriteOldSchema();
        m.deleteIfEmpty(m.staging());
        return new Result(m.migrated, List.copyOf(m.failures));
    }

    private Path staging() {
        return new Path(store.root(), STAGING);
    }

    /** Runs a killed migrate left staged: committed now, or cleaned up if their commit had finished. */
    private void finishInterrupted() throws IOException {
        for (FileStatus dir : children(staging())) {
            Path staged = new Path(dir.getPath(), STAGED);
            if (!fs.exists(staged)) {
                fs.delete(dir.getPath(), true); // killed while staging: its source is intact and migrates below
                continue;
            }
            try {
                RunRecord record = Json.MAPPER.readValue(
                        store.readString(new Path(dir.getPath(), StoreLayout.RUN_JSON)), RunRecord.class);
                Cell study = Cell.of(record.p(), (String) record.config().get("key"));
                Cell cell = RunListing.identify(study, dir.getPath().getName(), () -> record);
                if (cell == null) {
                    throw new IOException(
                            "its run.json names no run " + dir.getPath().getName());
                }
                List<String> names = store.readString(staged).lines().toList();
                boolean allPublished = names.stream().noneMatch(n -> exists(new Path(dir.getPath(), n)));
                if (allPublished && isCurrent(cell)) {
                    fs.delete(dir.getPath(), true); // killed after its _DONE: the commit had finished
                } else {
                    restore(cell, dir.getPath(), names);
                    publish(cell, dir.getPath(), record, false);
                }
                removeProvisional(cell);
                done(cell, "finished (an interrupted migration)");
            } catch (IOException | RuntimeException e) {
                failures.add(STAGING + "/" + dir.getPath().getName() + ": " + Errors.firstLine(e));
            }
        }
        deleteIfEmpty(staging());
    }

    /** Runs with overrides from their provisional stores into the one store. */
    private void moveProvisional() throws IOException {
        Path overrides = new Path(store.root(), OVERRIDES);
        for (FileStatus dir : children(overrides)) {
            String id = dir.getPath().getName();
            try {
                ResultsStore old = ResultsStore.open(dir.getPath().toString(), store.conf());
                List<Cell> runs = RunListing.committed(old); // the run sits at its study run's paths in there
                if (runs.size() != 1) {
                    throw new IOException(runs.size() + " committed runs in it (expected its one run); left as is");
                }
                Cell study = runs.get(0);
                RunRecord record = old.readRun(study);
                Cell cell = RunListing.identify(study, id, () -> record);
                if (cell == null || cell.isStudyRun()) {
                    throw new IOException("its run.json does not describe run " + id + "; left as is");
                }
                if (!isCurrent(cell)) {
                    publish(cell, stage(provisionalSource(old, study, cell, record)), record, true);
                }
                fs.delete(dir.getPath(), true);
                done(cell, "moved from " + OVERRIDES + "/" + id + "/");
            } catch (IOException | RuntimeException e) {
                failures.add(OVERRIDES + "/" + id + ": " + Errors.firstLine(e));
            }
        }
        deleteIfEmpty(overrides);
    }

    /** Committed runs of the earlier schema (or protocol) rewritten in place. */
    private void rewriteOldSchema() throws IOException {
        for (Cell cell : store.committedCells()) {
            try {
                if (isCurrent(cell)) {
                    continue;
                }
                RunRecord record = store.readRun(cell);
                StoreLayout l = store.layout();
                Source s = new Source(
                        cell,
                        record,
                        store.metricsFile(cell),
                        store.weightsFile(cell),
                        l.splitJson(cell),
                        l.trainingLog(cell));
                publish(cell, stage(s), record, true);
                done(cell, "rewritten with the run and axis columns");
            } catch (IOException | RuntimeException e) {
                failures.add(cell.id() + ": " + Errors.firstLine(e));
            }
        }
    }

    /** Whether the cell is committed in the current protocol with parts of the current schema. */
    private boolean isCurrent(Cell cell) throws IOException {
        CommitManifest m = store.committedManifest(cell);
        return m != null
                && !m.legacy()
                && !MetricsParquet.hasOldSchema(store.conf(), store.metricsFile(cell))
                && !WeightsParquet.hasOldSchema(store.conf(), store.weightsFile(cell));
    }

    private Source provisionalSource(ResultsStore old, Cell study, Cell cell, RunRecord record) throws IOException {
        CommitManifest m = old.committedManifest(study);
        StoreLayout l = old.layout();
        if (m == null || m.legacy()) {
            return new Source(
                    cell,
                    record,
                    old.metricsFile(study),
                    old.weightsFile(study),
                    l.splitJson(study),
                    l.trainingLog(study));
        }
        Path metrics = null;
        Path weights = null;
        for (CommitManifest.StoredFile f : m.files()) {
            if (f.path().startsWith(StoreLayout.METRICS + "/")) {
                metrics = new Path(old.root(), f.path());
            } else if (f.path().startsWith(StoreLayout.WEIGHTS + "/")) {
                weights = new Path(old.root(), f.path());
            }
        }
        if (metrics == null || weights == null) {
            throw new IOException("its _DONE names no metrics or weights part; left as is");
        }
        return new Source(cell, record, metrics, weights, l.splitJson(study), l.trainingLog(study));
    }

    /**
     * Writes the run's files in the current schema into {@code _migrate/<run id>/}, holding an attempt's lease
     * there (the commit requires it), with {@code _STAGED} last naming what was staged.
     */
    private Path stage(Source s) throws IOException {
        Path dir = new Path(staging(), s.cell().id());
        fs.delete(dir, true);
        fs.mkdirs(dir);
        AttemptLease.hold(fs, dir, AttemptLease.leaseMillis(store.conf()));
        try {
            RunColumns run =
                    RunColumns.of(s.cell(), ConfigJson.fromMap(s.record().config()));
            MetricsParquet.write(
                    store.conf(),
                    new Path(dir, ResultsStore.ATTEMPT_METRICS),
                    run,
                    MetricsParquet.read(store.conf(), s.metrics()));
            try (WeightsParquet.Writer w =
                    new WeightsParquet.Writer(store.conf(), new Path(dir, ResultsStore.ATTEMPT_WEIGHTS), run)) {
                WeightsParquet.forEach(store.conf(), s.weights(), e -> true, true, c -> {
                    try {
                        w.append(c);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            List<String> names = new ArrayList<>(List.of(ResultsStore.ATTEMPT_METRICS, ResultsStore.ATTEMPT_WEIGHTS));
            for (Path f : new Path[] {s.split(), s.log()}) {
                if (fs.exists(f)) {
                    store.writeBytes(new Path(dir, f.getName()), store.readBytes(f));
                    names.add(f.getName());
                }
            }
            store.writeString(new Path(dir, StoreLayout.RUN_JSON), Json.pretty(s.record()));
            store.writeString(new Path(dir, STAGED), String.join("\n", names) + "\n");
            return dir;
        } catch (IOException | RuntimeException e) {
            AttemptLease.release(dir);
            throw e;
        }
    }

    /** Files a killed commit had moved to their published place go back to the staging folder (uncommitted run). */
    private void restore(Cell cell, Path dir, List<String> names) throws IOException {
        if (names.stream().allMatch(n -> exists(new Path(dir, n)))) {
            return;
        }
        if (store.isCommitted(cell)) {
            throw new IOException("committed, yet some staged files are gone; left as is");
        }
        StoreLayout l = store.layout();
        for (String n : names) {
            Path staged = new Path(dir, n);
            Path published =
                    switch (n) {
                        case ResultsStore.ATTEMPT_METRICS -> l.metricsFile(cell);
                        case ResultsStore.ATTEMPT_WEIGHTS -> l.weightsFile(cell);
                        default -> new Path(l.runDir(cell), n);
                    };
            if (!exists(staged) && !fs.rename(published, staged)) {
                throw new IOException(n + " is neither staged nor published; left as is");
            }
        }
    }

    /** Commits a staged run ({@link ResultsStore#commit} removes the staging folder once committed). */
    private void publish(Cell cell, Path dir, RunRecord record, boolean held) throws IOException {
        if (!held) {
            AttemptLease.hold(fs, dir, AttemptLease.leaseMillis(store.conf()));
        }
        try {
            store.commit(cell, dir, record);
        } finally {
            AttemptLease.release(dir); // a failed commit keeps its staged files for the next migrate
        }
    }

    /** A finished migration of a run that came from overrides/ leaves no copy there. */
    private void removeProvisional(Cell cell) throws IOException {
        if (!cell.isStudyRun()) {
            fs.delete(new Path(store.root(), OVERRIDES + "/" + cell.id()), true);
            deleteIfEmpty(new Path(store.root(), OVERRIDES));
        }
    }

    private void done(Cell cell, String what) {
        migrated++;
        out.accept(cell.id() + ": " + what);
    }

    private boolean exists(Path p) {
        try {
            return fs.exists(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private FileStatus[] children(Path dir) throws IOException {
        if (!fs.exists(dir)) {
            return new FileStatus[0];
        }
        return java.util.Arrays.stream(fs.listStatus(dir))
                .filter(FileStatus::isDirectory)
                .sorted((a, b) -> a.getPath().getName().compareTo(b.getPath().getName()))
                .toArray(FileStatus[]::new);
    }

    private void deleteIfEmpty(Path dir) throws IOException {
        if (fs.exists(dir) && fs.listStatus(dir).length == 0) {
            fs.delete(dir, false);
        }
    }
}
