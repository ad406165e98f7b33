package org.modsweep.core.store;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.modsweep.core.Cell;

/**
 * The runs part of {@code verify}: every committed run against its {@code _DONE} manifest
 * ({@link ResultsStore#audit}), and every file in the Parquet datasets ({@code metrics/}, {@code weights/}) that
 * belongs to no committed run, which a plain Parquet reader would otherwise count.
 */
public final class StoreAudit {

    private StoreAudit() {}

    /** One line per problem; empty when the store's runs are sound. */
    public static List<String> problems(ResultsStore store) throws IOException {
        List<String> problems = new ArrayList<>();
        Set<String> committed = new HashSet<>();
        for (Cell cell : store.committedCells()) {
            committed.add("p=" + cell.p() + "/config=" + cell.config().key());
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
                    if (cDir.isDirectory() && committed.contains(partition)) {
                        continue;
                    }
                    String what = cDir.isDirectory() ? "belongs to no committed run" : "is not a run's partition";
                    problems.add(dataset + "/" + partition + ": " + what);
                }
            }
        }
        return problems;
    }
}
