package org.modsweep.explorer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modsweep.core.Cell;
import org.modsweep.core.Json;
import org.modsweep.core.Modulus;
import org.modsweep.core.grid.GridManifest;
import org.modsweep.core.store.ResultsStore;
import org.modsweep.explorer.jobs.GridJob;
import org.modsweep.explorer.jobs.JobStore;
import org.modsweep.explorer.jobs.OnDemandTrainer;
import org.modsweep.explorer.server.BindPolicy;

/**
 * The Grids tab's endpoints over a planted grid ({@link GridFixtures}): the list, the grid's files as JSON and PNG
 * only, a run's curves read from its metrics Parquet file, the checks on grid and run ids, and on-demand grid jobs
 * (bounds, one-line refusals, the trainer getting the grid, the job ending on the grid's phase diagram).
 */
class GridsApiTest {

    @TempDir
    static Path dir;

    static Explorer explorer;
    static ResultsStore store;
    static final HttpClient CLIENT = HttpClient.newHttpClient();
    static String base;
    /** Grids the trainer was asked for; it "trains" one by planting the fixture's files under the asked id. */
    static final List<GridJob> TRAINED = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws IOException {
        store = ResultsStore.open(dir.resolve("store").toString());
        GridFixtures.write(store, 23);
        // a folder that is not a grid (no grid.json) and one whose name no request can form
        store.writeString(new org.apache.hadoop.fs.Path(store.layout().resultsRoot(), "grids/empty/x.json"), "{}");
        Files.writeString(dir.resolve("secret.json"), "{\"top\": \"secret\"}");
        explorer = Explorer.start(store, BindPolicy.loopback(0), null, new OnDemandTrainer() {
            @Override
            public void train(Modulus p, Integer epochCap, Progress progress) {
                throw new IllegalStateException("this test trains no modulus");
            }

            @Override
            public void trainGrid(GridJob grid, Progress progress) throws IOException {
                TRAINED.add(grid);
                progress.line("training " + grid.runs() + " runs");
                if (grid.grid().contains("seed=9")) {
                    throw new CancellationException(); // as a cancelled sweep ends
                }
                if (!grid.grid().contains("seed=8")) { // seed=8: a sweep that ends without a phase diagram
                    store.writeString(
                            new org.apache.hadoop.fs.Path(GridManifest.dir(store, grid.id()), "phases.json"),
                            "{\"grid\": \"" + grid.id() + "\", \"missing\": []}");
                }
            }
        });
        base = "http://127.0.0.1:" + explorer.port();
    }

    @AfterAll
    static void stop() {
        explorer.close();
    }

    static HttpResponse<byte[]> get(String path) throws Exception {
        return CLIENT.send(
                HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static JsonNode json(HttpResponse<byte[]> r) throws IOException {
        return Json.MAPPER.readTree(r.body());
    }

    static HttpResponse<String> postGrid(String body) throws Exception {
        return CLIENT.send(
                HttpRequest.newBuilder(URI.create(base + "/api/jobs/grid"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void listsGridsWithTheirAxesAndFiles() throws Exception {
        JsonNode grids = json(get("/api/grids")).get("grids");
        JsonNode g = null;
        for (JsonNode x : grids) {
            assertTrue(
                    List.of(GridFixtures.ID, "broken").contains(x.get("id").asText()), "no grid.json, no grid: " + x);
            if (x.get("id").asText().equals(GridFixtures.ID)) {
                g = x;
            } else { // another test plants a grid.json that does not parse: listed with its problem
                assertTrue(x.get("error").asText().contains("is not a grid manifest"), x.toString());
            }
        }
        assertEquals(GridFixtures.ID, g.get("id").asText());
        assertEquals("[1,2]", g.get("axes").get("seed").toString());
        assertEquals("[0.5,1.0,2.0]", g.get("axes").get("weight_decay").toString());
        assertEquals(12, g.get("runs").asInt());
        assertEquals(GridFixtures.EPOCHS, g.get("epochs").asInt());
        List<String> files = new ArrayList<>();
        g.get("files").forEach(f -> files.add(f.asText()));
        assertTrue(
                files.containsAll(List.of(
                        "grid.json",
                        "phases.json",
                        "seeds.json",
                        "critical.json",
                        "progress.json",
                        "delay_weight_decay.png")),
                files.toString());
    }

    @Test
    void servesTheGridsJsonAndPngFilesOnly() throws Exception {
        HttpResponse<byte[]> phases = get("/api/grid-file?id=" + GridFixtures.ID + "&name=phases.json");
        assertEquals(200, phases.statusCode());
        assertEquals(
                "application/json; charset=utf-8",
                phases.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(
                "nosniff", phases.headers().firstValue("X-Content-Type-Options").orElseThrow());
        JsonNode p = json(phases);
        assertEquals(GridFixtures.POINTS, p.get("points").size());
        assertEquals(11, p.get("runs").size());
        assertEquals(1, p.get("missing").size());
        HttpResponse<byte[]> png = get("/api/grid-file?id=" + GridFixtures.ID + "&name=delay_weight_decay.png");
        assertEquals("image/png", png.headers().firstValue("Content-Type").orElseThrow());
        // a store file of any other kind is never served, wherever it sits
        store.writeString(
                new org.apache.hadoop.fs.Path(GridManifest.dir(store, GridFixtures.ID), "x.html"), "<script>");
        assertEquals(
                404,
                get("/api/grid-file?id=" + GridFixtures.ID + "&name=x.html").statusCode());
        assertEquals(
                404,
                get("/api/grid-file?id=" + GridFixtures.ID + "&name=nope.json").statusCode());
        assertEquals(404, get("/api/grid-file?id=nogrid&name=phases.json").statusCode());
    }

    @Test
    void gridIdsAndFileNamesThatLeaveTheGridAreRefused() throws Exception {
        for (String q : List.of(
                "id=..&name=summary/cells.json",
                "id=" + enc("../../..") + "&name=secret.json",
                "id=" + enc("a/b") + "&name=phases.json",
                "id=Upper&name=phases.json",
                "id=&name=phases.json",
                "name=phases.json")) {
            HttpResponse<byte[]> r = get("/api/grid-file?" + q);
            assertEquals(400, r.statusCode(), q);
            assertTrue(new String(r.body(), StandardCharsets.UTF_8).contains("grid name"), q);
        }
        for (String name : List.of("../../../../secret.json", "..%2F..%2F..%2F..%2Fsecret.json", "/etc/passwd")) {
            HttpResponse<byte[]> r = get("/api/grid-file?id=" + GridFixtures.ID + "&name=" + name);
            assertEquals(403, r.statusCode(), name);
            assertFalse(new String(r.body(), StandardCharsets.UTF_8).contains("secret\""), name);
        }
    }

    @Test
    void aRunsCurvesComeFromItsMetricsParquet() throws Exception {
        Cell run = GridFixtures.runs(23).get(0);
        HttpResponse<byte[]> r = get("/api/grid-run?id=" + GridFixtures.ID + "&run=" + enc(run.id()));
        assertEquals(200, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
        JsonNode c = json(r);
        assertEquals(run.id(), c.get("run").asText());
        assertEquals(GridFixtures.EPOCHS, c.get("epochs_run").asInt());
        assertEquals(GridFixtures.EPOCHS, c.get("epoch").size(), "600 epochs need no thinning");
        GridFixtures.Outcome o = GridFixtures.outcome(run);
        for (int e : new int[] {0, 99, 100, 599}) {
            assertEquals(
                    GridFixtures.acc(o.tTrain(), e), c.get("train_acc").get(e).asDouble(), 0.0, "epoch " + e);
            assertEquals(
                    GridFixtures.acc(o.tTest(), e), c.get("test_acc").get(e).asDouble(), 0.0, "epoch " + e);
        }
    }

    @Test
    void runIdsMustBeRunsOfTheGridAndCommitted() throws Exception {
        String g = "/api/grid-run?id=" + GridFixtures.ID + "&run=";
        assertEquals(400, get(g + enc("../../etc")).statusCode());
        assertEquals(400, get(g + enc("p023-nosuchconfig")).statusCode());
        assertEquals(400, get(g).statusCode());
        HttpResponse<byte[]> notCanonical = get(g + enc("p23-grokking-seed1"));
        assertEquals(400, notCanonical.statusCode(), new String(notCanonical.body(), StandardCharsets.UTF_8));
        HttpResponse<byte[]> study = get(g + "p023-grokking");
        assertEquals(404, study.statusCode());
        assertTrue(new String(study.body(), StandardCharsets.UTF_8).contains("is not part of grid " + GridFixtures.ID));
        Cell missing = GridFixtures.runs(23).stream()
                .filter(GridFixtures::isMissing)
                .findFirst()
                .orElseThrow();
        HttpResponse<byte[]> r = get(g + enc(missing.id()));
        assertEquals(404, r.statusCode());
        assertEquals(
                "{\"error\":\"run " + missing.id() + " is not committed (yet)\"}",
                new String(r.body(), StandardCharsets.UTF_8));
        assertEquals(400, get("/api/grid-run?id=..&run=p023-grokking").statusCode());
        assertEquals(404, get("/api/grid-run?id=nogrid&run=p023-grokking").statusCode());
        assertEquals(404, get("/api/grid-run?id=empty&run=p023-grokking").statusCode(), "a folder without grid.json");
        store.writeString(
                new org.apache.hadoop.fs.Path(GridManifest.dir(store, "broken"), "grid.json"), "{\"axes\": 1}");
        HttpResponse<byte[]> broken = get("/api/grid-run?id=broken&run=p023-grokking");
        assertEquals(500, broken.statusCode());
        assertTrue(
                new String(broken.body(), StandardCharsets.UTF_8)
                        .startsWith("{\"error\":\"results/grids/broken/grid.json is not a grid manifest: "),
                new String(broken.body(), StandardCharsets.UTF_8));
    }

    @Test
    void gridJobsAreBoundedAndRefusedWithOneLine() throws Exception {
        assertEquals(
                "{\"error\":\"Error: a grid trained on demand has at most 32 runs; this one has 40 (train larger grids"
                        + " with modsweep sweep --grid)\"}",
                postGrid("{\"p\": 23, \"config\": \"grokking\", \"grid\": \"seed=1..5;weight_decay=0.1..0.8:0.1\"}")
                        .body());
        assertEquals(
                "{\"error\":\"Error: epochs=6000 is outside 1..5000 for a grid trained on demand\"}",
                postGrid("{\"p\": 23, \"config\": \"grokking\", \"grid\": \"seed=1\", \"epochs\": 6000}")
                        .body());
        assertTrue(postGrid("{\"p\": 23, \"config\": \"nope\", \"grid\": \"seed=1\"}")
                .body()
                .contains("choose a configuration: standard, grokking"));
        assertTrue(postGrid("{\"p\": 7, \"config\": \"grokking\", \"grid\": \"seed=1\"}")
                .body()
                .contains("configuration grokking needs p >= 19"));
        assertTrue(postGrid("{\"p\": 23, \"config\": \"grokking\", \"grid\": \"colour=red\"}")
                .body()
                .startsWith("{\"error\":\"Error: unknown key 'colour'"));
        for (String bad : List.of(
                "{\"p\": 24, \"config\": \"grokking\", \"grid\": \"seed=1\"}",
                "{\"p\": 23, \"config\": \"grokking\", \"grid\": \"\"}",
                "{\"p\": 23, \"config\": \"grokking\", \"grid\": \"seed=-1\"}",
                "{\"p\": 23, \"config\": \"grokking\", \"grid\": \"frac_train=1.5\"}",
                "{\"p\": 23, \"config\": \"grokking\", \"grid\": \"seed=1\", \"epochs\": \"ten\"}",
                "{\"p\": 23, \"config\": \"grokking\", \"grid\": [\"seed=1\"]}")) {
            HttpResponse<String> r = postGrid(bad);
            assertEquals(400, r.statusCode(), bad + " -> " + r.body());
            assertFalse(r.body().contains("Exception"), r.body());
        }
        assertTrue(TRAINED.stream().noneMatch(t -> t.grid().contains("weight_decay=0.1")), "nothing too big trained");
    }

    @Test
    void aGridJobTrainsItsGridAndEndsOnItsPhaseDiagram() throws Exception {
        HttpResponse<String> r =
                postGrid("{\"p\": 23, \"config\": \"grokking\", \"grid\": \"seed=1..2;weight_decay=0.5,1\","
                        + " \"epochs\": 300}");
        assertEquals(202, r.statusCode(), r.body());
        JsonNode job = Json.MAPPER.readTree(r.body()).get("job");
        assertEquals("grid", job.get("kind").asText());
        String gridId = job.get("grid").get("id").asText();
        assertTrue(gridId.matches("grokking-seed-weight_decay-[0-9a-f]{8}"), gridId);
        assertEquals(4, job.get("grid").get("runs").asInt());
        assertEquals(300, job.get("epoch_cap").asInt());
        JsonNode done = waitFor(job.get("id").asText());
        assertEquals("done", done.get("state").asText(), done.toString());
        assertEquals(
                "Done! Generated 1 files for grid " + gridId + ".",
                done.get("message").asText());
        GridJob trained =
                TRAINED.stream().filter(t -> t.id().equals(gridId)).findFirst().orElseThrow();
        assertEquals("seed=1,2;weight_decay=0.5,1.0", trained.grid());
        assertEquals(300, trained.epochs());
        // the same grid again, spelled differently: its results exist, nothing is queued
        HttpResponse<String> same = postGrid("{\"p\": 23, \"config\": \"grokking\", \"grid\": \" seed=1..2 ;"
                + "weight_decay=0.50,1.0\", \"epochs\": \"300\"}");
        assertEquals(200, same.statusCode(), same.body());
        assertEquals(
                "Results for grid " + gridId + " already exist",
                Json.MAPPER.readTree(same.body()).get("message").asText());
    }

    @Test
    void aSweepThatWritesNoPhaseDiagramFailsTheJobAndCancellationCancels() throws Exception {
        HttpResponse<String> r =
                postGrid("{\"p\": 23, \"config\": \"standard\", \"grid\": \"seed=8\", \"epochs\": 10}");
        JsonNode failed =
                waitFor(Json.MAPPER.readTree(r.body()).get("job").get("id").asText());
        assertEquals("failed", failed.get("state").asText());
        assertTrue(
                failed.get("error").asText().startsWith("the sweep ended without writing results/grids/standard-seed-"),
                failed.toString());
        HttpResponse<String> c =
                postGrid("{\"p\": 23, \"config\": \"standard\", \"grid\": \"seed=9\", \"epochs\": 10}");
        assertEquals(
                "cancelled",
                waitFor(Json.MAPPER.readTree(c.body()).get("job").get("id").asText())
                        .get("state")
                        .asText());
    }

    @Test
    void aGridJobLeftRunningResumesOnTheNextStartAndATamperedOneIsRejected(@TempDir Path other) throws Exception {
        ResultsStore s = ResultsStore.open(other.resolve("store").toString());
        GridJob grid = GridJob.of(Map.of("p", 23, "config", "grokking", "grid", "seed=1,2", "epochs", 50), null);
        writeJob(s, "job-20250101-000000-0001-grid", grid, grid.epochs());
        // the same id with a grid 100 runs large, and one whose cap is not its grid's epochs: neither is restored
        writeJob(
                s, "job-20250101-000001-0002-grid", new GridJob(grid.id(), 23, "grokking", "seed=1..100", 50, 100), 50);
        writeJob(s, "job-20250101-000002-0003-grid", grid, 5000);
        List<GridJob> trained = new CopyOnWriteArrayList<>();
        OnDemandTrainer trainer = new OnDemandTrainer() {
            @Override
            public void train(Modulus p, Integer epochCap, Progress progress) {
                throw new IllegalStateException("no modulus here");
            }

            @Override
            public void trainGrid(GridJob g, Progress progress) throws IOException {
                trained.add(g);
                s.writeString(new org.apache.hadoop.fs.Path(GridManifest.dir(s, g.id()), "phases.json"), "{}");
            }
        };
        try (Explorer again = Explorer.start(s, BindPolicy.loopback(0), null, trainer)) {
            base = "http://127.0.0.1:" + again.port();
            JsonNode done = waitFor("job-20250101-000000-0001-grid");
            assertEquals("done", done.get("state").asText(), done.toString());
            assertEquals(List.of(grid), trained);
            assertEquals(1, json(get("/api/jobs")).get("jobs").size());
        } finally {
            base = "http://127.0.0.1:" + explorer.port();
        }
        try (var rejected = Files.list(other.resolve("store/_explorer/jobs/rejected"))) {
            assertEquals(
                    2,
                    rejected.filter(f -> !f.getFileName().toString().startsWith("."))
                            .count());
        }
    }

    private static void writeJob(ResultsStore s, String id, GridJob grid, int cap) throws IOException {
        Map<String, Object> job = new java.util.LinkedHashMap<>();
        job.put("id", id);
        job.put("p", grid.p());
        job.put("epoch_cap", cap);
        job.put("state", "RUNNING");
        job.put("created", "2025-01-01T00:00:00Z");
        job.put("first_line", 0);
        job.put("lines", List.of("Queued"));
        job.put("restarts", 0);
        job.put("grid", grid);
        s.writeString(
                new org.apache.hadoop.fs.Path(new org.apache.hadoop.fs.Path(s.root(), JobStore.DIR), id + ".json"),
                Json.compact(job));
    }

    private static JsonNode waitFor(String jobId) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < end) {
            for (JsonNode j : json(get("/api/jobs")).get("jobs")) {
                if (j.get("id").asText().equals(jobId)
                        && j.get("state").asText().matches("done|failed|cancelled")) {
                    return j;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("job " + jobId + " did not finish");
    }
}
