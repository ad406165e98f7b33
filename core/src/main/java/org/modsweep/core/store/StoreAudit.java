package org.modsweep.core.store;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.modsweep.core.Cell;

/**
 * The runs part of {@code verify}: every committed run against its {@code _DONE} manifest
 * ({@link ResultsStore#audit}), and every file in the Parquet datasets ({@code metrics/}, {@code weights/}) that
 * belongs to no committed run, which a plain Parquet reader would otherwise count. A partition folder holds the
 * parts of all its runs (the study run and runs with overrides).
 */
public final class StoreAudit {

    private StoreAudit() {}

    /** One line per problem; empty when the store's runs are sound. */
    public static List<String> problems(ResultsStore store) throws IOException {
        List<String> problems = new ArrayList<>();
        Set<String> named = new HashSet<>(); // files some committed run's manifest names
        Map<String, CommitManifest> studyRuns = new HashMap<>(); // partition -> its committed study run's manifest
        Map<String, Cell> partitions = new HashMap<>(); // partition with committed runs -> its study run's cell
        for (Cell cell : store.committedCells()) {
            CommitManifest m = store.committedManifest(cell);
            if (m == null) {
                continue; // uncommitted meanwhile
            }
            String partition = "p=" + cell.p() + "/config=" + cell.config().key();
            partitions.put(partition, Cell.of(cell.p(), cell.config().key()));
            if (cell.isStudyRun()) {
                studyRuns.put(partition, m);
            }
            if (!m.legacy()) {
                m.files().forEach(f -> named.add(f.path()));
            }
            problems.addAll(store.audit(cell));
        }
        for (String dataset : List.of(StoreLayout.METRICS, StoreLayout.WEIGHTS)) {
            Path root = new Path(store.root(), dataset);
            if (!store.fs().exists(root)) {
                continue;
            }
            for (FileStatus pDir : store.fs().listStatus(root)) {
                for (FileStatus cDir :
                        pDir.isDirectory() ? store.fs().listStatus(pDir.getPath()) : new FileStatus[] {pDir}) {
                    String partition =
                            pDir.getPath().getName() + "/" + cDir.getPath().getName();
                    if (cDir.isDirectory() && partitions.containsKey(partition)) {
                        strays(store, dataset, partitions.get(partition), cDir.getPath(), named, studyRuns, problems);
                        continue;
                    }
                    String what = cDir.isDirectory() ? "belongs to no committed run" : "is not a run's partition";
                    problems.add(dataset + "/" + partition + ": " + what);
                }
            }
        }
        return problems;
    }

    /**
     * Files of a partition with committed runs that no committed run names. Files that are no run's fixed-name
     * part are the study run's concern when it is committed (its audit reports them, or, committed under the
     * earlier protocol, they are its parts).
     */
    private static void strays(
            ResultsStore store,
            String dataset,
            Cell study,
            Path dir,
            Set<String> named,
            Map<String, CommitManifest> studyRuns,
            List<String> problems)
            throws IOException {
        String partition = "p=" + study.p() + "/config=" + study.config().key();
        boolean studyCommitted = studyRuns.containsKey(partition);
        for (FileStatus f : store.fs().listStatus(dir)) {
            String name = f.getPath().getName();
            String rel = store.layout().relative(f.getPath());
            if (name.startsWith(".") || named.contains(rel)) {
                continue;
            }
            boolean aRunsPart = f.isFile() && StoreLayout.runOfPart(study, name) != null;
            if (aRunsPart || !studyCommitted) {
                problems.add(dataset + "/" + partition + "/" + name + ": belongs to no committed run");
            }
        }
    }
}
