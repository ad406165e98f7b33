package org.modsweep.explorer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modsweep.core.Json;
import org.modsweep.core.store.ResultsStore;
import org.modsweep.explorer.jobs.JobStore;
import org.modsweep.explorer.jobs.OnDemandTrainer;
import org.modsweep.explorer.server.BindPolicy;

/**
 * The job queue against damaged and hostile job files in the store, explorer restarts that keep interrupting a
 * job, a long history, and many open event streams; every check through a real explorer on 127.0.0.1.
 */
class TrainingJobsRestoreTest {

    static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    java.nio.file.Path dir;

    /** Trains "for real" as far as the explorer can tell: writes the p's result files into the store. */
    static OnDemandTrainer writingResults(ResultsStore store) {
        return (p, cap, progress) -> {
            progress.line("training p=" + p);
            ResultFixtures.write(store, p.p());
        };
    }

    /** Trains until cancelled (by the user or by the explorer stopping). */
    static final OnDemandTrainer UNTIL_CANCELLED = (p, cap, progress) -> {
        progress.line("training p=" + p);
        while (!progress.cancelled()) {
            Thread.sleep(20);
        }
        throw new CancellationException();
    };

    @Test
    void badJobFilesAreMovedAsideAndTheQueueKeepsRunning() throws Exception {
        ResultsStore store = ResultsStore.open(dir.resolve("store").toString());
        writeJob(store, "job-20250101-000000-0001-p005", job("job-20250101-000000-0001-p005", 5, "QUEUED", 0));
        Map<String, Object> even = job("job-20250101-000001-0002-p004", 4, "QUEUED", 0);
        writeJob(store, "job-20250101-000001-0002-p004", even);
        writeJob(store, "job-20250101-000002-0003-p007", job("job-../../../results/p_007/x", 7, "QUEUED", 0));
        writeJob(store, "job-20250101-000003-0004-p009", job("job-20250101-000003-0004-p009", 9, "EXPLODED", 0));
        Map<String, Object> negative = job("job-20250101-000004-0005-p011", 11, "DONE", 0);
        negative.put("epoch_cap", -1);
        writeJob(store, "job-20250101-000004-0005-p011", negative);
        store.writeString(
                jobFile(store, "job-20250101-000005-0006-p013"), "{\"id\": \"job-20250101-000005-0006-p013\", ");
        store.writeString(jobFile(store, "job-20250101-000006-0007-p015"), "[1, 2, 3]");
        store.writeString(
                jobFile(store, "job-20250101-000007-0008-p017"),
                "{\"lines\": [" + "\"x\",".repeat(4_500_000) + "\"x\"]}");
        store.writeString(new Path(new Path(store.root(), JobStore.DIR), "notes.txt"), "not a job");

        try (Explorer explorer = Explorer.start(store, BindPolicy.loopback(0), 3, writingResults(store))) {
            JsonNode done = waitForJob(explorer, 5, "done", Duration.ofSeconds(30));
            assertTrue(done.get("message").asText().startsWith("Done! Generated "), done.toString());
            assertEquals(List.of("5:done"), states(explorer));
            // the queue takes new work as usual
            post(explorer, 7);
            waitForJob(explorer, 7, "done", Duration.ofSeconds(30));
        }
        java.nio.file.Path jobs = dir.resolve("store").resolve(JobStore.DIR);
        List<String> rejected = names(jobs.resolve(JobStore.REJECTED));
        assertEquals(
                List.of(
                        "job-20250101-000001-0002-p004.json",
                        "job-20250101-000002-0003-p007.json",
                        "job-20250101-000003-0004-p009.json",
                        "job-20250101-000004-0005-p011.json",
                        "job-20250101-000005-0006-p013.json",
                        "job-20250101-000006-0007-p015.json",
                        "job-20250101-000007-0008-p017.json"),
                rejected);
        assertTrue(Files.isRegularFile(jobs.resolve("notes.txt")), "other files are left alone");
        assertTrue(Files.isRegularFile(jobs.resolve("job-20250101-000000-0001-p005.json")));
    }

    @Test
    void aJobThatEveryRestartInterruptsFailsAfterThreeResumes() throws Exception {
        ResultsStore store = ResultsStore.open(dir.resolve("store").toString());
        try (Explorer first = Explorer.start(store, BindPolicy.loopback(0), 3, UNTIL_CANCELLED)) {
            post(first, 5);
            waitForJob(first, 5, "running", Duration.ofSeconds(30));
        }
        for (int resume = 1; resume <= 3; resume++) {
            try (Explorer again = Explorer.start(store, BindPolicy.loopback(0), 3, UNTIL_CANCELLED)) {
                waitForJob(again, 5, "running", Duration.ofSeconds(30));
            }
            String id = onlyJobId(dir.resolve("store").resolve(JobStore.DIR));
            JsonNode saved = Json.MAPPER.readTree(store.readString(jobFile(store, id)));
            assertEquals(resume, saved.get("restarts").asInt());
            assertEquals("RUNNING", saved.get("state").asText(), "left to resume on the next start");
        }
        try (Explorer last = Explorer.start(store, BindPolicy.loopback(0), 3, UNTIL_CANCELLED)) {
            JsonNode failed = waitForJob(last, 5, "failed", Duration.ofSeconds(10));
            assertEquals(
                    "interrupted by 3 explorer restarts; not resumed again (submit p=5 again to retry)",
                    failed.get("error").asText());
            // and it can be submitted again
            post(last, 5);
            waitForJob(last, 5, "running", Duration.ofSeconds(30));
        }
    }

    @Test
    void finishedJobHistoryIsCapped() throws Exception {
        ResultsStore store = ResultsStore.open(dir.resolve("store").toString());
        for (int i = 0; i < 105; i++) {
            String id = String.format("job-20250101-%06d-0001-p005", i);
            writeJob(store, id, job(id, 5, i % 2 == 0 ? "DONE" : "CANCELLED", 0));
        }
        java.nio.file.Path jobs = dir.resolve("store").resolve(JobStore.DIR);
        try (Explorer explorer = Explorer.start(store, BindPolicy.loopback(0), 3, writingResults(store))) {
            assertEquals(100, states(explorer).size());
            assertEquals(100, names(jobs).size());
            assertFalse(Files.exists(jobs.resolve("job-20250101-000004-0001-p005.json")), "the oldest went first");
            assertTrue(Files.exists(jobs.resolve("job-20250101-000005-0001-p005.json")));
            post(explorer, 7);
            waitForJob(explorer, 7, "done", Duration.ofSeconds(30));
            waitFor(() -> states(explorer).size() == 100, "history pruned after the job finished");
            assertEquals("7:done", states(explorer).get(0));
            assertFalse(Files.exists(jobs.resolve("job-20250101-000005-0001-p005.json")));
        }
    }

    @Test
    void eventStreamsAreCapped() throws Exception {
        ResultsStore store = ResultsStore.open(dir.resolve("store").toString());
        try (Explorer explorer = Explorer.start(store, BindPolicy.loopback(0), 3, UNTIL_CANCELLED)) {
            String id = post(explorer, 5).get("job").get("id").asText();
            waitForJob(explorer, 5, "running", Duration.ofSeconds(30));
            URI events = URI.create(explorer.url() + "api/jobs/events?id=" + id);
            List<InputStream> open = new ArrayList<>();
            try {
                for (int i = 0; i < 8; i++) {
                    HttpResponse<InputStream> r = HTTP.send(
                            HttpRequest.newBuilder(events).build(), HttpResponse.BodyHandlers.ofInputStream());
                    assertEquals(200, r.statusCode());
                    open.add(r.body());
                }
                HttpResponse<String> ninth =
                        HTTP.send(HttpRequest.newBuilder(events).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(503, ninth.statusCode());
                assertEquals("{\"error\":\"too many open event streams (at most 8)\"}", ninth.body());
                assertEquals(200, get(explorer, "api/jobs").statusCode(), "other requests are still served");
            } finally {
                for (InputStream in : open) {
                    in.close();
                }
            }
        }
    }

    static Map<String, Object> job(String id, int p, String state, int restarts) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("p", p);
        m.put("epoch_cap", 3);
        m.put("state", state);
        m.put("created", "2025-01-01T00:00:00Z");
        m.put("first_line", 0);
        m.put("lines", List.of("Queued"));
        m.put("restarts", restarts);
        return m;
    }

    static Path jobFile(ResultsStore store, String id) {
        return new Path(new Path(store.root(), JobStore.DIR), id + ".json");
    }

    static void writeJob(ResultsStore store, String id, Map<String, Object> job) throws Exception {
        store.writeString(jobFile(store, id), Json.compact(job));
    }

    static String onlyJobId(java.nio.file.Path jobs) throws Exception {
        List<String> ids = names(jobs);
        assertEquals(1, ids.size(), ids.toString());
        return ids.get(0).replace(".json", "");
    }

    static List<String> names(java.nio.file.Path folder) throws Exception {
        try (var s = Files.list(folder)) {
            return s.filter(Files::isRegularFile)
                    .map(f -> f.getFileName().toString())
                    .filter(n -> !n.startsWith("."))
                    .sorted()
                    .toList();
        }
    }

    static HttpResponse<String> get(Explorer explorer, String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(explorer.url() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode post(Explorer explorer, int p) throws Exception {
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create(explorer.url() + "api/jobs"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"p\": " + p + "}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(202, r.statusCode(), r.body());
        return Json.MAPPER.readTree(r.body());
    }

    /** Jobs as "p:state", newest first. */
    static List<String> states(Explorer explorer) throws Exception {
        List<String> out = new ArrayList<>();
        Json.MAPPER
                .readTree(get(explorer, "api/jobs").body())
                .get("jobs")
                .forEach(j -> out.add(j.get("p").asInt() + ":" + j.get("state").asText()));
        return out;
    }

    interface Check {
        boolean ok() throws Exception;
    }

    static void waitFor(Check check, String what) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!check.ok()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("never: " + what);
            }
            Thread.sleep(50);
        }
    }

    static JsonNode waitForJob(Explorer explorer, int p, String state, Duration timeout) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < end) {
            for (JsonNode j :
                    Json.MAPPER.readTree(get(explorer, "api/jobs").body()).get("jobs")) {
                if (j.get("p").asInt() == p) {
                    last = j;
                    if (j.get("state").asText().equals(state)) {
                        return j;
                    }
                    break; // newest job of that p only
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("job p=" + p + " never reached " + state + ": " + last);
    }
}
