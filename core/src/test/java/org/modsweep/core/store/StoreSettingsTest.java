package org.modsweep.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A conf directory the Spark/Hadoop way, under the command line's --conf; store URIs with credentials refused. */
class StoreSettingsTest {

    @TempDir
    Path tmp;

    @Test
    void confDirectoryFilesAreReadAndTheCommandLineWins() throws Exception {
        Files.writeString(
                tmp.resolve("spark-defaults.conf"),
                "# the study's bucket\n"
                        + "spark.hadoop.fs.s3a.endpoint   http://127.0.0.1:9000\n"
                        + "spark.hadoop.fs.s3a.path.style.access=true\n"
                        + "spark.task.cpus 2\n");
        Files.writeString(
                tmp.resolve("core-site.xml"),
                "<?xml version=\"1.0\"?><configuration>"
                        + "<property><name>fs.s3a.endpoint.region</name><value>eu-west-1</value></property>"
                        + "<property><name>fs.s3a.access.key</name><value>FILE-KEY</value></property>"
                        + "</configuration>");
        StoreSettings s = StoreSettings.load(tmp, Map.of("spark.task.cpus", "4"));
        assertEquals(tmp, s.confDir());
        assertEquals("http://127.0.0.1:9000", s.sparkProperties().get("spark.hadoop.fs.s3a.endpoint"));
        assertEquals("4", s.sparkProperties().get("spark.task.cpus"), "--conf wins");
        assertEquals("eu-west-1", s.sparkProperties().get("spark.hadoop.fs.s3a.endpoint.region"));
        Configuration hadoop = s.hadoop();
        assertEquals("true", hadoop.get("fs.s3a.path.style.access"));
        assertEquals("FILE-KEY", hadoop.get("fs.s3a.access.key"), "credentials may live in the conf directory");
        assertFalse(s.sparkProperties().containsKey("spark.hadoop.fs.defaultFS"), "core-site.xml only, no defaults");
    }

    @Test
    void aMissingOrEmptyConfDirectoryIsOneLine() throws Exception {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> StoreSettings.load(tmp.resolve("nope"), Map.of()))
                .getMessage()
                .contains("is not a directory"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> StoreSettings.load(tmp, Map.of()))
                .getMessage()
                .contains("holds neither spark-defaults.conf nor core-site.xml"));
        Files.writeString(tmp.resolve("core-site.xml"), "<configuration><property>");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> StoreSettings.load(tmp, Map.of()))
                .getMessage()
                .startsWith("cannot read "));
    }

    @Test
    void storeUrisWithUserInfoAreRefusedWithoutEchoingThem() {
        for (String uri : new String[] {
            "s3a://AKIAEXAMPLE:s3cr3t@bucket/x",
            "s3a://AKIAEXAMPLE:a/b+c@bucket/x",
            "s3a://token@bucket/x",
            "hdfs://user:pw@namenode:8020/x"
        }) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ResultsStore.open(uri));
            assertFalse(
                    e.getMessage().contains("s3cr3t")
                            || e.getMessage().contains("AKIA")
                            || e.getMessage().contains("pw@"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("carries credentials"), e.getMessage());
        }
        assertFalse(StoreUris.hasUserInfo("s3a://bucket/run@1"));
        assertFalse(StoreUris.hasUserInfo("/tmp/a@b"));
        assertFalse(StoreUris.hasUserInfo("results"));
    }
}
