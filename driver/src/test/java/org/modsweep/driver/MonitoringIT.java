package org.modsweep.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modsweep.core.Json;
import org.modsweep.core.ModulusList;
import org.modsweep.core.config.StudyConfigs;
import org.modsweep.driver.LocalSweepIT.Recorder;
import org.modsweep.driver.monitor.SweepProgress;

/**
 * What a person watching a sweep sees: the Spark UI address, live progress fed by executor heartbeats, and in the
 * event log (what the UI and the History Server show) the sweep's job group, a description per stage and the
 * named accumulators.
 */
class MonitoringIT {

    @TempDir
    Path tmp;

    @Test
    void uiAddressLiveProgressJobGroupDescriptionsAndAccumulators() throws Exception {
        Path events = Files.createDirectories(tmp.resolve("events"));
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put("spark.ui.port", "0");
        conf.put("spark.executor.heartbeatInterval", "500ms");
        conf.put("spark.eventLog.enabled", "true");
        conf.put("spark.eventLog.dir", events.toUri().toString());
        conf.put("spark.eventLog.compress", "false"); // Spark 4 compresses by default; plain JSON lines to read here
        // p = 11, 13 for 3000 epochs: seconds per cell even on an idle machine, so heartbeats see training under way
        SweepRequest req = new SweepRequest(
                ModulusList.parse("11,13"),
                StudyConfigs.parse("standard"),
                tmp.resolve("store").toString(),
                "local[2]",
                3000,
                conf);
        Recorder rec = new Recorder();
        List<String> uis = new ArrayList<>();
        SweepResult r = new Sweep().run(req, new Recorder() {
            @Override
            public void onLine(String line) {
                rec.onLine(line);
            }

            @Override
            public void onProgress(SweepProgress p) {
                rec.onProgress(p);
            }

            @Override
            public void onSparkUi(String url) {
                uis.add(url);
            }
        });
        assertTrue(r.ok(), r.toString());
        assertTrue(r.uiUrl().matches("http://127\\.0\\.0\\.1:\\d+"), r.uiUrl());
        assertEquals(List.of(r.uiUrl()), uis);
        assertTrue(rec.lines.stream().anyMatch(l -> l.startsWith("Spark UI: " + r.uiUrl())), rec.lines.toString());
        assertTrue(rec.lines.stream().anyMatch(l -> l.startsWith("event log: ")), rec.lines.toString());
        // heartbeats carried the running tasks' epoch counts before any cell finished
        assertTrue(
                rec.progress.stream()
                        .anyMatch(p -> p.cellsDone() == 0
                                && p.epochsDone() > 0
                                && p.cellsRunning() > 0
                                && p.epochsPerSecond() > 0),
                rec.progress.toString());
        assertTrue(rec.progress.stream().anyMatch(p -> p.cellsDone() == 0 && p.etaSeconds() > 0));
        assertTrue(
                rec.progress.get(0).render(10).matches("\\[[#-]{10}] \\d+/2 cells .*"),
                rec.progress.get(0).render(10));

        List<JsonNode> log = new ArrayList<>();
        try (Stream<Path> files = Files.walk(events)) { // Spark 4 writes rolling logs: a directory per app
            for (Path f : files.filter(f ->
                            Files.isRegularFile(f) && f.getFileName().toString().startsWith("events"))
                    .toList()) {
                for (String line : Files.readAllLines(f)) {
                    log.add(Json.MAPPER.readTree(line));
                }
            }
        }
        Set<String> descriptions = new HashSet<>();
        Set<String> groups = new HashSet<>();
        for (JsonNode e : log) {
            if (e.path("Event").asText().equals("SparkListenerJobStart")) {
                descriptions.add(
                        e.path("Properties").path("spark.job.description").asText());
                groups.add(e.path("Properties").path("spark.jobGroup.id").asText());
            }
        }
        // standard only: no modulus is complete, so the reduce jobs only summarise (reports: S3SweepIT, EndToEndIT)
        assertEquals(Set.of("train 2 cells", "summarize p=11", "summarize p=13"), descriptions);
        assertEquals(1, groups.size());
        assertTrue(groups.iterator().next().startsWith("modsweep-"), groups.toString());

        Map<String, Long> accumulators = new HashMap<>();
        for (JsonNode e : log) {
            if (e.path("Event").asText().equals("SparkListenerStageCompleted")) {
                for (JsonNode a : e.path("Stage Info").path("Accumulables")) {
                    accumulators.put(a.path("Name").asText(), a.path("Value").asLong());
                }
            }
        }
        assertEquals(6000L, accumulators.get("epochs trained"), accumulators.toString());
        assertEquals(2L, accumulators.get("cells done"), accumulators.toString());
    }
}
