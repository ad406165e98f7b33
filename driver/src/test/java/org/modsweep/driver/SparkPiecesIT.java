package org.modsweep.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.resource.ResourceInformation;
import org.junit.jupiter.api.Test;
import org.modsweep.driver.cli.SparkConfOptions;
import org.modsweep.driver.spark.Masters;
import org.modsweep.driver.spark.SparkSetup;
import org.modsweep.driver.spark.TaskDevice;
import org.modsweep.driver.testing.SparkTests;

/** The small Spark-facing rules: masters, device mapping, configuration, credentials on the command line. */
class SparkPiecesIT {

    @Test
    void localMastersGetTaskRetries() {
        assertEquals("local[*,4]", Masters.withRetries("local[*]", 4));
        assertEquals("local[2,3]", Masters.withRetries("local[2]", 3));
        assertEquals("local[1,4]", Masters.withRetries("local", 4));
        assertEquals("local[2,2]", Masters.withRetries("local[2,2]", 4), "an explicit F is kept");
        assertEquals("k8s://https://api:6443", Masters.withRetries("k8s://https://api:6443", 4));
        assertEquals(3, Masters.maxFailures("local[2,3]", null));
        assertEquals(1, Masters.maxFailures("local[2]", "8"), "plain local[N] never retries");
        assertEquals(8, Masters.maxFailures("spark://h:7077", "8"));
        assertEquals(4, Masters.maxFailures("k8s://x", null));
    }

    @Test
    void gpuAddressOfTheTaskBecomesTheTrainingDevice() {
        assertEquals("cpu", TaskDevice.of(Map.of()));
        assertEquals("cpu", TaskDevice.of(null));
        assertEquals("gpu:0", TaskDevice.of(Map.of("gpu", new ResourceInformation("gpu", new String[] {"0"}))));
        assertEquals("gpu:3", TaskDevice.of(Map.of("gpu", new ResourceInformation("gpu", new String[] {"3", "4"}))));
        assertEquals("cpu", TaskDevice.of(Map.of("fpga", new ResourceInformation("fpga", new String[] {"0"}))));
        assertEquals("cpu", TaskDevice.of(Map.of("gpu", new ResourceInformation("gpu", new String[0]))));
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> TaskDevice.of(Map.of("gpu", new ResourceInformation("gpu", new String[] {"GPU-7f3e"}))));
        assertTrue(e.getMessage().contains("GPU-7f3e"));
    }

    @Test
    void localTasksHaveNoGpuResourceAndTrainOnTheCpu() {
        try (JavaSparkContext jsc = new JavaSparkContext(SparkTests.conf("local[2]"))) {
            List<String> devices = jsc.parallelize(List.of(1, 2), 2)
                    .map(i -> TaskDevice.current())
                    .collect();
            assertEquals(List.of("cpu", "cpu"), devices);
        }
    }

    @Test
    void sweepConfigurationKeepsSpeculationOffAndBindsLocalhost() {
        SparkConf conf = SparkSetup.conf(null, Map.of("spark.speculation", "true", "spark.task.cpus", "2"), "t");
        assertEquals("false", conf.get("spark.speculation"));
        assertEquals("local[*,4]", conf.get("spark.master"));
        assertEquals("127.0.0.1", conf.get("spark.driver.bindAddress"));
        assertEquals("2", conf.get("spark.task.cpus"));
        assertEquals("false", conf.get("spark.ui.showConsoleProgress"));
        assertEquals(
                "local[3,2]",
                SparkSetup.conf("local[3]", Map.of("spark.task.maxFailures", "2"), "t")
                        .get("spark.master"));
    }

    @Test
    void credentialsOnTheCommandLineAreRefused() {
        for (String key : List.of(
                "spark.hadoop.fs.s3a.secret.key",
                "spark.hadoop.fs.s3a.access.key",
                "spark.hadoop.fs.s3a.session.token",
                "spark.ssl.keyPassword")) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> SparkConfOptions.check(Map.of(key, "x")));
            assertTrue(e.getMessage().contains("AWS_ACCESS_KEY_ID"), e.getMessage());
        }
        assertEquals(
                Map.of("spark.hadoop.fs.s3a.aws.credentials.provider", "p"),
                SparkConfOptions.check(Map.of("spark.hadoop.fs.s3a.aws.credentials.provider", "p")));
    }
}
