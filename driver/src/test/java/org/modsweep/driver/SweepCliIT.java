package org.modsweep.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modsweep.driver.testing.S3ProxyServer;
import picocli.CommandLine;

/** {@code modsweep sweep} on bad input: one clear line, exit 2, before Spark starts, nothing in the store touched. */
class SweepCliIT {

    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {}

    static Run sweep(String... args) {
        CommandLine cl = SweepApp.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    void assertRefused(Run r, String fragment) {
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().startsWith("modsweep sweep: error: "), r.err());
        assertTrue(r.err().contains(fragment), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
    }

    @Test
    void invalidModuliConfigsAndCapsAreRefusedWithoutTouchingTheStore() {
        Path store = tmp.resolve("store");
        String s = store.toString();
        assertRefused(sweep("--p", "4", "--store", s), "p=4 is even");
        assertRefused(sweep("--p", "1..7", "--store", s), "too small");
        assertRefused(sweep("--p", "3..x", "--store", s), "'x'");
        assertRefused(sweep("--p", "3", "--configs", "standard,bogus", "--store", s), "unknown configuration 'bogus'");
        assertRefused(sweep("--p", "3..9", "--configs", "grokking", "--store", s), "grokking needs p >= 19");
        assertRefused(sweep("--p", "3", "--epochs", "0", "--store", s), "--epochs must be >= 1");
        assertRefused(
                sweep("--p", "3", "--store", s, "--conf", "spark.hadoop.fs.s3a.secret.key=abc"),
                "credentials are never taken from the command line");
        assertFalse(Files.exists(store), "nothing created");
    }

    @Test
    void unknownSchemeAndUnwritableStoresAreRefused() throws Exception {
        assertRefused(sweep("--p", "3", "--store", "nosuch://bucket/x"), "no file system for scheme 'nosuch'");
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        assertRefused(sweep("--p", "3", "--store", file.resolve("store").toString()), "cannot be written");
        assertEquals("x", Files.readString(file));
    }

    @Test
    void unreachableAndReadOnlyObjectStoresAreRefused() throws Exception {
        List<String> conf = new ArrayList<>();
        for (Map.Entry<String, String> e :
                S3ProxyServer.sparkConfFor("http://127.0.0.1:9").entrySet()) {
            conf.add("--conf");
            conf.add(e.getKey() + "=" + e.getValue());
        }
        List<String> args =
                new ArrayList<>(List.of("--p", "3", "--store", "s3a://" + S3ProxyServer.bucket("gone") + "/x"));
        args.addAll(conf);
        long t0 = System.nanoTime();
        assertRefused(sweep(args.toArray(String[]::new)), "cannot be reached");
        assertTrue((System.nanoTime() - t0) / 1e9 < 60, "an unreachable store fails fast");

        String bucket = S3ProxyServer.bucket("readonly");
        try (S3ProxyServer s3 = S3ProxyServer.startReadOnly(bucket)) {
            // credentials travel as Hadoop configuration, as a core-site.xml or spark-defaults.conf would set them
            System.setProperty("spark.hadoop.fs.s3a.access.key", S3ProxyServer.ACCESS_KEY);
            System.setProperty("spark.hadoop.fs.s3a.secret.key", S3ProxyServer.SECRET_KEY);
            List<String> ro = new ArrayList<>(List.of("--p", "3", "--store", "s3a://" + bucket + "/study"));
            for (Map.Entry<String, String> e : s3.sparkConfWithoutCredentials().entrySet()) {
                ro.add("--conf");
                ro.add(e.getKey() + "=" + e.getValue());
            }
            assertRefused(sweep(ro.toArray(String[]::new)), "cannot be written");
            assertTrue(s3.blobStore().list(bucket).isEmpty(), "nothing written");
        } finally {
            System.clearProperty("spark.hadoop.fs.s3a.access.key");
            System.clearProperty("spark.hadoop.fs.s3a.secret.key");
        }
    }

    @Test
    void helpDescribesEveryOption() {
        Run r = sweep("--help");
        assertEquals(0, r.code());
        for (String opt : List.of("--p", "--configs", "--store", "--master", "--epochs", "--conf", "--no-reduce")) {
            assertTrue(r.out().contains(opt), opt);
        }
    }
}
