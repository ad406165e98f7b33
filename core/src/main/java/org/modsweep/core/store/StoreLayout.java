package org.modsweep.core.store;

import org.apache.hadoop.fs.Path;
import org.modsweep.core.Cell;
import org.modsweep.core.Modulus;

/**
 * Where everything lives inside a results store (docs/architecture.md, "Data flow"). Pure path arithmetic, no I/O.
 * <pre>
 * metrics/p=23/config=standard/part-p023-standard.parquet   (weights/ likewise: one fixed-name part per run)
 * metrics/p=23/config=standard/part-p023-standard-seed7.parquet          a run with overrides, beside it
 * runs/p=23/config=standard/run.json, _DONE, split.json, training_log.txt
 * runs/p=23/config=standard/p023-standard-seed7/run.json, _DONE, ...    its own folder below the study run's
 * results/p_023/p023_*.json|png                 results/summary/...
 * _attempts/&lt;cell&gt;/&lt;attempt&gt;/              private scratch of one training attempt, with its _lease
 * </pre>
 * Directories starting with '_' are invisible to {@code spark.read.parquet}, so attempts never leak into reads.
 * Every run of a (p, configuration) shares that partition; the paths follow from the {@link Cell} alone.
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
        return PART_PREFIX + cell.id() + PART_SUFFIX;
    }

    private static final String PART_PREFIX = "part-";
    private static final String PART_SUFFIX = ".parquet";

    /**
     * The run whose fixed-name part a file of the cell's partition is ({@code part-<run id>.parquet} of the study
     * run or of a run with overrides of the same p and configuration), or null for any other name (a part of an
     * earlier protocol, or a foreign file).
     */
    public static String runOfPart(Cell cell, String fileName) {
        if (!fileName.startsWith(PART_PREFIX) || !fileName.endsWith(PART_SUFFIX)) {
            return null;
        }
        String id = fileName.substring(PART_PREFIX.length(), fileName.length() - PART_SUFFIX.length());
        return isRunOfPartition(cell, id) ? id : null;
    }

    /** Whether {@code id} names a run of the cell's (p, configuration): its study run's id, or that id and more. */
    public static boolean isRunOfPartition(Cell cell, String id) {
        String study = studyId(cell);
        return id.equals(study) || (id.startsWith(study + "-") && id.length() > study.length() + 1);
    }

    private static String studyId(Cell cell) {
        return "p" + cell.modulus().padded() + "-" + cell.config().key();
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

    /** The run's folder: the partition's for a study run, a folder named by its id below that for a run with overrides. */
    public Path runDir(Cell cell) {
        Path study = partitionRunDir(cell);
        return cell.isStudyRun() ? study : new Path(study, cell.id());
    }

    /** {@code runs/p=P/config=C}: the study run's folder, holding the folders of the partition's other runs. */
    public Path partitionRunDir(Cell cell) {
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
