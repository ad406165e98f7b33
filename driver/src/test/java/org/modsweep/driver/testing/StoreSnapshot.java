package org.modsweep.driver.testing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.modsweep.core.Cell;
import org.modsweep.core.parquet.Checkpoint;
import org.modsweep.core.parquet.MetricsParquet;
import org.modsweep.core.parquet.WeightsParquet;
import org.modsweep.core.run.RunRecord;
import org.modsweep.core.store.ResultsStore;
import org.modsweep.core.store.StoreLayout;

/**
 * What a store holds for its committed cells, reduced to what must not depend on how the sweep went (retries,
 * kills, resumes): metrics rows, checkpoint weights, split and training log, and the run record without its
 * times and attempt id. Two stores with equal snapshots hold the same study results.
 */
public final class StoreSnapshot {

    private StoreSnapshot() {}

    public static Map<String, Object> of(ResultsStore store) throws IOException {
        Map<String, Object> out = new TreeMap<>();
        for (Cell cell : store.committedCells()) {
            StoreLayout l = store.layout();
            out.put(cell.id() + "/metrics.parts", parts(store, cell, l.metricsDir(cell)));
            out.put(cell.id() + "/weights.parts", parts(store, cell, l.weightsDir(cell)));
            out.put(cell.id() + "/metrics", MetricsParquet.read(store.conf(), store.metricsFile(cell)));
            List<String> ckpts = new ArrayList<>();
            for (Checkpoint c : WeightsParquet.readCheckpoints(store.conf(), store.weightsFile(cell))) {
                ckpts.add(c.epoch() + ":" + java.util.Arrays.hashCode(c.wIn().values()) + ":"
                        + java.util.Arrays.hashCode(c.wOut().values()));
            }
            Checkpoint fin = WeightsParquet.readFinal(store.conf(), store.weightsFile(cell));
            ckpts.add("final " + fin.epoch() + ":"
                    + java.util.Arrays.hashCode(fin.wIn().values()));
            out.put(cell.id() + "/weights", ckpts);
            out.put(cell.id() + "/split.json", store.readString(l.splitJson(cell)));
            out.put(cell.id() + "/training_log.txt", store.readString(l.trainingLog(cell)));
            RunRecord r = store.readRun(cell);
            out.put(
                    cell.id() + "/run",
                    List.of(
                            r.cell(),
                            r.config(),
                            r.epochCap() == null ? "-" : r.epochCap(),
                            r.epochsRun(),
                            r.stoppedEarly(),
                            r.checkpoints(),
                            r.finalMetrics(),
                            r.nTrain(),
                            r.nTest()));
        }
        return out;
    }

    /** Files of a partition folder that are the cell's part or strays (the partition's other runs' parts not). */
    private static int parts(ResultsStore store, Cell cell, Path dir) throws IOException {
        int n = 0;
        for (FileStatus f : store.fs().listStatus(dir)) {
            String name = f.getPath().getName();
            String run = StoreLayout.runOfPart(cell, name);
            if (f.isFile() && !name.startsWith(".") && (run == null || run.equals(cell.id()))) {
                n++;
            }
        }
        return n;
    }

    /** Data files (not checksums) directly in a directory. */
    public static int count(ResultsStore store, Path dir) throws IOException {
        int n = 0;
        for (FileStatus f : store.fs().listStatus(dir)) {
            if (f.isFile() && !f.getPath().getName().startsWith(".")) {
                n++;
            }
        }
        return n;
    }

    private static final String EVENT_LOGS = "spark-events/";

    /** Every file path under the store root, relative, sorted; the sweeps' Spark event logs left out. */
    public static List<String> files(ResultsStore store) throws IOException {
        List<String> out = new ArrayList<>();
        if (!store.fs().exists(store.root())) {
            return out;
        }
        String root = store.root().toString();
        RemoteIterator<LocatedFileStatus> it = store.fs().listFiles(store.root(), true);
        while (it.hasNext()) {
            String p = it.next().getPath().toString();
            String rel = p.startsWith(root) ? p.substring(root.length()) : p;
            rel = rel.startsWith("/") ? rel.substring(1) : rel;
            // Spark's event logs (one per sweep, named by application) are not study results
            if (!rel.substring(rel.lastIndexOf('/') + 1).startsWith(".") && !rel.startsWith(EVENT_LOGS)) {
                out.add(rel);
            }
        }
        out.sort(null);
        return out;
    }
}
