package org.modsweep.app.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modsweep.core.Json;
import picocli.CommandLine;

/** {@code modsweep explore}: prints its loopback address and serves; bad options are one clear line. */
class ExploreCommandTest {

    @TempDir
    Path dir;

    /** Like the app's CliErrors: bad input is exit code 2 with the message on stderr. */
    private static CommandLine command(StringWriter out, StringWriter err) {
        CommandLine cl = new CommandLine(new ExploreCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            c.getErr().println("modsweep explore: error: " + ex.getMessage());
            return ex instanceof IllegalArgumentException ? 2 : 1;
        });
        return cl;
    }

    @Test
    void printsTheAddressAndServesTheStoreUntilStopped() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int[] rc = {-1};
        Thread t = new Thread(() -> rc[0] =
                command(out, err).execute("--store", dir.resolve("store").toString(), "--port", "0", "--epochs", "7"));
        t.start();
        Pattern url = Pattern.compile("at (http://127\\.0\\.0\\.1:\\d+/)");
        long end = System.currentTimeMillis() + 20_000;
        Matcher m = url.matcher("");
        while (System.currentTimeMillis() < end && !(m = url.matcher(out.toString())).find()) {
            Thread.sleep(50);
        }
        assertTrue(m.find(0), "address printed: " + out + err);
        String body = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(m.group(1) + "api/info"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        assertEquals(7, Json.MAPPER.readTree(body).get("epoch_cap").asInt());
        t.interrupt();
        t.join(70_000);
        assertEquals(0, rc[0]);
    }

    @Test
    void badOptionsAreOneLineAndExitTwo() throws Exception {
        StringWriter err = new StringWriter();
        assertEquals(2, command(new StringWriter(), err).execute("--store", dir.toString(), "--epochs", "0"));
        assertEquals(
                "modsweep explore: error: --epochs must be >= 1, got 0",
                err.toString().trim());

        StringWriter err2 = new StringWriter();
        assertEquals(2, command(new StringWriter(), err2).execute("--store", dir.toString(), "--port", "70000"));
        assertTrue(err2.toString().contains("--port 70000 is not a TCP port"), err2.toString());

        StringWriter err4 = new StringWriter();
        assertEquals(
                2,
                command(new StringWriter(), err4)
                        .execute("--store", dir.toString(), "--conf", "spark.hadoop.fs.s3a.secret.key=shh"));
        assertTrue(err4.toString().contains("credentials are never taken from the command line"), err4.toString());
        assertTrue(!err4.toString().contains("shh"), "the secret is not echoed");

        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            StringWriter err3 = new StringWriter();
            assertEquals(
                    2,
                    command(new StringWriter(), err3)
                            .execute("--store", dir.toString(), "--port", Integer.toString(taken.getLocalPort())));
            assertTrue(err3.toString().contains("cannot listen on 127.0.0.1:" + taken.getLocalPort()), err3.toString());
        }
    }

    @Test
    void theStoreSettingsComeFromAConfDirectory() throws Exception {
        int closed;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = probe.getLocalPort();
        }
        // the endpoint lives only in the conf directory: the explorer must use it (and so fail on the closed port)
        java.nio.file.Path conf = java.nio.file.Files.createDirectories(dir.resolve("conf"));
        java.nio.file.Files.writeString(
                conf.resolve("core-site.xml"),
                "<configuration>"
                        + "<property><name>fs.s3a.endpoint</name><value>http://127.0.0.1:" + closed
                        + "</value></property>"
                        + "<property><name>fs.s3a.path.style.access</name><value>true</value></property>"
                        + "<property><name>fs.s3a.endpoint.region</name><value>us-east-1</value></property>"
                        + "<property><name>fs.s3a.aws.credentials.provider</name>"
                        + "<value>org.apache.hadoop.fs.s3a.AnonymousAWSCredentialsProvider</value></property>"
                        + "</configuration>");
        StringWriter err = new StringWriter();
        int rc = command(new StringWriter(), err)
                .execute("--store", "s3a://study/run1", "--port", "0", "--conf-dir", conf.toString());
        assertEquals(2, rc, err.toString());
        assertTrue(err.toString().contains("127.0.0.1:" + closed), "the conf directory's endpoint was used: " + err);
    }

    @Test
    void aStoreItCannotReachOrReadFailsFastWithOneLine() throws Exception {
        int closed;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = probe.getLocalPort(); // nothing listens here once the probe is closed
        }
        StringWriter err = new StringWriter();
        long t0 = System.nanoTime();
        int rc = command(new StringWriter(), err)
                .execute(
                        "--store",
                        "s3a://study/run1",
                        "--port",
                        "0",
                        "--conf",
                        "spark.hadoop.fs.s3a.endpoint=http://127.0.0.1:" + closed,
                        "--conf",
                        "spark.hadoop.fs.s3a.path.style.access=true",
                        "--conf",
                        "spark.hadoop.fs.s3a.aws.credentials.provider=org.apache.hadoop.fs.s3a.AnonymousAWSCredentialsProvider",
                        "--conf",
                        "spark.hadoop.fs.s3a.endpoint.region=us-east-1");
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertEquals(2, rc, err.toString());
        List<String> lines = err.toString().lines().toList();
        assertEquals(1, lines.size(), err.toString());
        assertTrue(
                lines.get(0).startsWith("modsweep explore: error: cannot read store s3a://study/run1: "), lines.get(0));
        assertTrue(seconds < 60, "failed fast, not after S3A's default retries (minutes): " + seconds + " s");

        java.nio.file.Path file = java.nio.file.Files.writeString(dir.resolve("results.txt"), "not a store");
        StringWriter err2 = new StringWriter();
        assertEquals(2, command(new StringWriter(), err2).execute("--store", file.toString(), "--port", "0"));
        assertEquals(
                "modsweep explore: error: store " + file + " is a file, not a folder",
                err2.toString().trim());

        StringWriter err3 = new StringWriter();
        assertEquals(
                2,
                command(new StringWriter(), err3)
                        .execute(
                                "--store",
                                dir.toString(),
                                "--port",
                                "0",
                                "--host",
                                "0.0.0.0",
                                "--allowed-host",
                                "http://evil.example/"));
        assertTrue(
                err3.toString()
                        .startsWith(
                                "modsweep explore: error: --allowed-host 'http://evil.example/' is not a host name"),
                err3.toString());
    }
}
