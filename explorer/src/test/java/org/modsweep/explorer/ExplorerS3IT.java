package org.modsweep.explorer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.jupiter.api.Test;
import org.modsweep.core.Json;
import org.modsweep.core.store.ResultsStore;
import org.modsweep.explorer.server.BindPolicy;

/** The explorer over an {@code s3a://} store on a real S3-compatible server (S3Proxy, in-memory blobs). */
class ExplorerS3IT {

    private static final String ACCESS = "explorer-test-access";
    private static final String SECRET = "explorer-test-secret-8d1f";

    @Test
    void servesResultsFromAnObjectStore() throws Exception {
        String bucket = "explorer-" + Long.toHexString(System.nanoTime());
        BlobStoreContext blobs = ContextBuilder.newBuilder("transient")
                .credentials("identity", "credential")
                .build(BlobStoreContext.class);
        blobs.getBlobStore().createContainerInLocation(null, bucket);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(blobs.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS, SECRET)
                .build();
        proxy.start();
        try {
            long deadline = System.currentTimeMillis() + 10_000;
            while (!"STARTED".equals(proxy.getState()) && System.currentTimeMillis() < deadline) {
                Thread.sleep(10);
            }
            Configuration conf = new Configuration();
            conf.set("fs.s3a.endpoint", "http://127.0.0.1:" + proxy.getPort());
            conf.set("fs.s3a.endpoint.region", "us-east-1");
            conf.set("fs.s3a.path.style.access", "true");
            conf.set("fs.s3a.connection.ssl.enabled", "false");
            conf.set("fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
            conf.set("fs.s3a.access.key", ACCESS);
            conf.set("fs.s3a.secret.key", SECRET);
            conf.set("fs.s3a.attempts.maximum", "1");
            conf.set("fs.s3a.retry.limit", "1");
            ResultsStore store = ResultsStore.open("s3a://" + bucket + "/sweep", conf);
            ResultFixtures.write(store, 19);
            try (Explorer explorer = Explorer.start(store, BindPolicy.loopback(0), 10, (p, cap, progress) -> {
                throw new IllegalStateException("this test never trains");
            })) {
                HttpClient http = HttpClient.newHttpClient();
                String moduli = get(http, explorer, "api/moduli").body();
                assertEquals("[19]", Json.MAPPER.readTree(moduli).get("moduli").toString());
                String overview = get(http, explorer, "api/result?p=19&name=overview.json")
                        .body();
                assertEquals(
                        25, Json.MAPPER.readTree(overview).get("std_epochs").size());
                HttpResponse<String> png = get(http, explorer, "api/result?p=19&name=phase_align_approx1.png");
                assertEquals(
                        "image/png", png.headers().firstValue("Content-Type").orElseThrow());
                HttpResponse<String> escape = get(http, explorer, "api/result?p=19&name=../../../../etc/passwd");
                assertEquals(403, escape.statusCode());
                assertFalse(escape.body().contains(SECRET) || moduli.contains(SECRET));
                HttpResponse<String> exists = http.send(
                        HttpRequest.newBuilder(URI.create(explorer.url() + "api/jobs"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"p\": 19}", StandardCharsets.UTF_8))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(
                        "Results for p=19 already exist (34 files)",
                        Json.MAPPER.readTree(exists.body()).get("message").asText());
            }
            // a bucket that does not exist is refused at start with one line, not served as an empty app
            IllegalArgumentException missing = assertThrows(
                    IllegalArgumentException.class,
                    () -> Explorer.start(
                            ResultsStore.open("s3a://no-such-" + bucket + "/sweep", conf),
                            BindPolicy.loopback(0),
                            10,
                            (p, cap, progress) -> {}));
            assertTrue(
                    missing.getMessage().startsWith("cannot read store s3a://no-such-" + bucket + "/sweep: "),
                    missing.getMessage());
            assertFalse(missing.getMessage().contains(SECRET)
                    || missing.getMessage().contains("\n"));
        } finally {
            proxy.stop();
            blobs.close();
        }
    }

    private static HttpResponse<String> get(HttpClient http, Explorer explorer, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(explorer.url() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
