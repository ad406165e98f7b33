package org.modsweep.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modsweep.analysis.cli.VerifyCommand;
import org.modsweep.core.Cell;
import org.modsweep.core.store.CommitManifest;
import org.modsweep.core.store.ResultsStore;
import org.modsweep.driver.spark.EventLogs;
import org.modsweep.driver.spark.ShippedJars;
import org.modsweep.driver.testing.ChildJvm;
import org.modsweep.driver.testing.Cli;
import org.modsweep.driver.testing.ExecutorLog;
import org.modsweep.driver.testing.StandaloneCluster;
import org.modsweep.driver.testing.StoreSnapshot;

/**
 * {@code sweep --master spark://...} against a real standalone cluster whose Spark has none of modsweep's jars (one
 * Master and two Workers of one core each, shared by the tests): the driver ships what the tasks need; an executor
 * JVM killed with SIGKILL mid-training is replaced and its cells retried; an executor stalled with SIGSTOP while its
 * retry commits, then resumed, commits nothing; two sweeps through the cluster on one store at once. Each time the
 * store ends up equal to a clean local run's.
 */
class StandaloneClusterIT {

    private static final Logger LOG = LogManager.getLogger(StandaloneClusterIT.class);
    /** Lease period of the stall test: a stalled attempt's lease runs out in seconds, not ten minutes. */
    private static final int LEASE_SECONDS = 5;

    @TempDir
    static Path shared;

    @TempDir
    Path tmp;

    private static StandaloneCluster cluster;
    private static Path clean;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = StandaloneCluster.start(shared.resolve("cluster"), 2, 1, "1g");
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** The Spark properties of every sweep on the test cluster: executors fit the Workers, all on 127.0.0.1. */
    private static final List<String> CLUSTER_CONF = List.of(
            "--conf",
            "spark.ui.enabled=false",
            "--conf",
            "spark.executor.memory=640m",
            "--conf",
            "spark.driver.host=127.0.0.1",
            "--conf",
            "spark.driver.bindAddress=127.0.0.1");

    static String[] command(String master, Path store, String... more) {
        List<String> args = new ArrayList<>(
                List.of("--p", "3,5", "--epochs", "200", "--master", master, "--store", store.toString()));
        args.addAll(CLUSTER_CONF);
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    /** The store of an uninterrupted local sweep of {@link #command}'s cells (training only), made once. */
    private static synchronized ResultsStore clean() throws Exception {
        if (clean == null) {
            Path store = shared.resolve("clean");
            assertEquals(
                    0,
                    SweepCliIT.sweep(command("local[2]", store, "--no-reduce")).code());
            clean = store;
        }
        return ResultsStore.open(clean.toString());
    }

    @Test
    void sweepOnAStockClusterSurvivesAKilledExecutor() throws Exception {
        List<String> sparkJars;
        try (Stream<Path> jars = Files.list(cluster.sparkHome().resolve("jars"))) {
            sparkJars = jars.map(j -> j.getFileName().toString()).toList();
        }
        assertTrue(sparkJars.stream().anyMatch(j -> j.startsWith("spark-core_2.13-")), sparkJars.toString());
        assertTrue(sparkJars.stream().anyMatch(j -> j.startsWith("scala-library-")), sparkJars.toString());
        assertTrue(sparkJars.stream().anyMatch(j -> j.startsWith("hadoop-client-api-")), sparkJars.toString());
        assertTrue(
                sparkJars.stream().noneMatch(j -> j.matches("(modsweep|api|pytorch|xchart|picocli|hadoop-aws)-.*")),
                "a stock Spark: " + sparkJars);

        Path store = tmp.resolve("store");
        Path log = tmp.resolve("driver.log");
        Process driver = ChildJvm.builder(SweepApp.class, log, Map.of(), command(cluster.masterUrl(), store))
                .start();
        Path attempts = store.resolve("_attempts");
        try {
            // wait until a training attempt is under way, then kill one executor JVM outright
            // generous: executors start and fetch the shipped jars first, on a possibly loaded machine
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
            while (!trainingUnderWay(attempts) || cluster.executors().isEmpty()) {
                assertTrue(driver.isAlive(), () -> "the sweep ended before any training: " + read(log));
                assertTrue(System.nanoTime() < deadline, () -> "no training started: " + read(log) + cluster.logs());
                Thread.sleep(20);
            }
            ProcessHandle executor = cluster.executors().get(0);
            assertTrue(executor.destroyForcibly(), "kill -9 " + executor.pid());

            assertTrue(
                    driver.waitFor(300, TimeUnit.SECONDS),
                    () -> "the sweep did not finish: " + read(log) + cluster.logs());
            String out = read(log);
            assertEquals(0, driver.exitValue(), out + cluster.logs());
            assertFalse(out.contains("ClassNotFoundException"), out);
            assertTrue(out.contains("Done in") && out.contains("8 trained, 0 already committed, 0 failed"), out);
            assertTrue(
                    out.contains("ExecutorLostFailure") || out.contains("attempt 2"),
                    "a task of the killed executor was retried: " + out);
            assertTrue(Files.isDirectory(store.resolve(EventLogs.DIR)), "the event log went into the store");
        } finally {
            driver.destroyForcibly(); // never outlives the test, whatever failed
        }
        assertEquals(StoreSnapshot.of(clean()), StoreSnapshot.of(ResultsStore.open(store.toString())));
        assertFalse(Files.exists(attempts), "no attempt left behind");
    }

    /**
     * A stalled executor on a real cluster. An executor and its Worker are stopped (SIGSTOP, as when their host
     * hangs; the Worker too, or Spark's kill of the lost executor, SIGTERM then SIGKILL through the Worker, would end
     * it before it could resume) while one of its attempts trains. The driver declares the executor lost after the
     * heartbeat timeout, the cell is retried on the other executor and committed. Then the executor resumes: Spark
     * told it to stop when it declared it lost (SPARK-13519), so it shuts down at once and commits nothing; the
     * sweep's cleanup removes its attempt once its lease is over (or at once, its writer gone), and the store equals
     * a clean run's. (An executor cut off from the driver but not from the store would train on and reach its
     * commit: a no-op or refused, "lost its lease"; StoreConcurrencyIT and CommitProtocolTest show both.)
     */
    @Test
    void anExecutorStalledUntilItsRetryCommittedCommitsNothing() throws Exception {
        Path store = tmp.resolve("store");
        Path log = tmp.resolve("driver.log");
        Process driver = ChildJvm.builder(
                        SweepApp.class,
                        log,
                        Map.of(),
                        command(
                                cluster.masterUrl(),
                                store,
                                "--conf",
                                "spark.hadoop.modsweep.attempt.lease.seconds=" + LEASE_SECONDS,
                                // a silent executor is lost after 20 s, checked every second (defaults: 120 s, 60 s)
                                "--conf",
                                "spark.executor.heartbeatInterval=1s",
                                "--conf",
                                "spark.storage.blockManagerHeartbeatTimeoutMs=20s",
                                "--conf",
                                "spark.network.timeoutInterval=1s",
                                "--no-reduce"))
                .start();
        ResultsStore s = ResultsStore.open(store.toString());
        Stalled zombie = null;
        try {
            zombie = stallAnAttempt(store, driver, log);
            Cell cell = zombie.cell();
            LOG.info(
                    "stopped executor {} (pid {}) and its Worker while attempt {} trained {}",
                    zombie.executorId(),
                    zombie.executor().pid(),
                    zombie.attempt(),
                    cell.id());

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
            while (!committedByAnother(s, cell, zombie.attempt())) {
                assertTrue(driver.isAlive(), () -> "the sweep ended before the retry committed: " + read(log));
                assertTrue(System.nanoTime() < deadline, () -> "no retry committed " + cell.id() + ": " + read(log));
                Thread.sleep(50);
            }
            String done = s.readString(s.layout().doneMarker(cell));
            LOG.info("{}'s retry committed; the store: {}", cell.id(), files(s));

            ExecutorLog zombieLog = ExecutorLog.follow(zombie.executor()); // its Worker, the reader, is stopped
            StandaloneCluster.signal(zombie.executor(), "CONT");
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (StandaloneCluster.isRunning(zombie.executor())) {
                assertTrue(System.nanoTime() < deadline, () -> "the resumed executor lives on: " + zombieLog.lines());
                Thread.sleep(50);
            }
            List<String> resumed = zombieLog.awaitEnd(30);
            LOG.info("the resumed executor's log: {}", resumed);
            assertTrue(
                    resumed.stream()
                            .anyMatch(l -> l.contains("Driver commanded a shutdown")
                                    || l.contains("re-registration failure")
                                    || l.contains("disassociated")),
                    "Spark ended the resumed executor: " + resumed);
            assertTrue(resumed.stream().noneMatch(l -> l.contains("committed " + cell.id())), resumed.toString());
            assertEquals(done, s.readString(s.layout().doneMarker(cell)), "the retry's commit stands");
            LOG.info("after the resumed executor ended: {}", files(s));

            StandaloneCluster.signal(zombie.worker(), "CONT");
            assertTrue(
                    driver.waitFor(300, TimeUnit.SECONDS),
                    () -> "the sweep did not finish: " + read(log) + cluster.logs());
            String out = read(log);
            assertEquals(0, driver.exitValue(), out + cluster.logs());
            assertTrue(out.contains("8 trained, 0 already committed, 0 failed"), out);
            assertTrue(out.contains("no recent heartbeats"), "the stalled executor was declared lost: " + out);
            assertEquals(done, s.readString(s.layout().doneMarker(cell)), "the retry's commit stands");
        } finally {
            if (zombie != null) { // never leave a stopped JVM behind
                StandaloneCluster.resume(zombie.worker(), zombie.executor());
            }
            driver.destroyForcibly();
        }
        List<String> left =
                files(s).stream().filter(f -> f.startsWith("_attempts/")).toList();
        if (!left.isEmpty()) { // the sweep's cleanup ran while the resumed executor's last lease renewal was fresh
            LOG.info("left for the next sweep's cleanup: {}", left);
            Thread.sleep((LEASE_SECONDS + 1) * 1000L);
            s.discardStaleAttempts();
        }
        StoreConcurrencyIT.assertOneRunEach(s);
        assertEquals(StoreSnapshot.of(clean()), StoreSnapshot.of(s));
        LOG.info("after the sweep: {}", files(s));
    }

    /**
     * {@code spark-submit --master spark://...} of {@link SweepApp} from a stock Spark (its jars only on the
     * classpath), with modsweep's jars given as the application jar and {@code --jars}, as the README shows: the
     * sweep runs on the cluster and stores what a local sweep stores.
     */
    @Test
    void sparkSubmitToTheClusterRunsASweep() throws Exception {
        List<String> jars = ShippedJars.of(System.getProperty("java.class.path"));
        Path store = tmp.resolve("store");
        Path log = tmp.resolve("submit.log");
        List<String> args =
                new ArrayList<>(List.of("--master", cluster.masterUrl(), "--class", SweepApp.class.getName()));
        args.addAll(CLUSTER_CONF);
        args.addAll(List.of("--jars", String.join(",", jars.subList(1, jars.size())), jars.get(0)));
        List<String> sweep = List.of(command(cluster.masterUrl(), store));
        args.addAll(sweep.subList(0, 4)); // --p 3,5 --epochs 200: spark-submit gives the master
        args.addAll(List.of("--store", store.toString(), "--no-reduce")); // reduce on a cluster: the kill test
        Process submit = cluster.submit(log, args.toArray(String[]::new));
        try {
            assertTrue(
                    submit.waitFor(300, TimeUnit.SECONDS),
                    () -> "spark-submit did not finish: " + read(log) + cluster.logs());
        } finally {
            submit.destroyForcibly();
        }
        String out = read(log);
        assertEquals(0, submit.exitValue(), out + cluster.logs());
        assertFalse(out.contains("ClassNotFoundException"), out);
        assertTrue(out.contains("master " + cluster.masterUrl()), out);
        assertTrue(out.contains("8 trained, 0 already committed, 0 failed"), out);
        ResultsStore s = ResultsStore.open(store.toString());
        StoreConcurrencyIT.assertOneRunEach(s);
        assertEquals(StoreSnapshot.of(clean()), StoreSnapshot.of(s));
    }

    /** An executor JVM, its Worker, and the attempt it was stopped in. */
    private record Stalled(
            ProcessHandle executor, ProcessHandle worker, String executorId, Cell cell, String attempt) {}

    /**
     * Stops an executor and its Worker while one of the executor's attempts trains (an attempt id ends with its
     * writer's {@code pid@host}; split.json is there once the engine is loaded, metrics.parquet once training ended);
     * tries again if the attempt finished in the instant before the stop.
     */
    private static Stalled stallAnAttempt(Path store, Process driver, Path log) throws Exception {
        Path attempts = store.resolve("_attempts");
        ResultsStore s = ResultsStore.open(store.toString());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        while (true) {
            assertTrue(driver.isAlive(), () -> "the sweep ended before a stall: " + read(log));
            assertTrue(System.nanoTime() < deadline, () -> "no training started: " + read(log) + cluster.logs());
            Map<Long, ProcessHandle> executors = new TreeMap<>();
            cluster.executors().forEach(e -> executors.put(e.pid(), e));
            for (Path attempt : attemptDirs(attempts)) {
                String id = attempt.getFileName().toString();
                Matcher m = Pattern.compile("-(\\d+)@[^@]+$").matcher(id);
                ProcessHandle executor = m.find() ? executors.get(Long.parseLong(m.group(1))) : null;
                if (executor == null || !Files.exists(attempt.resolve("split.json"))) {
                    continue; // not an executor's, or still loading the engine (stopped there, it may hold a lock)
                }
                ProcessHandle worker = StandaloneCluster.workerOf(executor);
                String executorId = StandaloneCluster.executorId(executor);
                StandaloneCluster.signal(executor, "STOP");
                StandaloneCluster.signal(worker, "STOP");
                Cell cell = Cell.parse(attempt.getParent().getFileName().toString());
                if (Files.isDirectory(attempt) && !Files.exists(attempt.resolve("metrics.parquet"))) {
                    return new Stalled(executor, worker, executorId, cell, id);
                }
                StandaloneCluster.resume(worker, executor); // it finished training just before: another one
            }
            Thread.sleep(20);
        }
    }

    private static List<Path> attemptDirs(Path attempts) throws Exception {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(attempts)) {
            return out;
        }
        try (Stream<Path> cells = Files.list(attempts)) {
            for (Path c : cells.filter(c -> c.getFileName().toString().startsWith("p"))
                    .toList()) {
                try (Stream<Path> ids = Files.list(c)) {
                    ids.filter(Files::isDirectory).forEach(out::add);
                } catch (java.nio.file.NoSuchFileException gone) {
                    // committed meanwhile
                }
            }
        } catch (java.nio.file.NoSuchFileException gone) {
            // removed meanwhile
        }
        return out;
    }

    private static boolean committedByAnother(ResultsStore s, Cell cell, String attempt) throws Exception {
        CommitManifest m = s.committedManifest(cell);
        return m != null && !attempt.equals(m.attempt());
    }

    /**
     * Two sweeps through the cluster on one store at once, one executor each: one sweeps p = 3 and 5, the other p =
     * 5 (the same cells, so both train them). Both finish with exit 0, each cell holds one committed run with exactly
     * its own files (a cell both trained is published under the same names, never twice), and {@code verify} passes.
     */
    @Test
    void twoSweepsThroughTheClusterOnOneStore() throws Exception {
        Path store = tmp.resolve("store");
        String[] both = command(cluster.masterUrl(), store, "--conf", "spark.cores.max=1");
        String[] p5 = both.clone();
        p5[1] = "5";
        Process a = ChildJvm.builder(SweepApp.class, tmp.resolve("a.log"), Map.of(), both)
                .start();
        Process b = ChildJvm.builder(SweepApp.class, tmp.resolve("b.log"), Map.of(), p5)
                .start();
        try {
            assertTrue(a.waitFor(300, TimeUnit.SECONDS), () -> "sweep a did not finish: " + read(tmp.resolve("a.log")));
            assertTrue(b.waitFor(300, TimeUnit.SECONDS), () -> "sweep b did not finish: " + read(tmp.resolve("b.log")));
        } finally {
            a.destroyForcibly();
            b.destroyForcibly();
        }
        String outA = read(tmp.resolve("a.log"));
        String outB = read(tmp.resolve("b.log"));
        assertEquals(0, a.exitValue(), outA + cluster.logs());
        assertEquals(0, b.exitValue(), outB + cluster.logs());
        LOG.info("sweep a: {}", line(outA, "trained,"));
        LOG.info("sweep b: {}", line(outB, "trained,"));

        ResultsStore s = ResultsStore.open(store.toString());
        StoreConcurrencyIT.assertOneRunEach(s);
        assertEquals(StoreSnapshot.of(clean()), StoreSnapshot.of(s), "two sweeps at once store what one sweep stores");
        Cli.Run verify = Cli.run(new VerifyCommand(), "--store", store.toString());
        assertEquals(0, verify.code(), verify.toString());

        assertTrue(outA.contains(" 0 failed") && outB.contains(" 0 failed"), outA + outB);
    }

    private static String line(String text, String containing) {
        return text.lines().filter(l -> l.contains(containing)).findFirst().orElse("(none)");
    }

    /** The store's files for the record; the listing is retried when a writer removes a folder during it. */
    private static List<String> files(ResultsStore s) throws Exception {
        for (int i = 0; ; i++) {
            try {
                return StoreSnapshot.files(s);
            } catch (java.io.IOException | RuntimeException changedMeanwhile) {
                if (i == 4) {
                    throw changedMeanwhile;
                }
                Thread.sleep(100);
            }
        }
    }

    private static boolean trainingUnderWay(Path attempts) throws Exception {
        return !attemptDirs(attempts).isEmpty();
    }

    static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (Exception e) {
            return e.toString();
        }
    }
}
