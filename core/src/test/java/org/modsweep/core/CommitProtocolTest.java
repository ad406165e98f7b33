package org.modsweep.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modsweep.core.parquet.Checkpoint;
import org.modsweep.core.parquet.EpochMetrics;
import org.modsweep.core.parquet.MetricsParquet;
import org.modsweep.core.parquet.RunColumns;
import org.modsweep.core.parquet.WeightTensor;
import org.modsweep.core.parquet.WeightsParquet;
import org.modsweep.core.run.RunRecord;
import org.modsweep.core.store.AttemptLease;
import org.modsweep.core.store.CommitManifest;
import org.modsweep.core.store.ProcessStarts;
import org.modsweep.core.store.ResultsStore;
import org.modsweep.core.store.StoreAudit;
import org.modsweep.core.testing.PlantedRuns;

/** The store's commit protocol on a local disk (docs/architecture.md): repeats, damage, leases, audit. */
class CommitProtocolTest {

    @TempDir
    java.nio.file.Path tmp;

    private final Cell cell = Cell.of(3, "standard");

    /** An attempt holding a deterministic run of {@code epochs} epochs, as the worker writes it. */
    static Path attempt(ResultsStore store, Cell cell, int epochs) throws IOException {
        Path dir = store.newAttempt(cell);
        List<EpochMetrics> rows = new ArrayList<>();
        for (int e = 0; e < epochs; e++) {
            rows.add(new EpochMetrics(e, 3.1 - e * 0.1, 3.2 - e * 0.1, e / 9.0, e / 10.0, 0.01 * e, 3.2, 1e-3));
        }
        MetricsParquet.write(store.conf(), new Path(dir, ResultsStore.ATTEMPT_METRICS), RunColumns.of(cell), rows);
        float[] w = {1, 2, 3, 4, 5, epochs};
        try (WeightsParquet.Writer out = new WeightsParquet.Writer(
                store.conf(), new Path(dir, ResultsStore.ATTEMPT_WEIGHTS), RunColumns.of(cell))) {
            out.append(new Checkpoint(0, false, new WeightTensor("W_in", 2, 3, w), new WeightTensor("W_out", 3, 2, w)));
            out.append(new Checkpoint(
                    epochs - 1, true, new WeightTensor("W_in", 2, 3, w), new WeightTensor("W_out", 3, 2, w)));
        }
        store.writeString(new Path(dir, "split.json"), "{\"train\":[0],\"test\":[1]}");
        store.writeString(new Path(dir, "training_log.txt"), "epochs " + epochs + "\n");
        return dir;
    }

    static RunRecord record(Cell cell, int epochs, Path attempt) {
        return PlantedRuns.recordOf(cell, epochs, attempt.getName())
                .dMlp(512)
                .epochCap(epochs)
                .build();
    }

    static int parts(java.nio.file.Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return (int) s.filter(f -> f.getFileName().toString().endsWith(".parquet"))
                    .count();
        }
    }

    @Test
    void aRepeatedCommitOfTheSameTrainingChangesNothing() throws Exception {
        ResultsStore store = ResultsStore.open(tmp.resolve("store").toString());
        Path retry = attempt(store, cell, 7);
        Path zombie = attempt(store, cell, 7);
        store.commit(cell, retry, record(cell, 7, retry));
        String done = store.readString(store.layout().doneMarker(cell));
        store.commit(cell, zombie, record(cell, 7, zombie)); // the zombie finishes after its retry committed

        assertEquals(done, store.readString(store.layout().doneMarker(cell)), "the retry's commit stands");
        assertEquals(retry.getName(), store.readRun(cell).attempt());
        assertEquals(1, parts(tmp.resolve("store/metrics/p=3/config=standard")));
        assertEquals(1, parts(tmp.resolve("store/weights/p=3/config=standard")));
        assertEquals(
                7,
                MetricsParquet.read(store.conf(), store.layout().metricsDir(cell))
                        .size());
        assertFalse(store.fs().exists(zombie));
        assertEquals(List.of(), StoreAudit.problems(store));
        CommitManifest m = store.committedManifest(cell);
        assertEquals(
                List.of(
                        "metrics/p=3/config=standard/part-p003-standard.parquet",
                        "weights/p=3/config=standard/part-p003-standard.parquet",
                        "runs/p=3/config=standard/split.json",
                        "runs/p=3/config=standard/training_log.txt",
                        "runs/p=3/config=standard/run.json"),
                m.files().stream().map(CommitManifest.StoredFile::path).toList());
        assertEquals(7, m.epochsRun());
    }

    @Test
    void writingCommittingAndAuditingARunStartsNoProcess() throws Exception {
        ResultsStore store = ResultsStore.open(tmp.resolve("store").toString());
        List<String> forks = ProcessStarts.during(() -> {
            Path dir = attempt(store, cell, 7);
            store.commit(cell, dir, record(cell, 7, dir));
            assertEquals(List.of(), StoreAudit.problems(store));
            assertEquals(7, store.readRun(cell).epochsRun());
        });
        assertEquals(List.of(), forks, "Hadoop's local file system forks chmod/ls; the store's must not");
    }

    @Test
    void aLongerTrainingReplacesTheRunUnderTheSameNames() throws Exception {
        ResultsStore store = ResultsStore.open(tmp.resolve("store").toString());
        Path quick = attempt(store, cell, 4);
        store.commit(cell, quick, record(cell, 4, quick));
        Path full = attempt(store, cell, 9);
        store.commit(cell, full, record(cell, 9, full));
        assertEquals(9, store.readRun(cell).epochsRun());
        assertEquals(
                9, MetricsParquet.read(store.conf(), store.metricsFile(cell)).size());
        assertEquals(1, parts(tmp.resolve("store/metrics/p=3/config=standard")));
        assertEquals(List.of(), store.audit(cell));
    }

    @Test
    void anAttemptWhoseMetricsLackRowsOrWhoseDirectoryWasTakenDoesNotCommit() throws Exception {
        ResultsStore store = ResultsStore.open(tmp.resolve("store").toString());
        Path short_ = attempt(store, cell, 5);
        IOException e = assertThrows(IOException.class, () -> store.commit(cell, short_, record(cell, 6, short_)));
        assertTrue(e.getMessage().contains("5 metrics rows for 6 epochs"), e.getMessage());
        assertFalse(store.isCommitted(cell));

        Path taken = attempt(store, cell, 5);
        store.fs().delete(taken, true); // as a cleanup would after the lease ran out while the writer stalled
        e = assertThrows(IOException.class, () -> store.commit(cell, taken, record(cell, 5, taken)));
        assertTrue(e.getMessage().contains("lost its lease"), e.getMessage());
        assertFalse(store.isCommitted(cell));
        assertFalse(Files.exists(tmp.resolve("store/metrics")), "nothing reached the datasets");
    }

    @Test
    void aCorruptDoneOrRunJsonMakesTheRunUncommitted() throws Exception {
        ResultsStore store = ResultsStore.open(tmp.resolve("store").toString());
        Path a = attempt(store, cell, 5);
        store.commit(cell, a, record(cell, 5, a));
        Cell other = Cell.of(3, "quad_random");
        Path b = attempt(store, other, 5);
        store.commit(other, b, record(other, 5, b));
        assertEquals(List.of(other, cell), store.committedCells());

        Files.writeString(tmp.resolve("store/runs/p=3/config=standard/run.json"), "{\"cell\": \"p003-st");
        Files.writeString(tmp.resolve("store/runs/p=3/config=quad_random/_DONE"), "{\"format\": 1, \"cell\":");
        Files.delete(tmp.resolve("store/runs/p=3/config=quad_random/._DONE.crc")); // a parse error, not a checksum one
        assertFalse(store.isCommitted(cell));
        assertFalse(store.isCommitted(other));
        assertEquals(List.of(), store.committedCells());
        assertThrows(java.io.FileNotFoundException.class, () -> store.readRun(cell));

        // training again replaces the damaged run
        Path again = attempt(store, cell, 5);
        store.commit(cell, again, record(cell, 5, again));
        assertTrue(store.isCommitted(cell));
        assertEquals(List.of(), store.audit(cell));
        // a one-line marker of the earlier protocol still counts
        store.writeString(store.layout().doneMarker(other), java.util.UUID.randomUUID() + "\n"); // its attempt id
        assertTrue(store.isCommitted(other));
        assertTrue(store.committedManifest(other).legacy());
    }

    @Test
    void anAttemptKilledBeforeItsLeaseIsRemovedAtOnce() throws Exception {
        ResultsStore store = ResultsStore.open(tmp.resolve("store").toString());
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        String host = java.net.InetAddress.getLocalHost().getHostName();
        // the directory exists, its lease file was never written: the name alone says whose it was
        java.nio.file.Path dead = Files.createDirectories(tmp.resolve(
                "store/_attempts/p003-standard/" + java.util.UUID.randomUUID() + "-" + gone.pid() + "@" + host));
        Files.writeString(dead.resolve("metrics.parquet"), "partial");
        java.nio.file.Path live =
                Files.createDirectories(tmp.resolve("store/_attempts/p003-quad_random/" + java.util.UUID.randomUUID()
                        + "-" + ProcessHandle.current().parent().orElseThrow().pid() + "@" + host));
        store.discardStaleAttempts();
        assertFalse(Files.exists(dead), "a dead local writer's attempt goes at once");
        assertTrue(Files.exists(live), "a live writer's attempt without a lease yet stays");
    }

    @Test
    void theAuditFindsWhatDoesNotMatchTheManifest() throws Exception {
        ResultsStore store = ResultsStore.open(tmp.resolve("store").toString());
        Path a = attempt(store, cell, 6);
        store.commit(cell, a, record(cell, 6, a));
        assertEquals(List.of(), StoreAudit.problems(store));

        java.nio.file.Path metrics = tmp.resolve("store/metrics/p=3/config=standard");
        Files.copy(metrics.resolve("part-p003-standard.parquet"), metrics.resolve("part-00000-zombie.parquet"));
        Files.writeString(tmp.resolve("store/runs/p=3/config=standard/training_log.txt"), "edited\n");
        Files.delete(tmp.resolve("store/runs/p=3/config=standard/.training_log.txt.crc"));
        Files.createDirectories(tmp.resolve("store/weights/p=5/config=standard"));
        List<String> problems = StoreAudit.problems(store);
        assertEquals(3, problems.size(), problems.toString());
        assertTrue(
                problems.contains("p003-standard: metrics/p=3/config=standard/part-00000-zombie.parquet is not "
                        + "part of the committed run"),
                problems.toString());
        assertTrue(
                problems.get(0)
                        .startsWith("p003-standard: runs/p=3/config=standard/training_log.txt differs "
                                + "from _DONE (7 bytes"),
                problems.toString());
        assertEquals("weights/p=5/config=standard: belongs to no committed run", problems.get(2));
    }

    @Test
    void cleanupTakesOnlyAttemptsWhoseLeaseIsOver() throws Exception {
        ResultsStore store = ResultsStore.open(tmp.resolve("store").toString());
        Path live = store.newAttempt(cell);
        Path released = store.newAttempt(cell);
        store.discardAttempt(released);
        Files.createDirectories(tmp.resolve("store/_attempts/p003-standard"));
        long now = System.currentTimeMillis();
        java.nio.file.Path otherHost =
                lease("p003-standard/other-host-live", "far-away/4242/abcd", "far-away", 4242, now);
        java.nio.file.Path expired =
                lease("p003-standard/other-host-old", "far-away/4242/abcd", "far-away", 4242, now - 3_600_000);
        long deadPid = deadPid();
        java.nio.file.Path killedHere =
                lease("p003-standard/killed-here", hostOf(live) + "/" + deadPid + "/dead", hostOf(live), deadPid, now);
        java.nio.file.Path otherProbe = Files.writeString(
                tmp.resolve("store/_attempts/_probe-x"),
                "{\"owner\":\"far-away/1/x\",\"host\":\"far-away\",\"pid\":1,\"heartbeat\":" + now + "}");
        java.nio.file.Path emptyProbe = Files.writeString(
                tmp.resolve(
                        "store/_attempts/_probe-" + java.util.UUID.randomUUID() + "-" + deadPid + "@" + hostOf(live)),
                ""); // killed mid-write

        store.discardStaleAttempts();
        assertTrue(store.fs().exists(live), "this JVM's live attempt stays");
        assertTrue(Files.exists(otherHost), "a live attempt of a writer on another machine stays");
        assertTrue(Files.exists(otherProbe), "another writer's write check in progress stays");
        assertFalse(Files.exists(expired), "a lease nobody renewed for an hour is over");
        assertFalse(Files.exists(killedHere), "a writer on this machine that is gone");
        assertFalse(Files.exists(emptyProbe), "the empty write probe of a writer on this machine that is gone");
        store.discardAttempt(live);
    }

    private java.nio.file.Path lease(String dir, String owner, String host, long pid, long heartbeat)
            throws IOException {
        java.nio.file.Path d = Files.createDirectories(tmp.resolve("store/_attempts/" + dir));
        Files.writeString(d.resolve("metrics.parquet"), "partial");
        Files.writeString(
                d.resolve(AttemptLease.FILE),
                "{\"owner\":\"" + owner + "\",\"host\":\"" + host + "\",\"pid\":" + pid + ",\"heartbeat\":" + heartbeat
                        + "}");
        return d;
    }

    private String hostOf(Path attempt) throws IOException {
        String json = Files.readString(java.nio.file.Path.of(new Path(attempt, AttemptLease.FILE).toUri()));
        return Json.MAPPER.readTree(json).get("host").asText();
    }

    /** The pid of a process that ran on this machine and ended. */
    private static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        return p.pid();
    }
}
