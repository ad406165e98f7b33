package org.modsweep.core.store;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.UnsupportedFileSystemException;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.modsweep.core.Cell;
import org.modsweep.core.Json;
import org.modsweep.core.run.RunRecord;

/**
 * A results store on any Hadoop FileSystem: a local directory or {@code s3a://bucket/prefix}.
 *
 * <p>Commit protocol (design.md): a training attempt writes only under its private {@code _attempts/cell/id}
 * directory; {@link #commit} first removes the cell's marker and any earlier files, moves the attempt's files into
 * the Hive-style partitions, writes {@code run.json}, and writes {@code _DONE} last. A run is committed if and only
 * if its {@code _DONE} exists, so a run killed at any moment never looks complete, and a retry starts clean.
 */
public final class ResultsStore {

    private static final Logger LOG = LogManager.getLogger(ResultsStore.class);

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
     * FileSystem. An unknown scheme is an {@link IllegalArgumentException} naming it.
     */
    public static ResultsStore open(String uri, Configuration conf) throws IOException {
        if (uri == null || uri.isBlank()) {
            throw new IllegalArgumentException("no store given: use --store DIR or --store s3a://bucket/prefix");
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

    public boolean isCommitted(Cell cell) throws IOException {
        return fs.exists(layout.doneMarker(cell));
    }

    /** Reads the committed run record of a cell; throws if the cell is not committed. */
    public RunRecord readRun(Cell cell) throws IOException {
        if (!isCommitted(cell)) {
            throw new FileNotFoundException("cell " + cell.id() + " is not committed in " + uri);
        }
        return Json.MAPPER.readValue(readString(layout.runJson(cell)), RunRecord.class);
    }

    /**
     * Proves the store can be written: creates the root if needed, writes and deletes a probe file.
     * Throws an IOException that names the store otherwise.
     */
    public void checkWritable() throws IOException {
        Path probe = new Path(layout.root(), StoreLayout.ATTEMPTS + "/" + StoreLayout.PROBE_PREFIX + UUID.randomUUID());
        try {
            fs.mkdirs(layout.root());
            try (OutputStream out = fs.create(probe, false)) {
                out.write('k');
            }
            fs.delete(probe, false);
        } catch (IOException | RuntimeException e) {
            throw new IOException("store " + uri + " cannot be written: " + firstLine(e), e);
        }
    }

    /** A fresh private directory for one training attempt of a cell. */
    public Path newAttempt(Cell cell) throws IOException {
        Path dir = layout.attemptDir(cell, UUID.randomUUID().toString());
        fs.mkdirs(dir);
        return dir;
    }

    public void discardAttempt(Path attemptDir) {
        try {
            fs.delete(attemptDir, true);
        } catch (IOException e) {
            LOG.warn("could not remove attempt directory {}: {}", attemptDir, e.getMessage());
        }
    }

    /** Removes a cell's commit marker first, then its files: used by --force before retraining. */
    public void uncommit(Cell cell) throws IOException {
        fs.delete(layout.doneMarker(cell), false);
        fs.delete(layout.metricsDir(cell), true);
        fs.delete(layout.weightsDir(cell), true);
        fs.delete(layout.runDir(cell), true);
    }

    /**
     * Publishes an attempt: every file of {@code attemptDir} moves into place, then run.json, then _DONE.
     * Attempt files: metrics.parquet, weights.parquet, and any other file (split.json, training_log.txt), which
     * goes to the run directory.
     */
    public void commit(Cell cell, Path attemptDir, RunRecord record) throws IOException {
        uncommit(cell);
        fs.mkdirs(layout.metricsDir(cell));
        fs.mkdirs(layout.weightsDir(cell));
        fs.mkdirs(layout.runDir(cell));
        String part = "part-00000-" + record.attempt() + ".parquet";
        for (FileStatus f : fs.listStatus(attemptDir)) {
            String name = f.getPath().getName();
            Path target = switch (name) {
                case ATTEMPT_METRICS -> new Path(layout.metricsDir(cell), part);
                case ATTEMPT_WEIGHTS -> new Path(layout.weightsDir(cell), part);
                default -> new Path(layout.runDir(cell), name);
            };
            if (name.startsWith(".")) {
                continue; // checksum files of the local file system
            }
            if (!fs.rename(f.getPath(), target)) {
                throw new IOException("could not move " + f.getPath() + " to " + target);
            }
        }
        writeString(layout.runJson(cell), Json.pretty(record));
        writeString(layout.doneMarker(cell), record.attempt() + "\n");
        discardAttempt(attemptDir);
        LOG.info("committed {} (attempt {})", cell.id(), record.attempt());
    }

    /** Cells whose run is committed, found by listing {@code runs/p=*}{@code /config=*}{@code /_DONE}. */
    public List<Cell> committedCells() throws IOException {
        List<Cell> out = new ArrayList<>();
        Path runs = new Path(layout.root(), StoreLayout.RUNS);
        if (!fs.exists(runs)) {
            return out;
        }
        for (FileStatus pDir : fs.listStatus(runs)) {
            String pName = pDir.getPath().getName();
            if (!pDir.isDirectory() || !pName.startsWith("p=")) {
                continue;
            }
            for (FileStatus cDir : fs.listStatus(pDir.getPath())) {
                String cName = cDir.getPath().getName();
                if (cDir.isDirectory() && cName.startsWith("config=")
                        && fs.exists(new Path(cDir.getPath(), StoreLayout.DONE))) {
                    try {
                        out.add(Cell.of(Integer.parseInt(pName.substring(2)), cName.substring(7)));
                    } catch (IllegalArgumentException e) {
                        LOG.warn("ignoring unexpected run directory {}", cDir.getPath());
                    }
                }
            }
        }
        out.sort((a, b) -> a.p() != b.p() ? Integer.compare(a.p(), b.p()) : a.id().compareTo(b.id()));
        return out;
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

    private static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    @Override
    public String toString() {
        return uri;
    }
}
