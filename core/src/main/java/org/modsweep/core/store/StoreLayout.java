package org.modsweep.core.store;

import org.apache.hadoop.fs.Path;
import org.modsweep.core.Cell;
import org.modsweep.core.Modulus;

/**
 * Where everything lives inside a results store (docs/architecture.md, "Data flow"). Pure path arithmetic, no I/O.
 * <pre>
 * metrics/p=23/config=standard/part-p023-standard.parquet   (weights/ likewise: one fixed-name part per run)
 * runs/p=23/config=standard/run.json, _DONE, split.json, training_log.txt
 * results/p_023/p023_*.json|png                 results/summary/...
 * _attempts/&lt;cell&gt;/&lt;attempt&gt;/              private scratch of one training attempt, with its _lease
 * </pre>
 * Directories starting with '_' are invisible to {@code spark.read.parquet}, so attempts never leak into reads.
 */
public final class StoreLayout {

    public static final String METRICS = "metrics";
    public static final String WEIGHTS = "weights";
    public static final String RUNS = "runs";
    public static final String RESULTS = "results";
    public static final String SUMMARY = "summary";
    public static final String ATTEMPTS = "_attempts";
    /** Write probes ({@link ResultsStore#checkWritable}) live in {@code _attempts/} under this prefix. */
    public static final String PROBE_PREFIX = "_probe-";

    public static final String DONE = "_DONE";
    public static final String RUN_JSON = "run.json";
    public static final String SPLIT_JSON = "split.json";
    public static final String TRAINING_LOG = "training_log.txt";

    private final Path root;

    public StoreLayout(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    private static String partition(Cell cell) {
        return "p=" + cell.p() + "/config=" + cell.config().key();
    }

    public Path metricsDir(Cell cell) {
        return new Path(root, METRICS + "/" + partition(cell));
    }

    public Path weightsDir(Cell cell) {
        return new Path(root, WEIGHTS + "/" + partition(cell));
    }

    /** The one metrics file of a committed run; a fixed name, so a repeated commit replaces it. */
    public Path metricsFile(Cell cell) {
        return new Path(metricsDir(cell), part(cell));
    }

    /** The one weights file of a committed run. */
    public Path weightsFile(Cell cell) {
        return new Path(weightsDir(cell), part(cell));
    }

    private static String part(Cell cell) {
        return "part-" + cell.id() + ".parquet";
    }

    /** A path under the root, relative to it ({@code metrics/p=23/...}), as commit manifests name files. */
    public String relative(Path path) {
        String r = root.toUri().getPath();
        String p = path.toUri().getPath();
        if (!p.startsWith(r.endsWith("/") ? r : r + "/")) {
            throw new IllegalArgumentException(path + " is not under the store root " + root);
        }
        return p.substring(r.length()).replaceFirst("^/", "");
    }

    public Path runDir(Cell cell) {
        return new Path(root, RUNS + "/" + partition(cell));
    }

    public Path runJson(Cell cell) {
        return new Path(runDir(cell), RUN_JSON);
    }

    public Path doneMarker(Cell cell) {
        return new Path(runDir(cell), DONE);
    }

    public Path splitJson(Cell cell) {
        return new Path(runDir(cell), SPLIT_JSON);
    }

    public Path trainingLog(Cell cell) {
        return new Path(runDir(cell), TRAINING_LOG);
    }

    public Path metricsRoot() {
        return new Path(root, METRICS);
    }

    public Path weightsRoot() {
        return new Path(root, WEIGHTS);
    }

    public Path resultsRoot() {
        return new Path(root, RESULTS);
    }

    /** {@code results/p_023} */
    public Path resultsDir(Modulus p) {
        return new Path(root, RESULTS + "/p_" + p.padded());
    }

    /** {@code results/p_023/p023_<name>}, name e.g. {@code metadata.json}. */
    public Path resultFile(Modulus p, String name) {
        return new Path(resultsDir(p), "p" + p.padded() + "_" + name);
    }

    public Path summaryDir() {
        return new Path(root, RESULTS + "/" + SUMMARY);
    }

    public Path attemptDir(Cell cell, String attemptId) {
        return new Path(root, ATTEMPTS + "/" + cell.id() + "/" + attemptId);
    }
}
