package org.modsweep.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modsweep.analysis.synthetic.PlantedStudy;
import org.modsweep.analysis.verify.ResultsVerifier;
import org.modsweep.core.Modulus;
import org.modsweep.core.store.ResultsStore;

class ModulusReportTest {

    @TempDir
    java.nio.file.Path tmp;

    static final Map<String, Integer> SHORT = Map.of("standard", 1000, "grokking", 2001, "quad_random", 1000,
            "quad_single_freq", 2000, "relu_single_freq", 2000);

    @Test
    void writesTheExactFileSetAndVerifyPasses() throws Exception {
        ResultsStore store = ResultsStore.open(tmp.resolve("store").toString());
        PlantedStudy planted = new PlantedStudy(store, 7);
        for (int p : new int[] {7, 19}) {
            planted.commitAll(Modulus.of(p), SHORT);
        }
        for (int p : new int[] {7, 19}) {
            Modulus m = Modulus.of(p);
            ModulusReport.Outcome o = ModulusReport.generate(store, m);
            assertTrue(o.ok(), () -> o.failures().toString());
            assertEquals(p >= 19 ? 34 : 24, o.written().size());
            Set<String> onDisk;
            try (Stream<java.nio.file.Path> s = Files.list(tmp.resolve("store/results/p_" + m.padded()))) {
                onDisk = s.map(x -> x.getFileName().toString()).filter(n -> !n.startsWith("."))
                        .collect(Collectors.toCollection(TreeSet::new));
            }
            assertEquals(new TreeSet<>(ExpectedFiles.fileNames(m)), onDisk);
        }
        List<ResultsVerifier.ModulusCheck> checks = ResultsVerifier.verify(store);
        assertEquals(2, checks.size());
        checks.forEach(c -> assertTrue(c.passed(), c.problems()::toString));
    }
}
