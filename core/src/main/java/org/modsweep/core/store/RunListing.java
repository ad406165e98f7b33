package org.modsweep.core.store;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.modsweep.core.Cell;
import org.modsweep.core.Json;
import org.modsweep.core.Modulus;
import org.modsweep.core.config.ConfigJson;
import org.modsweep.core.config.ConfigKey;
import org.modsweep.core.config.Overrides;
import org.modsweep.core.config.RunConfig;
import org.modsweep.core.config.StudyConfigs;
import org.modsweep.core.run.RunRecord;

/**
 * Finds the runs a store holds from its folders: {@code runs/p=P/config=C/} is a study run's folder, and each folder
 * below it named by a run id of that partition is a run with overrides. Package-private: {@link ResultsStore} is
 * the entry point.
 */
final class RunListing {

    private static final Logger LOG = LogManager.getLogger(RunListing.class);

    private RunListing() {}

    /** Every committed run, study runs and runs with overrides, ordered by p then id. */
    static List<Cell> committed(ResultsStore store) throws IOException {
        List<Cell> out = new ArrayList<>();
        for (Cell cell : all(store)) {
            if (store.isCommitted(cell)) {
                out.add(cell);
            }
        }
        out.sort((a, b) -> a.p() != b.p() ? Integer.compare(a.p(), b.p()) : a.id().compareTo(b.id()));
        return out;
    }

    /** Every run with a {@code _DONE} (parseable or not) in the store's run folders. */
    static List<Cell> all(ResultsStore store) throws IOException {
        FileSystem fs = store.fs();
        List<Cell> out = new ArrayList<>();
        Path runs = new Path(store.root(), StoreLayout.RUNS);
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
                if (!cDir.isDirectory() || !cName.startsWith("config=")) {
                    continue;
                }
                Cell study;
                try {
                    study = Cell.of(Integer.parseInt(pName.substring(2)), cName.substring(7));
                } catch (IllegalArgumentException e) {
                    LOG.warn("ignoring unexpected run directory {}", cDir.getPath());
                    continue;
                }
                for (FileStatus entry : fs.listStatus(cDir.getPath())) {
                    String name = entry.getPath().getName();
                    if (entry.isFile() && name.equals(StoreLayout.DONE)) {
                        out.add(study);
                    } else if (entry.isDirectory()
                            && StoreLayout.isRunOfPartition(study, name)
                            && fs.exists(new Path(entry.getPath(), StoreLayout.DONE))) {
                        Cell run = runWithOverrides(store, study, name);
                        if (run != null) {
                            out.add(run);
                        }
                    }
                }
            }
        }
        return out;
    }

    /**
     * The run of folder {@code id} below the study run's: from its id, or, for a hashed id (too long to read back),
     * from its run.json's configuration. Null (with a warning) when neither names a run of this partition.
     */
    private static Cell runWithOverrides(ResultsStore store, Cell study, String id) {
        try {
            Cell cell = Cell.parse(id);
            if (cell.p() == study.p()
                    && cell.config().key().equals(study.config().key())) {
                return cell;
            }
        } catch (IllegalArgumentException e) {
            Cell cell = fromRunJson(store, study, id);
            if (cell != null) {
                return cell;
            }
        }
        LOG.warn(
                "ignoring run folder {}: not a run of p={} {}",
                id,
                study.p(),
                study.config().key());
        return null;
    }

    private static Cell fromRunJson(ResultsStore store, Cell study, String id) {
        Path json = new Path(store.layout().partitionRunDir(study), id + "/" + StoreLayout.RUN_JSON);
        try {
            RunRecord r = Json.MAPPER.readValue(store.readString(json), RunRecord.class);
            RunConfig trained = ConfigJson.fromMap(r.config());
            Modulus p = study.modulus();
            Cell cell = new Cell(p, trained);
            if (!cell.id().equals(id) && r.epochCap() != null) {
                // run.json holds the configuration as trained; the id the one before the --epochs cap
                int preset = StudyConfigs.byKey(trained.key()).numEpochs();
                cell = new Cell(p, trained.with(Overrides.of(Map.of(ConfigKey.NUM_EPOCHS, preset))));
            }
            return cell.id().equals(id) ? cell : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The metrics or weights of a study run committed under the earlier protocol (a one-line {@code _DONE}): the
     * part named by its attempt, else the folder read whole as that protocol did, unless other runs' parts share
     * it; then the one part of no run.
     */
    static Path legacyPart(ResultsStore store, Cell cell, Path dir, String attempt) throws IOException {
        FileSystem fs = store.fs();
        Path named = new Path(dir, "part-00000-" + attempt + ".parquet");
        if (fs.exists(named)) {
            return named;
        }
        List<Path> ours = new ArrayList<>();
        boolean shared = false;
        for (FileStatus f : fs.exists(dir) ? fs.listStatus(dir) : new FileStatus[0]) {
            String name = f.getPath().getName();
            if (!f.isFile() || !name.endsWith(".parquet") || name.startsWith(".") || name.startsWith("_")) {
                continue;
            }
            if (StoreLayout.runOfPart(cell, name) != null) {
                shared = true;
            } else {
                ours.add(f.getPath());
            }
        }
        if (!shared) {
            return dir;
        }
        if (ours.size() == 1) {
            return ours.get(0);
        }
        throw new FileNotFoundException(cell.id() + ": " + ours.size() + " parts of the earlier protocol in " + dir
                + " beside other runs' parts; run 'modsweep migrate --store " + store.uri() + "'");
    }
}
