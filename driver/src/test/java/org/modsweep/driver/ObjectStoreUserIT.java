package org.modsweep.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modsweep.analysis.cli.AnalyzeCommand;
import org.modsweep.analysis.cli.VerifyCommand;
import org.modsweep.driver.cli.HistoryCommand;
import org.modsweep.driver.cli.SweepCommand;
import org.modsweep.driver.testing.Cli;
import org.modsweep.driver.testing.S3ProxyServer;
import org.modsweep.driver.testing.SmallSweep;
import org.modsweep.worker.cli.TrainCommand;
import picocli.CommandLine;

/**
 * Object storage as a user meets it, against a real S3Proxy: every command that opens a store fails fast with one
 * line when it cannot reach it (S3A's own retries left at their defaults), the settings can live in a conf directory
 * every subcommand reads, and the follow-up commands a sweep prints carry the store settings it was given.
 */
class ObjectStoreUserIT {

    @TempDir
    Path tmp;

    @BeforeEach
    void credentialsAsConfigurationWouldHoldThem() {
        System.setProperty("spark.hadoop.fs.s3a.access.key", S3ProxyServer.ACCESS_KEY);
        System.setProperty("spark.hadoop.fs.s3a.secret.key", S3ProxyServer.SECRET_KEY);
    }

    @AfterEach
    void clear() {
        System.clearProperty("spark.hadoop.fs.s3a.access.key");
        System.clearProperty("spark.hadoop.fs.s3a.secret.key");
    }

    /** What a user types: endpoint, region, path style, plain HTTP; S3A's retry settings untouched. */
    static List<String> userConf(String endpoint) {
        List<String> out = new ArrayList<>();
        for (String kv : List.of(
                "spark.hadoop.fs.s3a.endpoint=" + endpoint,
                "spark.hadoop.fs.s3a.endpoint.region=us-east-1",
                "spark.hadoop.fs.s3a.path.style.access=true",
                "spark.hadoop.fs.s3a.connection.ssl.enabled=false")) {
            out.add("--conf");
            out.add(kv);
        }
        return out;
    }

    static String[] args(List<String> conf, String... head) {
        List<String> out = new ArrayList<>(List.of(head));
        out.addAll(conf);
        return out.toArray(String[]::new);
    }

    @Test
    void everyStoreCommandFailsFastOnAnUnreachableEndpoint() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort(); // nothing listens there once closed
        }
        for (String endpoint : List.of("http://127.0.0.1:" + closed, "http://no-such-host.invalid:9000")) {
            String uri = "s3a://" + S3ProxyServer.bucket("gone") + "/study";
            List<String> conf = userConf(endpoint);
            Map<String, Supplier<Object>> commands = Map.of(
                    "sweep",
                    SweepCommand::new,
                    "train",
                    TrainCommand::new,
                    "analyze",
                    AnalyzeCommand::new,
                    "verify",
                    VerifyCommand::new,
                    "history",
                    HistoryCommand::new);
            for (Map.Entry<String, Supplier<Object>> c : commands.entrySet()) {
                String[] a =
                        switch (c.getKey()) {
                            case "sweep" -> args(conf, "--p", "3", "--store", uri, "--master", "local[1]");
                            case "train" -> args(conf, "--p", "3", "--config", "standard", "--store", uri);
                            case "history" -> args(conf, "--store", uri, "--port", "0");
                            default -> args(conf, "--store", uri);
                        };
                long t0 = System.nanoTime();
                Cli.Run r = Cli.run(c.getValue().get(), a);
                double seconds = (System.nanoTime() - t0) / 1e9;
                String what = c.getKey() + " on " + endpoint + ": " + r;
                assertEquals(2, r.code(), what);
                assertEquals(1, r.err().strip().lines().count(), what);
                assertTrue(
                        r.err()
                                .startsWith("modsweep " + c.getKey() + ": error: store " + uri
                                        + " cannot be reached or read: "),
                        what);
                assertTrue(seconds < 30, what + " took " + seconds + " s");
            }
        }
    }

    @Test
    void aConfDirectoryServesEveryCommandAndFollowUpsCarryTheStoreSettings() throws Exception {
        clear(); // credentials come from the conf directory only
        String bucket = S3ProxyServer.bucket("confdir");
        try (S3ProxyServer s3 = S3ProxyServer.start(bucket)) {
            Path confDir = Files.createDirectories(tmp.resolve("conf"));
            StringBuilder site = new StringBuilder("<?xml version=\"1.0\"?>\n<configuration>\n");
            Map<String, String> all = new java.util.TreeMap<>(s3.sparkConf());
            all.forEach((k, v) -> site.append("  <property><name>")
                    .append(k.substring("spark.hadoop.".length()))
                    .append("</name><value>")
                    .append(v)
                    .append("</value></property>\n"));
            Files.writeString(
                    confDir.resolve("core-site.xml"),
                    site.append("</configuration>\n").toString());
            Files.writeString(confDir.resolve("spark-defaults.conf"), "spark.ui.enabled false\n");
            String uri = "s3a://" + bucket + "/study";

            Cli.Run train = Cli.run(
                    new TrainCommand(),
                    "--p",
                    "3",
                    "--config",
                    "standard",
                    "--epochs",
                    "5",
                    "--store",
                    uri,
                    "--conf-dir",
                    confDir.toString());
            assertEquals(0, train.code(), train.toString());
            assertTrue(train.out().contains("committed p003-standard"), train.out());

            // the same settings through the environment, in a JVM of its own, as bin/modsweep would run
            Path log = tmp.resolve("sweep.log");
            String out = SmallSweep.inChildJvm(
                    log, Map.of("MODSWEEP_CONF_DIR", confDir.toString()), SmallSweep.args(5, uri));
            assertTrue(out.contains("0 trained, 1 already committed, 0 failed"), out);
            assertFalse(out.contains(S3ProxyServer.SECRET_KEY), "the secret is never printed");

            // the store's settings on the command line: the printed follow-ups carry them, and they work
            List<String> conf = userConf(s3.endpoint());
            Cli.Run sweep = Cli.run(
                    new SweepCommand(),
                    args(conf, SmallSweep.args(5, uri, "--conf-dir", confDir.toString(), "--no-reduce")));
            assertEquals(0, sweep.code(), sweep.toString());
            String explore = sweep.out()
                    .lines()
                    .filter(l -> l.contains("bin/modsweep explore"))
                    .findFirst()
                    .orElseThrow();
            assertTrue(
                    explore.contains("--store " + uri + " --conf-dir " + confDir
                            + " --conf spark.hadoop.fs.s3a.connection.ssl.enabled=false"
                            + " --conf spark.hadoop.fs.s3a.endpoint=" + s3.endpoint()
                            + " --conf spark.hadoop.fs.s3a.endpoint.region=us-east-1"
                            + " --conf spark.hadoop.fs.s3a.path.style.access=true"),
                    explore);
            assertFalse(sweep.out().contains(S3ProxyServer.SECRET_KEY));
            String history = sweep.out()
                    .lines()
                    .filter(l -> l.contains("bin/modsweep history"))
                    .findFirst()
                    .orElseThrow()
                    .trim();
            List<String> followUp =
                    new ArrayList<>(List.of(history.substring(history.indexOf("--store"), history.indexOf("   ("))
                            .trim()
                            .split(" ")));
            followUp.addAll(List.of("--port", "0"));
            servesHistory(followUp.toArray(String[]::new));
        }
    }

    /** Runs {@code modsweep history} with these arguments in a thread and reads its REST API. */
    private static void servesHistory(String... args) throws Exception {
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(new HistoryCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(out, true));
        Thread t = new Thread(() -> cl.execute(args), "history-under-test");
        t.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!out.toString().contains(" at http://127.0.0.1:")) {
                assertTrue(t.isAlive() && System.nanoTime() < deadline, () -> "history did not start: " + out);
                Thread.sleep(100);
            }
            String line = out.toString();
            String url = line.substring(line.indexOf("http://127.0.0.1:")).split("\\s+")[0];
            // two sweeps wrote event logs into the bucket: the one that reduced p=3 and the one with nothing to do
            List<String> jobs = new ArrayList<>();
            for (var app : HistoryIT.awaitApplications(url, 2)) {
                jobs.addAll(HistoryIT.jobs(url, app));
            }
            assertTrue(jobs.stream().anyMatch(d -> d.contains("p=3")), jobs.toString());
        } finally {
            t.interrupt();
            t.join(30_000);
        }
    }
}
