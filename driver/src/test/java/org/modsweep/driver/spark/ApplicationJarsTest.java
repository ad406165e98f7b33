package org.modsweep.driver.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a sweep ships to a cluster's executors: modsweep and the libraries Spark lacks, never Spark's own jars. */
class ApplicationJarsTest {

    @TempDir
    Path tmp;

    @Test
    void sparksOwnJarsStayAndEverythingElseIsShipped() {
        for (String spark : List.of(
                "spark-core_2.13-4.0.1.jar",
                "scala-library-2.13.16.jar",
                "hadoop-client-runtime-3.4.1.jar",
                "netty-all-4.1.118.Final.jar",
                "jersey-hk2-3.0.16.jar",
                "netty-transport-native-epoll-4.1.118.Final-linux-x86_64.jar",
                "commons-math3-3.6.1.jar",
                "metrics-core-4.2.30.jar",
                "log4j-core-2.24.3.jar",
                "jakarta.servlet-api-5.0.0.jar")) {
            assertTrue(ApplicationJars.providedBySpark(spark), spark);
        }
        for (String ours : List.of(
                "modsweep-core-0.1.0-SNAPSHOT.jar",
                "api-0.36.0.jar",
                "pytorch-engine-0.36.0.jar",
                "pytorch-native-cpu-2.7.1-linux-x86_64.jar",
                "xchart-3.8.8.jar",
                "picocli-4.7.7.jar",
                "hadoop-aws-3.4.1.jar",
                "s3-2.25.53.jar",
                "netty-nio-client-2.25.53.jar",
                "metrics-spi-2.25.53.jar",
                "parquet-hadoop-1.15.2.jar",
                "jna-5.17.0.jar",
                "commons-compress-1.27.1.jar",
                "guava-32.0.0-jre.jar")) {
            assertFalse(ApplicationJars.providedBySpark(ours), ours);
        }
    }

    @Test
    void classesDirectoriesArePackedAndMissingEntriesSkipped() throws Exception {
        Path classes = Files.createDirectories(tmp.resolve("core/target/classes/org/x"));
        Files.writeString(classes.resolve("A.class"), "not really a class");
        Path lib = Files.createDirectories(tmp.resolve("lib"));
        Path ours = Files.writeString(lib.resolve("xchart-3.8.8.jar"), "jar");
        Path spark = Files.writeString(lib.resolve("spark-core_2.13-4.0.1.jar"), "jar");
        String cp = String.join(
                File.pathSeparator,
                tmp.resolve("core/target/classes").toString(),
                ours.toString(),
                spark.toString(),
                tmp.resolve("gone.jar").toString(),
                "");
        List<String> shipped = ApplicationJars.forClasspath(cp);
        assertEquals(2, shipped.size(), shipped.toString());
        assertTrue(shipped.get(0).endsWith("core-classes.jar"), shipped.toString());
        try (JarFile jar =
                new JarFile(Path.of(java.net.URI.create(shipped.get(0))).toFile())) {
            assertTrue(jar.getEntry("org/x/A.class") != null);
        }
        assertEquals(ours.toUri().toString(), shipped.get(1));
    }

    @Test
    void nothingIsShippedLocallyUnderSparkSubmitOrWhenTheUserChose() {
        SparkConf local = new SparkConf(false).setMaster("local[2]");
        ApplicationJars.shipIfNeeded(local);
        assertFalse(local.contains("spark.jars"));
        SparkConf submit = new SparkConf(false).setMaster("spark://h:7077").set("spark.submit.deployMode", "client");
        ApplicationJars.shipIfNeeded(submit);
        assertFalse(submit.contains("spark.jars"));
        SparkConf user = new SparkConf(false).setMaster("spark://h:7077").set("spark.jars", "/x.jar");
        ApplicationJars.shipIfNeeded(user);
        assertEquals("/x.jar", user.get("spark.jars"));
        SparkConf cluster = new SparkConf(false).setMaster("spark://h:7077");
        ApplicationJars.shipIfNeeded(cluster);
        String jars = cluster.get("spark.jars");
        assertTrue(jars.contains("picocli-") && !jars.contains("spark-core_2.13"), jars);
    }
}
