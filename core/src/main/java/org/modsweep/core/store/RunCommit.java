package org.modsweep.core.store;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32C;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.modsweep.core.Cell;
import org.modsweep.core.Errors;
import org.modsweep.core.Json;
import org.modsweep.core.parquet.MetricsParquet;
import org.modsweep.core.run.RunRecord;
import org.modsweep.core.store.CommitManifest.StoredFile;

/**
 * Publishes one attempt as a cell's committed run (docs/architecture.md, "The store's commit protocol"):
 * <ol>
 *   <li>check the attempt: it still holds its lease and its metrics and weights (with split.json and
 *       training_log.txt, which the worker always writes), and its metrics hold epochs_run rows;</li>
 *   <li>describe them (size, CRC-32C) in a manifest; if the committed run already has the same data (a zombie's
 *       or a concurrent sweep's commit of the same deterministic training), stop: nothing changes;</li>
 *   <li>remove {@code _DONE}, move the files to their fixed names ({@code part-<cell>.parquet}: a repeated commit
 *       replaces, never adds), remove any other file of this run (never another run's part or folder in the shared
 *       partition), write run.json, write {@code _DONE} (the manifest) last;</li>
 *   <li>check the published files' sizes and checksums against the manifest (run.json: that it describes the same
 *       cell and epochs):
 *       a different commit of the same cell interleaving with this one is caught here and leaves the cell
 *       uncommitted (it trains again), never mixed.</li>
 * </ol>
 * Moves are delete-then-rename, which S3A carries out as copy-then-delete; a marker never names a file before it
 * is in place.
 */
final class RunCommit {

    private static final Logger LOG = LogManager.getLogger(RunCommit.class);
    /** An attempt without these has nothing to commit. */
    private static final Set<String> REQUIRED = Set.of(ResultsStore.ATTEMPT_METRICS, ResultsStore.ATTEMPT_WEIGHTS);

    private final ResultsStore store;
    private final FileSystem fs;
    private final StoreLayout layout;
    private final Cell cell;

    RunCommit(ResultsStore store, Cell cell) {
        this.store = store;
        this.fs = store.fs();
        this.layout = store.layout();
        this.cell = cell;
    }

    /** Returns false when an identical run was committed already (the attempt is then simply discarded). */
    boolean commit(Path attemptDir, RunRecord record) throws IOException {
        AttemptLease.checkHeld(fs, attemptDir);
        Map<Path, Path> moves = new LinkedHashMap<>(); // attempt file -> published file
        moves.put(new Path(attemptDir, ResultsStore.ATTEMPT_METRICS), layout.metricsFile(cell));
        moves.put(new Path(attemptDir, ResultsStore.ATTEMPT_WEIGHTS), layout.weightsFile(cell));
        moves.put(new Path(attemptDir, StoreLayout.SPLIT_JSON), layout.splitJson(cell));
        moves.put(new Path(attemptDir, StoreLayout.TRAINING_LOG), layout.trainingLog(cell));
        List<StoredFile> files = new ArrayList<>();
        for (var it = moves.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Path, Path> m = it.next();
            if (fs.exists(m.getKey())) {
                files.add(describe(m.getKey(), layout.relative(m.getValue())));
            } else if (REQUIRED.contains(m.getKey().getName())) {
                throw new FileNotFoundException("attempt " + attemptDir.getName() + " of " + cell.id() + " lacks "
                        + m.getKey().getName() + "; it does not commit");
            } else {
                it.remove(); // split and log: the worker writes both; planted test stores have no log
            }
        }
        int rows = MetricsParquet.read(store.conf(), new Path(attemptDir, ResultsStore.ATTEMPT_METRICS))
                .size();
        if (rows != record.epochsRun()) {
            throw new IOException("attempt " + attemptDir.getName() + " of " + cell.id() + ": " + rows
                    + " metrics rows for " + record.epochsRun() + " epochs run; it does not commit");
        }
        byte[] runJson = Json.pretty(record).getBytes(StandardCharsets.UTF_8);
        files.add(new StoredFile(layout.relative(layout.runJson(cell)), runJson.length, crc(runJson)));
        CommitManifest manifest =
                new CommitManifest(CommitManifest.FORMAT, cell.id(), record.attempt(), AttemptLease.OWNER, rows, files);

        CommitManifest current = store.committedManifest(cell);
        if (current != null && current.sameData(manifest)) {
            LOG.info(
                    "{}: attempt {} trained what attempt {} committed already; nothing to change",
                    cell.id(),
                    record.attempt(),
                    current.attempt());
            return false;
        }
        fs.delete(layout.doneMarker(cell), false);
        for (Map.Entry<Path, Path> m : moves.entrySet()) {
            move(m.getKey(), m.getValue());
        }
        store.writeBytes(layout.runJson(cell), runJson);
        removeOthers(manifest);
        store.writeString(layout.doneMarker(cell), manifest.toJson());
        checkPublished(manifest);
        return true;
    }

    private void move(Path from, Path to) throws IOException {
        fs.mkdirs(to.getParent());
        fs.delete(to, false); // the earlier commit's file of the same name: renames do not overwrite on S3A
        if (!fs.rename(from, to)) {
            throw new IOException("could not move " + from + " to " + to);
        }
    }

    /**
     * This run's files that its manifest does not name must not stay next to it: in its own folder, anything else;
     * in the partition's shared metrics and weights folders, parts of earlier protocols (named by attempt), which
     * only a study run can have. Other runs' parts and folders stay.
     */
    private void removeOthers(CommitManifest manifest) throws IOException {
        for (FileStatus f : strays(manifest)) {
            LOG.info("{}: removing {}, not part of the committed run", cell.id(), f.getPath());
            fs.delete(f.getPath(), true);
        }
    }

    /** The entries of this run's folders that belong to this run (or to no run) but not to its manifest. */
    List<FileStatus> strays(CommitManifest manifest) throws IOException {
        List<FileStatus> out = new ArrayList<>();
        for (Path dir : List.of(layout.metricsDir(cell), layout.weightsDir(cell), layout.runDir(cell))) {
            boolean shared = !dir.equals(layout.runDir(cell));
            if (shared && !cell.isStudyRun()) {
                continue; // a run with overrides never had parts but its fixed-name one in the shared folders
            }
            for (FileStatus f : fs.exists(dir) ? fs.listStatus(dir) : new FileStatus[0]) {
                String name = f.getPath().getName();
                if (manifest != null
                                && manifest.file(layout.relative(f.getPath())).isPresent()
                        || name.equals(StoreLayout.DONE)
                        || name.startsWith(".")
                        || isOtherRuns(f, shared)) {
                    continue;
                }
                out.add(f);
            }
        }
        return out;
    }

    /** Another run's part in a shared folder, or (in a study run's folder) another run's folder. */
    private boolean isOtherRuns(FileStatus f, boolean sharedFolder) {
        String name = f.getPath().getName();
        if (sharedFolder) {
            String run = StoreLayout.runOfPart(cell, name);
            return f.isFile() && run != null && !run.equals(cell.id());
        }
        return cell.isStudyRun()
                && f.isDirectory()
                && StoreLayout.isRunOfPartition(cell, name)
                && !name.equals(cell.id());
    }

    private void checkPublished(CommitManifest manifest) throws IOException {
        for (StoredFile f : manifest.files()) {
            Path p = new Path(layout.root(), f.path());
            String problem = isRunJson(f) ? runJsonProblem(p, manifest) : null;
            if (problem == null && !isRunJson(f)) {
                // size and checksum: two trainings of one cell can differ in their last float bits (BLAS kernels
                // depend on buffer alignment), so equal sizes do not prove these are this commit's bytes
                StoredFile actual = fs.exists(p) ? describe(p, f.path()) : null;
                if (!f.equals(actual)) {
                    problem = f.path() + (actual == null ? " is missing" : " is not the file this commit published");
                }
            }
            if (problem != null) {
                fs.delete(layout.doneMarker(cell), false);
                throw new IOException(cell.id() + ": another writer committed this cell at the same moment (" + problem
                        + "); the run is left uncommitted and trains again");
            }
        }
    }

    /**
     * run.json holds times and the attempt id, so two commits of the same training differ there; whichever of
     * them is in place describes the data if it parses and names the same cell and epochs.
     */
    private String runJsonProblem(Path p, CommitManifest manifest) {
        try {
            RunRecord r = Json.MAPPER.readValue(store.readString(p), RunRecord.class);
            return cell.id().equals(r.cell()) && r.epochsRun() == manifest.epochsRun()
                    ? null
                    : "run.json describes " + r.cell() + " with " + r.epochsRun() + " epochs";
        } catch (IOException e) {
            return "run.json unreadable";
        }
    }

    private static boolean isRunJson(StoredFile f) {
        return f.path().endsWith("/" + StoreLayout.RUN_JSON);
    }

    /** Removes the run's files (committed or not) and its strays; other runs of the partition stay. */
    void removeRun() throws IOException {
        fs.delete(layout.doneMarker(cell), false);
        fs.delete(layout.metricsFile(cell), false);
        fs.delete(layout.weightsFile(cell), false);
        if (!cell.isStudyRun()) {
            fs.delete(layout.runDir(cell), true);
            return;
        }
        for (String name : List.of(StoreLayout.RUN_JSON, StoreLayout.SPLIT_JSON, StoreLayout.TRAINING_LOG)) {
            fs.delete(new Path(layout.runDir(cell), name), false);
        }
        for (FileStatus f : strays(null)) {
            fs.delete(f.getPath(), true);
        }
    }

    /** The problems of a committed run's files against its manifest, one line each (empty: the run is sound). */
    List<String> audit(CommitManifest manifest) throws IOException {
        List<String> problems = new ArrayList<>();
        if (manifest.legacy()) {
            return problems;
        }
        for (StoredFile f : manifest.files()) {
            Path p = new Path(layout.root(), f.path());
            if (!fs.exists(p)) {
                problems.add(cell.id() + ": " + f.path() + " is missing");
                continue;
            }
            if (isRunJson(f)) {
                String problem = runJsonProblem(p, manifest);
                if (problem != null) {
                    problems.add(cell.id() + ": " + problem);
                }
                continue;
            }
            StoredFile actual;
            try {
                actual = describe(p, f.path());
            } catch (IOException e) { // a damaged file (on a local disk: its checksum fails) is a finding too
                problems.add(cell.id() + ": " + f.path() + " is unreadable (" + Errors.firstLine(e) + ")");
                continue;
            }
            if (!actual.equals(f)) {
                problems.add(cell.id() + ": " + f.path() + " differs from _DONE (" + actual.size() + " bytes, crc "
                        + actual.crc32c() + "; expected " + f.size() + " bytes, crc " + f.crc32c() + ")");
            }
        }
        Path metrics = layout.metricsFile(cell);
        if (manifest.file(layout.relative(metrics)).isPresent() && fs.exists(metrics)) {
            try {
                int rows = MetricsParquet.read(store.conf(), metrics).size();
                if (rows != manifest.epochsRun()) {
                    problems.add(cell.id() + ": metrics hold " + rows + " rows, expected " + manifest.epochsRun());
                }
            } catch (IOException | RuntimeException e) { // a damaged file is a finding of the audit, not its end
                problems.add(cell.id() + ": " + layout.relative(metrics) + " is not readable Parquet ("
                        + Errors.firstLine(e) + ")");
            }
        }
        for (FileStatus f : strays(manifest)) {
            problems.add(cell.id() + ": " + layout.relative(f.getPath()) + " is not part of the committed run");
        }
        return problems;
    }

    private StoredFile describe(Path file, String relative) throws IOException {
        CRC32C crc = new CRC32C();
        long size = 0;
        byte[] buf = new byte[1 << 16];
        try (InputStream in = fs.open(file)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                crc.update(buf, 0, n);
                size += n;
            }
        }
        return new StoredFile(relative, size, String.format("%08x", crc.getValue()));
    }

    private static String crc(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        return String.format("%08x", crc.getValue());
    }
}
