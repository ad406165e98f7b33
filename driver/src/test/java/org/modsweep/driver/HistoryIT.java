package org.modsweep.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modsweep.core.Json;
import org.modsweep.core.store.ResultsStore;
import org.modsweep.driver.cli.HistoryCommand;
import org.modsweep.driver.spark.EventLogs;
import org.modsweep.driver.spark.HistoryService;
import org.modsweep.driver.testing.Cli;
import org.modsweep.driver.testing.SmallSweep;

/** A sweep writes its event log into the store by default; {@code modsweep history} serves it on 127.0.0.1. */
class HistoryIT {

    @TempDir
    Path tmp;

    static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static JsonNode get(String url) throws Exception {
        HttpResponse<String> r =
                HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), url + ": " + r.body());
        return Json.MAPPER.readTree(r.body());
    }

    /** The applications the History Server lists, once there are {@code count} (it scans every 2 s). */
    static JsonNode awaitApplications(String url, int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        JsonNode apps = null;
        while (System.nanoTime() < deadline) {
            apps = get(url + "/api/v1/applications");
            if (apps.size() >= count) {
                return apps;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("fewer than " + count + " applications at " + url + ": " + apps);
    }

    /** The descriptions of an application's jobs, each of which must have succeeded. */
    static List<String> jobs(String url, JsonNode app) throws Exception {
        JsonNode jobs = get(url + "/api/v1/applications/" + app.get("id").asText() + "/jobs");
        List<String> descriptions = new ArrayList<>();
        for (JsonNode j : jobs) {
            assertEquals("SUCCEEDED", j.get("status").asText(), j.toString());
            descriptions.add(j.path("description").asText(j.path("name").asText()));
        }
        return descriptions;
    }

    /** The sweep's application and its jobs, as the REST API of the History Server lists them. */
    static void assertSweepListed(String url) throws Exception {
        JsonNode apps = awaitApplications(url, 1);
        assertEquals(1, apps.size(), apps.toString());
        assertEquals("modsweep sweep", apps.get(0).get("name").asText(), apps.toString());
        List<String> jobs = jobs(url, apps.get(0));
        assertTrue(jobs.stream().anyMatch(d -> d.contains("train 1 cell")), jobs.toString());
    }

    @Test
    void aSweepsEventLogIsServedByTheHistoryServer() throws Exception {
        Path store = tmp.resolve("store");
        SweepCliIT.Run r = SweepCliIT.sweep(
                SmallSweep.args(5, store.toString(), "--conf", "spark.ui.enabled=false", "--no-reduce"));
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("bin/modsweep history --store " + store), r.out());
        Path events = store.resolve(EventLogs.DIR);
        assertTrue(Files.isDirectory(events), "the event log is in the store by default");
        try (var logs = Files.list(events)) {
            assertEquals(
                    1,
                    logs.filter(f -> !f.getFileName().toString().startsWith("."))
                            .count());
        }
        try (HistoryService history =
                HistoryService.start(ResultsStore.open(store.toString()), Map.of(), HistoryService.LOOPBACK, 0)) {
            assertTrue(history.url().startsWith("http://127.0.0.1:"), history.url());
            assertSweepListed(history.url());
        }
    }

    @Test
    void theEventLogCanBeTurnedOff() {
        Path store = tmp.resolve("quiet");
        SweepCliIT.Run r = SweepCliIT.sweep(SmallSweep.args(
                3,
                store.toString(),
                "--conf",
                "spark.ui.enabled=false",
                "--no-reduce",
                "--conf",
                "spark.eventLog.enabled=false"));
        assertEquals(0, r.code(), r.toString());
        assertFalse(Files.exists(store.resolve(EventLogs.DIR)));
        Cli.Run h = Cli.run(new HistoryCommand(), "--store", store.toString(), "--port", "0");
        assertEquals(2, h.code(), h.toString());
        assertTrue(h.err().contains("has no spark-events/ folder"), h.err());
    }

    @Test
    void badHistoryInputIsOneLine() {
        Cli.Run port = Cli.run(new HistoryCommand(), "--store", tmp.toString(), "--port", "70000");
        assertEquals(2, port.code());
        assertEquals(
                "modsweep history: error: --port must be <= 65535, got 70000",
                port.err().strip());
        Cli.Run missing =
                Cli.run(new HistoryCommand(), "--store", tmp.resolve("nope").toString(), "--port", "0");
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("does not exist"), missing.err());
        assertEquals(1, missing.err().strip().lines().count());
    }
}
