package org.modsweep.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Grids on the cluster path: the chart's sweep.set, sweep.grid and sweep.gridFile (a ConfigMap mounted in the
 * driver pod) become the same sweep options under the spark-operator and under the Job's submit-sweep.sh.
 */
class GridChartIT {

    private static final String SWEEP = Chart.RELEASE + "-modsweep-sweep-1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> GRID_ARGS = List.of(
            "--p",
            "23",
            "--configs",
            "grokking",
            "--store",
            "s3a://modsweep/results",
            "--epochs",
            "3000",
            "--set",
            "seed=7",
            "--set",
            "lr=0.001",
            "--grid",
            "weight_decay=0,0.5,1;frac_train=0.3..0.9:0.2",
            "--grid-name",
            "wd-frac",
            "--refine",
            "4",
            "--yes");

    @TempDir
    Path dir;

    private Path gridValues() throws Exception {
        return Chart.valuesFile(
                dir,
                """
                sweep:
                  p: [23]
                  configs: [grokking]
                  epochs: 3000
                  set: ["seed=7", "lr=0.001"]
                  grid: "weight_decay=0,0.5,1;frac_train=0.3..0.9:0.2"
                  gridName: wd-frac
                  refine: 4
                  allowLarge: true
                """);
    }

    @Test
    void theSparkApplicationPassesTheGridToTheSweep() throws Exception {
        Chart chart = Chart.render(Map.of("sweep.launcher", "sparkApplication"), gridValues());
        JsonNode spec = JSON.readTree(Chart.SERIALIZATION.asJson(
                        chart.custom("SparkApplication").get(0)))
                .get("spec");
        assertEquals(GRID_ARGS, strings(spec.get("arguments")));
    }

    @Test
    void theJobPassesTheSameArgumentsThroughSubmitSweep() throws Exception {
        Chart chart = Chart.render(Map.of("sweep.launcher", "job"), gridValues());
        assertEquals(GRID_ARGS, submittedAppArgs(chart));
    }

    @Test
    void aGridFileComesFromAConfigMapMountedInTheDriverPod() throws Exception {
        Path values = Chart.valuesFile(dir, "sweep: {p: [23], gridFile: {configMap: my-grid, key: wd.json}}");
        Chart app = Chart.render(Map.of("sweep.launcher", "sparkApplication"), values);
        JsonNode spec = JSON.readTree(Chart.SERIALIZATION.asJson(
                        app.custom("SparkApplication").get(0)))
                .get("spec");
        List<String> args = strings(spec.get("arguments"));
        assertEquals("/etc/modsweep/grid/wd.json", args.get(args.indexOf("--grid-file") + 1), args.toString());
        JsonNode pod = spec.get("driver").get("template").get("spec");
        assertEquals(
                "my-grid",
                pod.get("volumes").get(0).get("configMap").get("name").asText());
        JsonNode mount = pod.get("containers").get(0).get("volumeMounts").get(0);
        assertEquals("grid", mount.get("name").asText());
        assertEquals("/etc/modsweep/grid", mount.get("mountPath").asText());
        assertTrue(mount.get("readOnly").asBoolean());

        Chart job = Chart.render(Map.of("sweep.launcher", "job"), values);
        String driverTemplate =
                job.one(ConfigMap.class, SWEEP + "-pod-templates").getData().get("driver.yaml");
        assertTrue(
                driverTemplate.contains("name: my-grid") && driverTemplate.contains("mountPath: /etc/modsweep/grid"),
                driverTemplate);
        List<String> jobArgs = submittedAppArgs(job);
        assertEquals("/etc/modsweep/grid/wd.json", jobArgs.get(jobArgs.indexOf("--grid-file") + 1), jobArgs.toString());
    }

    @Test
    void withoutGridValuesNothingChanges() throws Exception {
        Chart chart = Chart.render(Map.of("sweep.launcher", "sparkApplication"));
        JsonNode spec = JSON.readTree(Chart.SERIALIZATION.asJson(
                        chart.custom("SparkApplication").get(0)))
                .get("spec");
        assertEquals(
                List.of("--p", "15,23,29,31", "--configs", "all", "--store", "s3a://modsweep/results"),
                strings(spec.get("arguments")));
        assertTrue(spec.get("driver").get("template").get("spec").get("volumes") == null, spec.toString());
    }

    /** The sweep's arguments as the Job's submit-sweep.sh hands them to spark-submit (after the application jar). */
    private List<String> submittedAppArgs(Chart chart) throws Exception {
        List<String> submitted = HelmChartIT.jobSubmitArgs(chart, SWEEP, dir);
        int jar = submitted.indexOf("local:///opt/modsweep/modsweep-app.jar");
        return submitted.subList(jar + 1, submitted.size());
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
