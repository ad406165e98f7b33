package org.modsweep.explorer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modsweep.core.Json;
import org.modsweep.core.store.ResultsStore;
import org.modsweep.explorer.server.BindPolicy;

/** The explorer's HTTP surface over a store holding fixture results: API, assets, and the safety rules. */
class ExplorerServerTest {

    @TempDir
    static Path dir;

    static Explorer explorer;
    static HttpClient client = HttpClient.newHttpClient();
    static String base;

    @BeforeAll
    static void start() throws IOException {
        Path storeDir = dir.resolve("store");
        ResultsStore store = ResultsStore.open(storeDir.toString());
        ResultFixtures.write(store, 23);
        ResultFixtures.write(store, 7);
        store.writeString(
                new org.apache.hadoop.fs.Path(store.layout().summaryDir(), "cells.json"),
                "[{\"p\": 7, \"config\": \"standard\", \"test_acc\": 1.0}]");
        // a secret next to the store that no request may reach
        Files.writeString(dir.resolve("secret.txt"), "top secret");
        explorer = Explorer.start(store, BindPolicy.loopback(0), 50, (p, cap, progress) -> {
            throw new IllegalStateException("this test never trains");
        });
        base = "http://127.0.0.1:" + explorer.port();
    }

    @AfterAll
    static void stop() {
        explorer.close();
    }

    static HttpResponse<byte[]> get(String path) throws Exception {
        return client.send(
                HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static HttpResponse<String> post(String path, String contentType, String body, String origin) throws Exception {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (origin != null) {
            b.header("Origin", origin);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<byte[]> r) throws IOException {
        return Json.MAPPER.readTree(r.body());
    }

    @Test
    void pageCarriesContentSecurityPolicyAndLocalPlotly() throws Exception {
        HttpResponse<byte[]> r = get("/");
        assertEquals(200, r.statusCode());
        String csp = r.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertTrue(csp.contains("script-src 'self'") && !csp.contains("unsafe-eval"), csp);
        assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElseThrow());
        String html = new String(r.body(), StandardCharsets.UTF_8);
        assertTrue(html.contains("<script src=\"/vendor/plotly-3.3.1.js\"></script>"), "page loads the local Plotly");
        assertFalse(html.contains("cdn"), "no CDN in the page");
        for (String tab : List.of(
                "1. Overview",
                "2. Fourier Weights",
                "3. Phase Analysis",
                "4. Output Logits",
                "5. Lottery Mechanism",
                "6. Grokking",
                "7. Gradient Dynamics",
                "8. Decoupled Simulation",
                "9. Training Log",
                "Sweep")) {
            assertTrue(html.contains(">" + tab + "</button>"), tab);
        }
    }

    @Test
    void plotlyIsServedGzipCompressedAndCached() throws Exception {
        HttpResponse<byte[]> r = client.send(
                HttpRequest.newBuilder(URI.create(base + "/vendor/plotly-3.3.1.js"))
                        .header("Accept-Encoding", "gzip")
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        assertEquals("gzip", r.headers().firstValue("Content-Encoding").orElseThrow());
        assertTrue(r.headers().firstValue("Cache-Control").orElseThrow().contains("immutable"));
        byte[] plain;
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(r.body()))) {
            plain = in.readAllBytes();
        }
        assertTrue(r.body().length < plain.length / 2, "compressed " + r.body().length + " of " + plain.length);
        assertTrue(new String(plain, 0, 2000, StandardCharsets.UTF_8).contains("plotly.js v3.3.1"));
    }

    @Test
    void listsModuliAndServesResultFiles() throws Exception {
        JsonNode m = json(get("/api/moduli"));
        assertEquals("[7,23]", m.get("moduli").toString());
        assertEquals(23, m.get("default").asInt());

        HttpResponse<byte[]> ov = get("/api/result?p=23&name=overview.json");
        assertEquals(200, ov.statusCode());
        assertEquals(25, json(ov).get("std_epochs").size());

        HttpResponse<byte[]> png = get("/api/result?p=23&name=dft_heatmap_in.png");
        assertEquals("image/png", png.headers().firstValue("Content-Type").orElseThrow());
        assertEquals((byte) 0x89, png.body()[0]);

        assertEquals(404, get("/api/result?p=7&name=grokk_loss.json").statusCode(), "no grokking below 19");
        assertEquals(1, json(get("/api/summary")).get("files").size());
        assertEquals(
                7,
                json(get("/api/summary-file?name=cells.json")).get(0).get("p").asInt());
    }

    @Test
    void fileNamesThatLeaveTheStoreAreRefused() throws Exception {
        List<String> attacks = List.of(
                "/api/result?p=23&name=../../../secret.txt",
                "/api/result?p=23&name=..%2F..%2F..%2Fsecret.txt",
                "/api/result?p=23&name=x/../../../../secret.txt",
                "/api/result?p=23&name=/etc/passwd",
                "/api/result?p=23&name=..%5C..%5C..%5Csecret.txt",
                "/api/result?p=23&name=file:/etc/passwd",
                "/api/result?p=23&name=../../../runs",
                "/api/summary-file?name=../../secret.txt",
                "/api/summary-file?name=../p_023/p023_metadata.json",
                "/api/summary-file?name=%2e%2e/%2e%2e/%2e%2e/secret.txt");
        for (String a : attacks) {
            HttpResponse<byte[]> r = get(a);
            assertEquals(403, r.statusCode(), a);
            String body = new String(r.body(), StandardCharsets.UTF_8);
            assertFalse(body.contains("top secret"), a);
            assertTrue(body.contains("not allowed") || body.contains("leaves the results store"), body);
        }
        // a p that is not a modulus never forms a folder name
        assertEquals(400, get("/api/result?p=../23&name=metadata.json").statusCode());
        assertEquals(400, get("/api/result?p=8&name=metadata.json").statusCode());
        // assets are flat names from the classpath only
        assertEquals(404, get("/static/..%2F..%2Fpom.xml").statusCode());
        assertEquals(404, get("/static/%2e%2e/app.js").statusCode());
    }

    @Test
    void errorsAreOneJsonLineWithoutStackTraces() throws Exception {
        HttpResponse<byte[]> r = get("/nope");
        assertEquals(404, r.statusCode());
        String body = new String(r.body(), StandardCharsets.UTF_8);
        assertEquals("{\"error\":\"not found\"}", body);
        HttpResponse<String> put = client.send(
                HttpRequest.newBuilder(URI.create(base + "/api/moduli"))
                        .PUT(HttpRequest.BodyPublishers.ofString("x"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(405, put.statusCode());
        HttpResponse<String> bad = post("/api/jobs", "application/json", "{not json", null);
        assertEquals(400, bad.statusCode());
        assertFalse(bad.body().contains("at org.") || bad.body().contains("Exception"), bad.body());
    }

    @Test
    void onlyOddModuliFrom3To99AreTrained() throws Exception {
        assertEquals(
                "{\"error\":\"Error: p must be an odd number >= 3, got 4\"}",
                post("/api/jobs", "application/json", "{\"p\": 4}", null).body());
        assertEquals(
                "{\"error\":\"Error: p=101 exceeds on-demand limit of 99\"}",
                post("/api/jobs", "application/json", "{\"p\": 101}", null).body());
        for (String p : List.of("1", "-5", "0", "2.5", "\"abc\"", "\"../7\"", "null", "[7]", "1e3")) {
            HttpResponse<String> r = post("/api/jobs", "application/json", "{\"p\": " + p + "}", null);
            assertEquals(400, r.statusCode(), p + " -> " + r.body());
        }
        HttpResponse<String> exists = post("/api/jobs", "application/json", "{\"p\": 23}", null);
        assertEquals(200, exists.statusCode());
        assertTrue(exists.body().contains("Results for p=23 already exist"), exists.body());
        assertTrue(explorer.jobs().views().isEmpty(), "nothing was queued");
    }

    @Test
    void stateChangesNeedJsonFromThisOrigin() throws Exception {
        assertEquals(
                415,
                post("/api/jobs", "application/x-www-form-urlencoded", "p=41", null)
                        .statusCode());
        assertEquals(415, post("/api/jobs", "text/plain", "{\"p\": 41}", null).statusCode());
        assertEquals(
                403,
                post("/api/jobs", "application/json", "{\"p\": 41}", "http://evil.example")
                        .statusCode());
        assertTrue(explorer.jobs().views().isEmpty(), "nothing was queued");
    }

    @Test
    void foreignHostNamesAreRefusedOnLoopback() throws Exception {
        assertEquals(403, rawStatus("evil.example:" + explorer.port()));
        assertEquals(200, rawStatus("localhost:" + explorer.port()));
        assertEquals(200, rawStatus("127.0.0.1:" + explorer.port()));
    }

    private static int rawStatus(String host) throws IOException {
        try (Socket s = new Socket("127.0.0.1", explorer.port())) {
            OutputStream out = s.getOutputStream();
            out.write(("GET /api/moduli HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = new String(s.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            return Integer.parseInt(status.substring(9, 12));
        }
    }

    @Test
    void nonLoopbackBindNeedsAnExplicitHost() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new BindPolicy("0.0.0.0", 0, false).address());
        assertTrue(e.getMessage().contains("without an explicit --host"), e.getMessage());
        assertNotNull(new BindPolicy("0.0.0.0", 0, true).address());
        assertTrue(BindPolicy.loopback(7860).address().isLoopbackAddress());
        assertThrows(IllegalArgumentException.class, () -> new BindPolicy("127.0.0.1", 70000, false));
    }
}
