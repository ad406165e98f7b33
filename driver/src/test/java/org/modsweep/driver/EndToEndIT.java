package org.modsweep.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modsweep.analysis.CrossModulusSummary;
import org.modsweep.analysis.ExpectedFiles;
import org.modsweep.analysis.verify.ResultsVerifier;
import org.modsweep.core.Json;
import org.modsweep.core.Modulus;
import org.modsweep.core.store.ResultsStore;

/**
 * The whole pipeline as a user runs it: {@code modsweep sweep} trains p = 3 and p = 19 (all configurations, capped
 * epochs) on local Spark, the reduce stage writes every file of outputs.md §1 for both, and the study's verify
 * step passes; the store's summary has one row per cell and the cross-p files.
 */
class EndToEndIT {

    @TempDir
    Path tmp;

    @Test
    void shortRealSweepWithReduceStageWritesEveryFileAndVerifies() throws Exception {
        Path store = tmp.resolve("store");
        SweepCliIT.Run run = SweepCliIT.sweep(
                "--p",
                "3,19",
                "--configs",
                "all",
                "--epochs",
                "400",
                "--master",
                "local[2]",
                "--store",
                store.toString(),
                "--conf",
                "spark.ui.enabled=false");
        assertEquals(0, run.code(), run.toString());
        assertTrue(run.out().contains("reports for p = 3,19"), run.out());

        ResultsStore s = ResultsStore.open(store.toString());
        for (int p : new int[] {3, 19}) {
            Modulus m = Modulus.of(p);
            Set<String> onDisk;
            try (Stream<Path> files = Files.list(store.resolve("results/p_" + m.padded()))) {
                onDisk = files.map(f -> f.getFileName().toString())
                        .filter(n -> !n.startsWith("."))
                        .collect(Collectors.toCollection(TreeSet::new));
            }
            assertEquals(new TreeSet<>(ExpectedFiles.fileNames(m)), onDisk, "p=" + p);
            assertEquals(p >= 19 ? 34 : 24, onDisk.size());
        }
        List<ResultsVerifier.ModulusCheck> checks = ResultsVerifier.verify(s);
        assertEquals(2, checks.size());
        checks.forEach(c -> assertTrue(c.passed(), c.line() + " " + c.problems()));

        JsonNode cells = Json.MAPPER
                .readTree(store.resolve("results/summary/cells.json").toFile())
                .get("cells");
        assertEquals(9, cells.size(), "4 configurations at p=3, 5 at p=19");
        assertEquals("p003-standard", cells.get(0).get("cell").asText());
        assertEquals("p019-grokking", cells.get(5).get("cell").asText());
        for (String f : CrossModulusSummary.FILES) {
            assertTrue(Files.exists(store.resolve("results/summary/" + f)), f);
        }
        assertTrue(Files.exists(store.resolve("results/summary/cells.parquet")));

        // a damaged run (its weights gone) makes the report fail: named in the output, exit code 1, nothing retrained
        try (Stream<Path> files = Files.list(store.resolve("weights/p=3/config=standard"))) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        SweepCliIT.Run damaged = SweepCliIT.sweep(
                "--p",
                "3",
                "--epochs",
                "400",
                "--master",
                "local[2]",
                "--store",
                store.toString(),
                "--conf",
                "spark.ui.enabled=false");
        assertEquals(1, damaged.code(), damaged.toString());
        assertTrue(damaged.out().contains("0 trained, 4 already committed, 0 failed"), damaged.out());
        assertTrue(damaged.out().contains("report p=3 failed: report for p=3 incomplete"), damaged.out());
    }
}
