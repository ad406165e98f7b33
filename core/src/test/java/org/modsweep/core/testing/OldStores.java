package org.modsweep.core.testing;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.zip.CRC32C;
import org.apache.hadoop.fs.Path;
import org.modsweep.core.Cell;
import org.modsweep.core.Json;
import org.modsweep.core.parquet.OldSchemaFiles;
import org.modsweep.core.run.RunRecord;
import org.modsweep.core.store.CommitManifest;
import org.modsweep.core.store.ResultsStore;

/**
 * Stores as earlier versions of modsweep left them, file by file, for the tests of reading and migrating them:
 * <ul>
 *   <li>{@link #studyRun}: a run committed with a {@code _DONE} manifest, its parts of the old schema;</li>
 *   <li>{@link #legacyRun}: a study run of the first protocol, parts named by attempt, a one-line {@code _DONE};</li>
 *   <li>{@link #provisionalRun}: a run with overrides in its own store under {@code overrides/<run id>/}, with the
 *       study run's paths inside.</li>
 * </ul>
 * The numbers are {@link PlantedRuns}', so a migrated run can be compared with a freshly committed one.
 */
public final class OldStores {

    private OldStores() {}

    /** A run committed at the study run's paths of {@code store} (a manifest, parts of the old schema). */
    public static void studyRun(ResultsStore store, Cell cell, int epochs) throws IOException {
        String partition = "p=" + cell.p() + "/config=" + cell.config().key();
        String part = "part-" + cell.id() + ".parquet";
        String attempt = UUID.randomUUID().toString();
        Path root = store.root();
        List<CommitManifest.StoredFile> files = new ArrayList<>();
        Path metrics = new Path(root, "metrics/" + partition + "/" + part);
        OldSchemaFiles.writeMetrics(store.conf(), metrics, PlantedRuns.rows(cell, epochs));
        files.add(describe(store, metrics));
        Path weights = new Path(root, "weights/" + partition + "/" + part);
        OldSchemaFiles.writeWeights(store.conf(), weights, PlantedRuns.checkpoints(cell, epochs));
        files.add(describe(store, weights));
        Path runDir = new Path(root, "runs/" + partition);
        files.add(text(store, new Path(runDir, "split.json"), "{\"train\":[0],\"test\":[1]}"));
        files.add(text(store, new Path(runDir, "training_log.txt"), cell.id() + ": epochs " + epochs + "\n"));
        RunRecord record = PlantedRuns.record(cell, epochs, attempt);
        files.add(text(store, new Path(runDir, "run.json"), Json.pretty(record)));
        CommitManifest m = new CommitManifest(CommitManifest.FORMAT, cell.id(), attempt, "old-host/1/x", epochs, files);
        store.writeString(new Path(runDir, "_DONE"), m.toJson());
    }

    /** A study run of the first protocol: {@code part-00000-<attempt>.parquet}, a one-line {@code _DONE}. */
    public static void legacyRun(ResultsStore store, Cell cell, int epochs) throws IOException {
        String partition = "p=" + cell.p() + "/config=" + cell.config().key();
        String attempt = UUID.randomUUID().toString();
        String part = "part-00000-" + attempt + ".parquet";
        Path root = store.root();
        OldSchemaFiles.writeMetrics(
                store.conf(), new Path(root, "metrics/" + partition + "/" + part), PlantedRuns.rows(cell, epochs));
        OldSchemaFiles.writeWeights(
                store.conf(),
                new Path(root, "weights/" + partition + "/" + part),
                PlantedRuns.checkpoints(cell, epochs));
        Path runDir = new Path(root, "runs/" + partition);
        store.writeString(new Path(runDir, "split.json"), "{\"train\":[0],\"test\":[1]}");
        store.writeString(new Path(runDir, "training_log.txt"), cell.id() + ": epochs " + epochs + "\n");
        store.writeString(new Path(runDir, "run.json"), Json.pretty(PlantedRuns.record(cell, epochs, attempt)));
        store.writeString(new Path(runDir, "_DONE"), attempt + "\n");
    }

    /** A run with overrides as the provisional layout stored it: a store of its own under overrides/&lt;id&gt;/. */
    public static void provisionalRun(ResultsStore store, Cell cell, int epochs) throws IOException {
        studyRun(ResultsStore.open(store.root() + "/overrides/" + cell.id(), store.conf()), cell, epochs);
    }

    private static CommitManifest.StoredFile text(ResultsStore store, Path file, String content) throws IOException {
        store.writeString(file, content);
        return describe(store, file);
    }

    private static CommitManifest.StoredFile describe(ResultsStore store, Path file) throws IOException {
        CRC32C crc = new CRC32C();
        long size = 0;
        try (InputStream in = store.fs().open(file)) {
            byte[] b = in.readAllBytes();
            crc.update(b);
            size = b.length;
        }
        String rel =
                file.toUri().getPath().substring(store.root().toUri().getPath().length() + 1);
        return new CommitManifest.StoredFile(rel, size, String.format("%08x", crc.getValue()));
    }
}
