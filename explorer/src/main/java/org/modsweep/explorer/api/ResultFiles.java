package org.modsweep.explorer.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.modsweep.core.Errors;
import org.modsweep.core.Json;
import org.modsweep.core.Modulus;
import org.modsweep.core.grid.GridManifest;
import org.modsweep.core.store.ResultsStore;
import org.modsweep.core.store.StoreLayout;

/**
 * Read access to the {@code results/} part of a store, the only part the pages read. Files are re-read on every
 * request (no cache), so results written by a sweep or an on-demand job appear without a restart (explorer.md §5).
 */
public final class ResultFiles {

    /** The largest modulus the folder naming ({@code p_PPP}) supports. */
    static final int MAX_P_LISTED = 999;

    /** {@code results/grids/}: one folder per grid (GRID-FORMATS). */
    public static final String GRIDS = "grids";

    /** A grid's phase diagram: every run's outcome and every grid point's majority phase. */
    public static final String PHASES = "phases.json";

    private final ResultsStore store;

    public ResultFiles(ResultsStore store) {
        this.store = store;
    }

    public ResultsStore store() {
        return store;
    }

    /**
     * Fails with one line when the store cannot be reached or read (a wrong endpoint, a missing bucket, a file where
     * the folder should be), so that the explorer never serves an empty app over a store it cannot see. A store
     * that does not exist yet is fine: it is empty, and sweeps and on-demand jobs create it.
     */
    public void checkReadable() {
        FileStatus root;
        // a probe of its own with one quick try: with S3A's default retries an unreachable endpoint takes minutes
        Configuration quick = new Configuration(store.conf());
        quick.setInt("fs.s3a.attempts.maximum", 1);
        quick.setInt("fs.s3a.retry.limit", 2);
        quick.set("fs.s3a.retry.interval", "200ms");
        try (FileSystem fs = FileSystem.newInstance(store.root().toUri(), quick)) {
            root = fs.getFileStatus(store.root());
            if (root.isDirectory()) {
                fs.listStatus(store.root());
            }
        } catch (FileNotFoundException e) {
            return;
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot read store " + store.uri() + ": " + Errors.firstLine(e));
        }
        if (!root.isDirectory()) {
            throw new IllegalArgumentException("store " + store.uri() + " is a file, not a folder");
        }
    }

    /** Moduli with a {@code results/p_PPP} folder, ascending (explorer.md §1: suffix an int ≥ 3). */
    public List<Integer> moduli() throws IOException {
        List<Integer> out = new ArrayList<>();
        Path results = store.layout().resultsRoot();
        FileSystem fs = store.fs();
        if (!fs.exists(results)) {
            return out;
        }
        for (FileStatus st : fs.listStatus(results)) {
            String name = st.getPath().getName();
            if (!st.isDirectory() || !name.startsWith("p_")) {
                continue;
            }
            try {
                int p = Integer.parseInt(name.substring(2));
                if (p >= Modulus.MIN_P && p <= MAX_P_LISTED) {
                    out.add(p);
                }
            } catch (NumberFormatException e) {
                // not a modulus folder
            }
        }
        out.sort(Integer::compare);
        return out;
    }

    /** Parses a modulus named by a request: an odd integer 3..999. */
    public static Modulus modulus(String value) {
        int p;
        try {
            p = Integer.parseInt(value == null ? "" : value.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("p must be an odd integer >= 3");
        }
        if (p > MAX_P_LISTED) {
            throw ApiException.badRequest("p=" + p + " is out of range");
        }
        try {
            return Modulus.of(p);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    /** Store-relative path of a per-modulus result file, e.g. {@code results/p_023/p023_overview.json}. */
    public static String resultPath(Modulus p, String name) {
        return StorePaths.resolveInside(StoreLayout.RESULTS + "/p_" + p.padded(), "p" + p.padded() + "_", name);
    }

    /** Store-relative path of a cross-p summary file, e.g. {@code results/summary/cells.json}. */
    public static String summaryPath(String name) {
        return StorePaths.resolveInside(StoreLayout.RESULTS + "/" + StoreLayout.SUMMARY, "", name);
    }

    /** Store-relative folder of a grid, {@code results/grids/<id>}; an id that is not a grid id is refused. */
    public static String gridFolder(String id) {
        try {
            return StoreLayout.RESULTS + "/" + GRIDS + "/" + GridManifest.checkId(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    /** Store-relative path of a file of a grid, e.g. {@code results/grids/g1/phases.json}. */
    public static String gridPath(String id, String name) {
        return StorePaths.resolveInside(gridFolder(id), "", name);
    }

    /** Whether a grid's phase diagram is written and no run of it is missing (phases.json's "missing" is empty). */
    public boolean gridComplete(String id) throws IOException {
        Optional<byte[]> phases = read(gridPath(id, PHASES));
        if (phases.isEmpty()) {
            return false;
        }
        try {
            JsonNode missing = Json.MAPPER.readTree(phases.get()).path("missing");
            return missing.isArray() && missing.isEmpty();
        } catch (IOException e) {
            return false; // unreadable: train (resume) it again, which rewrites it
        }
    }

    /** The bytes of a store-relative file, or empty when it does not exist. */
    public Optional<byte[]> read(String relative) throws IOException {
        Path file = path(relative);
        try {
            FileStatus st = store.fs().getFileStatus(file);
            if (!st.isFile()) {
                return Optional.empty();
            }
            return Optional.of(store.readBytes(file));
        } catch (FileNotFoundException e) {
            return Optional.empty();
        }
    }

    /** Names of the files in a store-relative folder (empty when absent), sorted. */
    public List<String> list(String relativeFolder) throws IOException {
        List<String> out = new ArrayList<>();
        Path dir = path(relativeFolder);
        if (!store.fs().exists(dir)) {
            return out;
        }
        for (FileStatus st : store.fs().listStatus(dir)) {
            String n = st.getPath().getName();
            if (st.isFile() && !n.startsWith(".") && !n.startsWith("_")) {
                out.add(n);
            }
        }
        out.sort(String::compareTo);
        return out;
    }

    /** Number of files in {@code results/p_PPP} (the original app treats more than 5 as "results exist"). */
    public int countResultFiles(Modulus p) throws IOException {
        return list(StoreLayout.RESULTS + "/p_" + p.padded()).size();
    }

    private Path path(String relative) {
        try {
            return new Path(store.root(), relative);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("file name is not valid");
        }
    }
}
