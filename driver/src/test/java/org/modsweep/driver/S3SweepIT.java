package org.modsweep.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.domain.StorageMetadata;
import org.jclouds.blobstore.options.ListContainerOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modsweep.analysis.verify.ResultsVerifier;
import org.modsweep.core.Modulus;
import org.modsweep.core.ModulusList;
import org.modsweep.core.config.StudyConfigs;
import org.modsweep.core.store.ResultsStore;
import org.modsweep.driver.testing.LogCapture;
import org.modsweep.driver.testing.S3ProxyServer;
import org.modsweep.driver.testing.SmallSweep;

/** Sweeps against a real S3-compatible server (S3Proxy on 127.0.0.1) through hadoop-aws. */
class S3SweepIT {

    @TempDir
    Path tmp;

    @Test
    void sweepResumeAndReduceOnS3WithoutTheSecretLeaking() throws Exception {
        String bucket = S3ProxyServer.bucket("study");
        try (S3ProxyServer s3 = S3ProxyServer.start(bucket)) {
            Map<String, String> conf = new LinkedHashMap<>(s3.sparkConf());
            conf.put("spark.ui.enabled", "false");
            conf.put("spark.eventLog.enabled", "true");
            conf.put("spark.eventLog.dir", tmp.toUri().toString());
            conf.put("spark.eventLog.compress", "false"); // plain text, so that the search below means something
            String uri = "s3a://" + bucket + "/study";
            SweepRequest req = new SweepRequest(ModulusList.parse("3"), StudyConfigs.ALL, uri, "local[2]", 20, conf);
            SweepResult r;
            List<String> lines = new ArrayList<>();
            try (LogCapture logs = new LogCapture()) {
                r = new Sweep().run(req, new SweepListener() {
                    @Override
                    public void onLine(String line) {
                        lines.add(line);
                    }
                });
                lines.addAll(logs.lines());
            }
            assertTrue(r.ok(), r.toString());
            assertEquals(4, r.trained().size());
            assertEquals(List.of(3), r.reduced(), "the reduce stage wrote p=3's report into the bucket");

            Configuration hadoop = new Configuration();
            conf.forEach((k, v) -> {
                if (k.startsWith("spark.hadoop.")) {
                    hadoop.set(k.substring(13), v);
                }
            });
            ResultsStore store = ResultsStore.open(uri, hadoop);
            assertEquals(4, store.committedCells().size());
            assertEquals(24, ResultsVerifier.verify(store, Modulus.of(3)).ok(), "every file of p=3 in S3 and valid");
            assertTrue(store.fs()
                    .exists(new org.apache.hadoop.fs.Path(store.layout().summaryDir(), "cells.parquet")));
            assertTrue(store.readString(
                            new org.apache.hadoop.fs.Path(store.layout().summaryDir(), "cells.json"))
                    .contains("p003-quad_random"));

            // the secret is nowhere: not in any stored object, not in the logs, not in the event log
            BlobStore blobs = s3.blobStore();
            int objects = 0;
            for (StorageMetadata m : blobs.list(bucket, ListContainerOptions.Builder.recursive())) {
                if (m.getName().endsWith("/")) {
                    continue;
                }
                objects++;
                byte[] bytes = blobs.getBlob(bucket, m.getName())
                        .getPayload()
                        .openStream()
                        .readAllBytes();
                assertFalse(
                        new String(bytes, StandardCharsets.ISO_8859_1).contains(S3ProxyServer.SECRET_KEY), m.getName());
            }
            assertTrue(objects > 8, "objects: " + objects);
            assertTrue(lines.size() > 20, "captured " + lines.size() + " log lines");
            assertTrue(lines.stream().noneMatch(l -> l.contains(S3ProxyServer.SECRET_KEY)));
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("reduce p=3: 24 files")), lines.toString());
            try (Stream<Path> files = Files.walk(tmp)) {
                List<Path> eventLogs = files.filter(Files::isRegularFile).toList();
                assertFalse(eventLogs.isEmpty());
                assertTrue(
                        eventLogs.stream()
                                .anyMatch(f -> read(f).contains("SparkListenerEnvironmentUpdate")
                                        && read(f).contains("spark.hadoop.fs.s3a.secret.key")),
                        "the key is listed, redacted");
                for (Path f : eventLogs) {
                    assertFalse(
                            Files.readString(f, StandardCharsets.ISO_8859_1).contains(S3ProxyServer.SECRET_KEY),
                            f.toString());
                }
            }

            // resume: the same command trains nothing and reduces again
            SweepResult again = new Sweep().run(req, SweepListener.NONE);
            assertTrue(again.ok());
            assertTrue(again.results().isEmpty());
            assertEquals(4, again.committedBefore().size());
            assertEquals(List.of(3), again.reduced());
        }
    }

    static String read(Path f) {
        try {
            return Files.readString(f, StandardCharsets.ISO_8859_1);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void theCliTakesS3CredentialsFromTheEnvironment() throws Exception {
        String bucket = S3ProxyServer.bucket("envcreds");
        try (S3ProxyServer s3 = S3ProxyServer.start(bucket)) {
            List<String> args = new ArrayList<>(
                    List.of(SmallSweep.args(5, "s3a://" + bucket + "/x", "--conf", "spark.ui.enabled=false")));
            for (Map.Entry<String, String> e : s3.sparkConfWithoutCredentials().entrySet()) {
                args.add("--conf");
                args.add(e.getKey() + "=" + e.getValue());
            }
            Path log = tmp.resolve("child.log");
            String out = SmallSweep.inChildJvm(
                    log,
                    Map.of(
                            "AWS_ACCESS_KEY_ID",
                            S3ProxyServer.ACCESS_KEY,
                            "AWS_SECRET_ACCESS_KEY",
                            S3ProxyServer.SECRET_KEY),
                    args.toArray(String[]::new));
            assertTrue(out.contains("done p003-standard: 5 epochs"), out);
            assertFalse(out.contains(S3ProxyServer.SECRET_KEY));
            assertTrue(s3.blobStore().blobExists(bucket, "x/runs/p=3/config=standard/_DONE"));
        }
    }
}
