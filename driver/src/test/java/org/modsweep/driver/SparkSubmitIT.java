package org.modsweep.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.apache.spark.deploy.SparkSubmit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modsweep.core.Cell;
import org.modsweep.core.store.ResultsStore;
import org.modsweep.driver.testing.ChildJvm;

/** The sweep as a Spark application: spark-submit's master and properties reach it unchanged (own JVM: it exits). */
class SparkSubmitIT {

    @TempDir
    Path tmp;

    @Test
    void runsUnderSparkSubmitWithItsMasterAndProperties() throws Exception {
        Path jar = tmp.resolve("app.jar"); // the primary resource; the classes come from the classpath
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), new Manifest())) {
            out.flush();
        }
        Path store = tmp.resolve("store");
        Path log = tmp.resolve("submit.log");
        Process p = ChildJvm.builder(
                        SparkSubmit.class,
                        log,
                        Map.of(),
                        "--master",
                        "local[2]",
                        "--conf",
                        "spark.ui.enabled=false",
                        "--conf",
                        "spark.task.cpus=2",
                        "--class",
                        SweepApp.class.getName(),
                        jar.toString(),
                        "--p",
                        "3",
                        "--configs",
                        "standard",
                        "--epochs",
                        "5",
                        "--store",
                        store.toString())
                .start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "spark-submit finished");
        String out = Files.readString(log);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("master local[2,4], 1 slot, 2 thread(s) per cell"), out);
        assertTrue(out.contains("[1/1] done p003-standard: 5 epochs in"), out);
        assertTrue(out.contains("on cpu (2 threads)"), out);
        assertTrue(ResultsStore.open(store.toString()).isCommitted(Cell.of(3, "standard")));
    }
}
