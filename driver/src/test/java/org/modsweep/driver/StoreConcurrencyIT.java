package org.modsweep.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modsweep.core.Cell;
import org.modsweep.core.ModulusList;
import org.modsweep.core.config.StudyConfigs;
import org.modsweep.core.parquet.MetricsParquet;
import org.modsweep.core.store.ResultsStore;
import org.modsweep.core.store.StoreAudit;
import org.modsweep.core.store.StoreLayout;
import org.modsweep.driver.testing.ChildJvm;
import org.modsweep.driver.testing.LogCapture;
import org.modsweep.driver.testing.S3ProxyServer;
import org.modsweep.driver.testing.StoreSnapshot;
import org.modsweep.worker.CellTrainer;
import org.modsweep.worker.TrainOptions;
import org.modsweep.worker.TrainOutcome;
import org.modsweep.worker.TrainingEvent;
import org.modsweep.worker.TrainingListener;

/**
 * The store's commit protocol under real concurrency (docs/architecture.md): a zombie attempt that commits after
 * its retry, two sweeps on one store at once (two driver JVMs locally, two sweeps in one JVM on S3Proxy), and a
 * damaged run.json. Afterwards every committed run has exactly its own files and a plain reader counts each once.
 */
class StoreConcurrencyIT {

    @TempDir
    Path tmp;

    @Test
    void aZombieCommittingAfterItsRetryLeavesOneRunOnADisk() throws Exception {
        zombieCommitsAfterItsRetry(ResultsStore.open(tmp.resolve("store").toString()));
    }

    @Test
    void aZombieCommittingAfterItsRetryLeavesOneRunOnS3() throws Exception {
        String bucket = S3ProxyServer.bucket("zombie");
        try (S3ProxyServer s3 = S3ProxyServer.start(bucket)) {
            zombieCommitsAfterItsRetry(ResultsStore.open("s3a://" + bucket + "/study", hadoop(s3.sparkConf())));
        }
    }

    /** The zombie stalls mid-training until its retry has committed, then finishes and commits too. */
    private static void zombieCommitsAfterItsRetry(ResultsStore store) throws Exception {
        Cell cell = Cell.of(5, "standard");
        TrainOptions opts = new TrainOptions(30, 1, "cpu", false);
        CountDownLatch stalled = new CountDownLatch(1);
        CountDownLatch retryCommitted = new CountDownLatch(1);
        TrainingListener stall = new TrainingListener() {
            @Override
            public void on(TrainingEvent event) {
                if (event instanceof TrainingEvent.EpochDone d && d.metrics().epoch() == 10) {
                    stalled.countDown();
                    try {
                        assertTrue(retryCommitted.await(180, TimeUnit.SECONDS));
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        };
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<TrainOutcome> zombie = pool.submit(() -> CellTrainer.train(store, cell, opts, stall));
            assertTrue(stalled.await(180, TimeUnit.SECONDS), "the zombie trains");
            TrainOutcome retry = CellTrainer.train(store, cell, opts, TrainingListener.NONE);
            assertFalse(retry.skipped());
            String done = store.readString(store.layout().doneMarker(cell));
            retryCommitted.countDown();
            TrainOutcome late = zombie.get(180, TimeUnit.SECONDS);
            assertFalse(late.skipped(), "the zombie trained to the end and committed");

            assertEquals(done, store.readString(store.layout().doneMarker(cell)), "the retry's commit stands");
            assertEquals(retry.record().attempt(), store.readRun(cell).attempt());
            assertOneRunEach(store);
            assertEquals(
                    30,
                    MetricsParquet.read(store.conf(), store.layout().metricsDir(cell))
                            .size());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void twoSweepsOnOneStoreAtOnce() throws Exception {
        Path store = tmp.resolve("store");
        String[] command = {
            "--p",
            "3,5",
            "--configs",
            "standard,quad_random",
            "--epochs",
            "120",
            "--master",
            "local[2]",
            "--store",
            store.toString(),
            "--conf",
            "spark.ui.enabled=false"
        };
        Process a = ChildJvm.builder(SweepApp.class, tmp.resolve("a.log"), Map.of(), command)
                .start();
        Process b = ChildJvm.builder(SweepApp.class, tmp.resolve("b.log"), Map.of(), command)
                .start();
        assertTrue(a.waitFor(400, TimeUnit.SECONDS), "first sweep finished");
        assertTrue(b.waitFor(400, TimeUnit.SECONDS), "second sweep finished");
        assertEquals(0, a.exitValue(), Files.readString(tmp.resolve("a.log")));
        assertEquals(0, b.exitValue(), Files.readString(tmp.resolve("b.log")));

        ResultsStore s = ResultsStore.open(store.toString());
        assertEquals(4, s.committedCells().size());
        assertOneRunEach(s);
        assertFalse(
                Files.exists(store.resolve(StoreLayout.ATTEMPTS)),
                StoreSnapshot.files(s).toString());

        Path clean = tmp.resolve("clean");
        command[command.length - 3] = clean.toString();
        assertEquals(0, SweepCliIT.sweep(command).code());
        assertEquals(
                StoreSnapshot.of(ResultsStore.open(clean.toString())),
                StoreSnapshot.of(s),
                "two sweeps at once store what one sweep stores");
    }

    @Test
    void twoSweepsAtOnceOnS3() throws Exception {
        String bucket = S3ProxyServer.bucket("twosweeps");
        try (S3ProxyServer s3 = S3ProxyServer.start(bucket)) {
            Map<String, String> conf = new LinkedHashMap<>(s3.sparkConf());
            conf.put("spark.ui.enabled", "false");
            String uri = "s3a://" + bucket + "/study";
            SweepRequest req = new SweepRequest(
                    ModulusList.parse("3"),
                    StudyConfigs.parse("standard,quad_random"),
                    uri,
                    "local[2]",
                    60,
                    conf,
                    false);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<SweepResult>> sweeps = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    sweeps.add(pool.submit(() -> new Sweep().run(req, SweepListener.NONE)));
                }
                for (Future<SweepResult> f : sweeps) {
                    SweepResult r = f.get(400, TimeUnit.SECONDS);
                    assertTrue(r.ok(), r.toString());
                }
            } finally {
                pool.shutdownNow();
            }
            ResultsStore store = ResultsStore.open(uri, hadoop(conf));
            assertEquals(2, store.committedCells().size());
            assertOneRunEach(store);
        }
    }

    @Test
    void aCorruptRunJsonIsTrainedAgainWithAWarning() throws Exception {
        Path store = tmp.resolve("store");
        SweepRequest req = new SweepRequest(
                ModulusList.parse("3"),
                StudyConfigs.parse("standard,quad_random"),
                store.toString(),
                "local[1]",
                20,
                Map.of("spark.ui.enabled", "false"),
                false);
        assertTrue(new Sweep().run(req, SweepListener.NONE).ok());
        Files.writeString(store.resolve("runs/p=3/config=standard/run.json"), "{\"cell\": \"p003-sta");

        List<String> lines;
        SweepResult again;
        try (LogCapture logs = new LogCapture()) {
            again = new Sweep().run(req, SweepListener.NONE);
            lines = logs.lines();
        }
        assertTrue(again.ok(), again.toString());
        assertEquals(
                List.of("p003-standard"),
                again.trained().stream().map(CellResult::cellId).toList(),
                "only the damaged run trains again");
        assertTrue(lines.stream().anyMatch(l -> l.contains("p003-standard: run.json is unreadable")), lines.toString());
        ResultsStore s = ResultsStore.open(store.toString());
        assertEquals(2, s.committedCells().size());
        assertOneRunEach(s);
    }

    /** Every committed run exactly as its _DONE lists it, one part per dataset, metrics rows = epochs_run. */
    static void assertOneRunEach(ResultsStore store) throws Exception {
        assertEquals(List.of(), StoreAudit.problems(store));
        for (Cell c : store.committedCells()) {
            assertEquals(1, StoreSnapshot.count(store, store.layout().metricsDir(c)), c.id());
            assertEquals(1, StoreSnapshot.count(store, store.layout().weightsDir(c)), c.id());
            assertEquals(
                    store.readRun(c).epochsRun(),
                    MetricsParquet.read(store.conf(), store.layout().metricsDir(c))
                            .size(),
                    c.id());
        }
        List<String> attempts = StoreSnapshot.files(store).stream()
                .filter(f -> f.startsWith("_attempts/"))
                .toList();
        assertEquals(List.of(), attempts, "no attempt left behind");
    }

    static Configuration hadoop(Map<String, String> sparkConf) {
        Configuration hadoop = new Configuration();
        sparkConf.forEach((k, v) -> {
            if (k.startsWith("spark.hadoop.")) {
                hadoop.set(k.substring(13), v);
            }
        });
        return hadoop;
    }
}
