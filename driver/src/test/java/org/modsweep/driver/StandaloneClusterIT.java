package org.modsweep.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modsweep.core.store.ResultsStore;
import org.modsweep.driver.spark.EventLogs;
import org.modsweep.driver.testing.ChildJvm;
import org.modsweep.driver.testing.StandaloneCluster;
import org.modsweep.driver.testing.StoreSnapshot;

/**
 * {@code sweep --master spark://...} against a real standalone cluster whose Spark has none of modsweep's jars: the
 * driver ships what the tasks need, an executor JVM killed with SIGKILL mid-training is replaced and its cells
 * retried, and the store ends up equal to a clean local run's.
 */
class StandaloneClusterIT {

    @TempDir
    Path tmp;

    static String[] command(String master, Path store) {
        return new String[] {
            "--p",
            "3,5",
            "--epochs",
            "200",
            "--master",
            master,
            "--store",
            store.toString(),
            "--conf",
            "spark.ui.enabled=false",
            "--conf",
            "spark.executor.memory=640m",
            "--conf",
            "spark.driver.host=127.0.0.1",
            "--conf",
            "spark.driver.bindAddress=127.0.0.1"
        };
    }

    @Test
    void sweepOnAStockClusterSurvivesAKilledExecutor() throws Exception {
        try (StandaloneCluster cluster = StandaloneCluster.start(tmp, 2, 1, "1g")) {
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
                    assertTrue(
                            System.nanoTime() < deadline, () -> "no training started: " + read(log) + cluster.logs());
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
            Path clean = tmp.resolve("clean");
            List<String> local = new ArrayList<>(List.of(command("local[2]", clean)));
            local.add("--no-reduce"); // the snapshot compares the committed runs
            assertEquals(0, SweepCliIT.sweep(local.toArray(String[]::new)).code());
            assertEquals(
                    StoreSnapshot.of(ResultsStore.open(clean.toString())),
                    StoreSnapshot.of(ResultsStore.open(store.toString())));
            assertFalse(Files.exists(attempts), "no attempt left behind");
        }
    }

    private static boolean trainingUnderWay(Path attempts) throws Exception {
        if (!Files.isDirectory(attempts)) {
            return false;
        }
        try (Stream<Path> cells = Files.list(attempts)) {
            return cells.anyMatch(
                    c -> Files.isDirectory(c) && c.getFileName().toString().startsWith("p"));
        }
    }

    static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (Exception e) {
            return e.toString();
        }
    }
}
