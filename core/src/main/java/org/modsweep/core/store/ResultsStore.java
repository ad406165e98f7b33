package org.modsweep.core.store;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.UnsupportedFileSystemException;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.modsweep.core.Cell;
import org.modsweep.core.Errors;
import org.modsweep.core.Json;
import org.modsweep.core.run.RunRecord;

/**
 * A results store on any Hadoop FileSystem: a local directory or {@code s3a://bucket/prefix}.
 *
 * <p>Commit protocol (docs/architecture.md, "The store's commit protocol"): a training attempt writes only under
 * its private, leased {@code _attempts/cell/id} directory; {@link #commit} publishes it under fixed file names and
 * writes {@code _DONE} last, a manifest naming every file of the run with its size and checksum. A run is
 * committed if and only if its {@code _DONE} and run.json parse; readers take the files the manifest names.
 */
public final class ResultsStore {

    private static final Logger LOG = LogManager.getLogger(ResultsStore.class);
    /** Markers already reported as unreadable: one warning each per JVM. */
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();
    /** How long a reader waits before it reads an unparsable {@code _DONE} again. */
    static final long SETTLE_MILLIS = 200;

    /** File names inside an attempt directory. */
    public static final String ATTEMPT_METRICS = "metrics.parquet";

    public static final String ATTEMPT_WEIGHTS = "weights.parquet";

    private final String uri;
    private final Configuration conf;
    private final FileSystem fs;
    private final StoreLayout layout;

    private ResultsStore(String uri, Configuration conf, FileSystem fs, Path root) {
        this.uri = uri;
        this.conf = conf;
        this.fs = fs;
        this.layout = new StoreLayout(root);
    }

    /** Opens a store with a default Hadoop configuration (S3A credentials from the standard environment). */
    public static ResultsStore open(String uri) throws IOException {
        return open(uri, new Configuration());
    }

    /**
     * Opens a store. A plain path means a local directory; otherwise any URI whose scheme has a Hadoop
     * FileSystem. An unknown scheme is an {@link IllegalArgumentException} naming it. A local store is served by
     * {@link NioLocalFileSystem} unless the configuration names its own {@code fs.file.impl} (a copy is changed,
     * never the caller's configuration).
     */
    public static ResultsStore open(String uri, Configuration conf) throws IOException {
        if (uri == null || uri.isBlank()) {
            throw new IllegalArgumentException("no store given: use --store DIR or --store s3a://bucket/prefix");
        }
        if (conf.get(NioLocalFileSystem.IMPL_KEY, "").isBlank()) {
            conf = NioLocalFileSystem.register(new Configuration(conf));
        }
        StoreUris.refuseUserInfo(uri); // before anything could log or echo the URI
        Path root = toPath(uri.trim());
        FileSystem fs;
        try {
            fs = root.getFileSystem(conf);
        } catch (UnsupportedFileSystemException e) {
            throw new IllegalArgumentException("store '" + uri + "': no file system for scheme '"
                    + root.toUri().getScheme() + "' (use a local directory, file://, s3a:// or another Hadoop URI)");
        }
        return new ResultsStore(uri.trim(), conf, fs, fs.makeQualified(root));
    }

    private static Path toPath(String uri) {
        try {
            URI u = new URI(uri);
            if (u.getScheme() != null && u.getScheme().length() > 1) {
                return new Path(u);
            }
        } catch (URISyntaxException e) {
            // not a URI: a local path
        }
        return new Path(java.nio.file.Path.of(uri).toAbsolutePath().normalize().toUri());
    }

    public String uri() {
        return uri;
    }

    public Configuration conf() {
        return conf;
    }

    public FileSystem fs() {
        return fs;
    }

    public StoreLayout layout() {
        return layout;
    }

    public Path root() {
        return layout.root();
    }

    /** Whether the cell's run is committed: its {@code _DONE} manifest and its run.json parse. */
    public boolean isCommitted(Cell cell) throws IOException {
        return committedManifest(cell) != null;
    }

    /**
     * The manifest of the cell's committed run, or null when there is none. An unreadable {@code _DONE} or
     * run.json makes the run uncommitted (logged once): the next sweep trains it again. A marker that does not parse
     * is read once more after {@link #SETTLE_MILLIS}: on a local store a commit writes {@code _DONE} as create then
     * write, so a reader can catch it empty for a moment (S3 PUTs are atomic).
     */
    public CommitManifest committedManifest(Cell cell) throws IOException {
        Path done = layout.doneMarker(cell);
        if (!fs.exists(done)) {
            return null;
        }
        try {
            return readCommitted(cell);
        } catch (IOException first) {
            IOException e = first;
            if (!WARNED.contains(done.toString())) { // a marker already found damaged is not waited for again
                try {
                    Thread.sleep(SETTLE_MILLIS);
                    return fs.exists(done) ? readCommitted(cell) : null;
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                } catch (IOException again) {
                    e = again;
                }
            }
            if (!fs.exists(done)) {
                return null; // uncommitted meanwhile (a commit replacing it)
            }
            if (WARNED.add(done.toString())) {
                LOG.warn(
                        "{}: {} is unreadable ({}); the run counts as uncommitted and trains again",
                        cell.id(),
                        e instanceof UnreadableRunJson ? StoreLayout.RUN_JSON : StoreLayout.DONE,
                        Errors.firstLine(e instanceof UnreadableRunJson ? e.getCause() : e));
            }
            return null;
        }
    }

    /** The run.json of a run whose {@code _DONE} parsed. */
    private static final class UnreadableRunJson extends IOException {
        UnreadableRunJson(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    private CommitManifest readCommitted(Cell cell) throws IOException {
        CommitManifest m = CommitManifest.parse(readString(layout.doneMarker(cell)));
        try {
            Json.MAPPER.readValue(readString(layout.runJson(cell)), RunRecord.class);
        } catch (IOException e) {
            throw new UnreadableRunJson(e);
        }
        return m;
    }

    /** Reads the committed run record of a cell; throws if the cell is not committed. */
    public RunRecord readRun(Cell cell) throws IOException {
        if (!isCommitted(cell)) {
            throw new FileNotFoundException("cell " + cell.id() + " is not committed in " + uri);
        }
        return Json.MAPPER.readValue(readString(layout.runJson(cell)), RunRecord.class);
    }

    /** The committed run's metrics: the file its manifest names (a store of the earlier protocol: the folder). */
    public Path metricsFile(Cell cell) throws IOException {
        return committedFile(cell, layout.metricsFile(cell), layout.metricsDir(cell));
    }

    /** The committed run's weights, as {@link #metricsFile}. */
    public Path weightsFile(Cell cell) throws IOException {
        return committedFile(cell, layout.weightsFile(cell), layout.weightsDir(cell));
    }

    private Path committedFile(Cell cell, Path file, Path legacyDir) throws IOException {
        CommitManifest m = committedManifest(cell);
        if (m == null) {
            throw new FileNotFoundException("cell " + cell.id() + " is not committed in " + uri);
        }
        if (m.legacy()) {
            return RunListing.legacyPart(this, cell, legacyDir, m.attempt());
        }
        if (m.file(layout.relative(file)).isEmpty()) {
            throw new FileNotFoundException(cell.id() + ": _DONE does not name " + layout.relative(file));
        }
        return file;
    }

    /**
     * What is wrong with a committed run, one line each: files missing or differing from its manifest, metrics
     * rows other than epochs_run, files in its folders that are not part of it. Empty when sound or uncommitted.
     */
    public List<String> audit(Cell cell) throws IOException {
        CommitManifest m = committedManifest(cell);
        return m == null ? List.of() : new RunCommit(this, cell).audit(m);
    }

    /**
     * Proves the store can be written: creates the root if needed, writes and deletes a probe file.
     * Throws an IOException that names the store otherwise.
     */
    public void checkWritable() throws IOException {
        Path probe = new Path(layout.root(), StoreLayout.ATTEMPTS + "/" + AttemptLease.probeName());
        try {
            fs.mkdirs(layout.root());
            AttemptLease.write(fs, probe); // a lease, so that another writer's cleanup leaves a live probe alone
            fs.delete(probe, false);
        } catch (IOException | RuntimeException e) {
            throw new IOException("store " + uri + " cannot be written: " + Errors.firstLine(e), e);
        }
    }

    /** A fresh private directory for one training attempt of a cell, leased to this JVM until committed. */
    public Path newAttempt(Cell cell) throws IOException {
        Path dir = layout.attemptDir(cell, AttemptLease.attemptId());
        fs.mkdirs(dir);
        AttemptLease.hold(fs, dir, AttemptLease.leaseMillis(conf));
        return dir;
    }

    /** Gives up an attempt: its lease ends and its directory goes. */
    public void discardAttempt(Path attemptDir) {
        AttemptLease.release(attemptDir);
        try {
            fs.delete(attemptDir, true);
        } catch (IOException e) {
            LOG.warn("could not remove attempt directory {}: {}", attemptDir, e.getMessage());
        }
    }

    /**
     * Removes what killed writers left in {@code _attempts}: attempt directories and write probes whose lease is
     * over ({@link AttemptLease}), then emptied directories. Another writer's live attempt stays, on any machine.
     * Failures are logged, not thrown.
     */
    public void discardStaleAttempts() {
        Path attempts = new Path(layout.root(), StoreLayout.ATTEMPTS);
        long lease = AttemptLease.leaseMillis(conf);
        long now = System.currentTimeMillis();
        try {
            if (!fs.exists(attempts)) {
                return;
            }
            for (FileStatus entry : fs.listStatus(attempts)) {
                if (entry.isFile()) {
                    if (entry.getPath().getName().startsWith(StoreLayout.PROBE_PREFIX)) {
                        discardIfExpired(entry.getPath(), lease, now);
                    }
                    continue;
                }
                for (FileStatus attempt : fs.listStatus(entry.getPath())) {
                    discardIfExpired(attempt.getPath(), lease, now);
                }
                deleteIfEmpty(entry.getPath());
            }
            deleteIfEmpty(attempts);
        } catch (IOException e) {
            LOG.warn("could not remove stale attempt directories under {}: {}", attempts, e.getMessage());
        }
    }

    private void discardIfExpired(Path attemptOrProbe, long lease, long now) throws IOException {
        try {
            if (AttemptLease.expired(fs, attemptOrProbe, lease, now)) {
                LOG.info("removing stale {}", layout.relative(attemptOrProbe));
                fs.delete(attemptOrProbe, true);
            }
        } catch (FileNotFoundException e) {
            LOG.debug("{} went meanwhile (its writer committed or discarded it)", attemptOrProbe);
        }
    }

    /** Non-recursive: a directory another writer just filled stays. */
    private void deleteIfEmpty(Path dir) {
        try {
            if (fs.listStatus(dir).length == 0) {
                fs.delete(dir, false);
            }
        } catch (IOException e) {
            LOG.debug("{} stays: {}", dir, e.toString());
        }
    }

    /**
     * Removes a cell's commit marker first, then its files (the partition's other runs stay): used by --force
     * before retraining.
     */
    public void uncommit(Cell cell) throws IOException {
        new RunCommit(this, cell).removeRun();
    }

    /**
     * Publishes an attempt as the cell's committed run (see {@link RunCommit}): its metrics.parquet,
     * weights.parquet, split.json and training_log.txt, then run.json, then {@code _DONE}. A run with the same
     * data committed already (a zombie's retry, a concurrent sweep) is left as it is. Either way the attempt's
     * lease ends and its directory goes.
     */
    public void commit(Cell cell, Path attemptDir, RunRecord record) throws IOException {
        boolean changed = new RunCommit(this, cell).commit(attemptDir, record);
        discardAttempt(attemptDir);
        if (changed) {
            LOG.info("committed {} (attempt {})", cell.id(), record.attempt());
        }
    }

    /**
     * Every committed run, study runs and runs with overrides (an unreadable _DONE or run.json: not), found by
     * listing {@code runs/p=*}{@code /config=*}{@code /_DONE} and the run folders below them. Callers about the
     * study alone keep {@link Cell#isStudyRun()}.
     */
    public List<Cell> committedCells() throws IOException {
        return RunListing.committed(this);
    }

    public void writeString(Path file, String text) throws IOException {
        try (OutputStream out = fs.create(file, true)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    public void writeBytes(Path file, byte[] bytes) throws IOException {
        try (OutputStream out = fs.create(file, true)) {
            out.write(bytes);
        }
    }

    public String readString(Path file) throws IOException {
        return new String(readBytes(file), StandardCharsets.UTF_8);
    }

    public byte[] readBytes(Path file) throws IOException {
        try (InputStream in = fs.open(file)) {
            return in.readAllBytes();
        }
    }

    @Override
    public String toString() {
        return uri;
    }
}
