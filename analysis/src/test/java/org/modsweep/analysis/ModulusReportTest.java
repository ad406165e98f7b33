package org.modsweep.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.modsweep.core.Json;
import org.modsweep.core.Modulus;
import org.modsweep.core.store.ResultsStore;

class ModulusReportTest {

    @TempDir
    java.nio.file.Path tmp;

    static final Map<String, Integer> SHORT = Map.of(
            "standard",
            1000,
            "grokking",
            2001,
            "quad_random",
            1000,
            "quad_single_freq",
            2000,
            "relu_single_freq",
            2000);

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
                onDisk = s.map(x -> x.getFileName().toString())
                        .filter(n -> !n.startsWith("."))
                        .collect(Collectors.toCollection(TreeSet::new));
            }
            assertEquals(new TreeSet<>(ExpectedFiles.fileNames(m)), onDisk);
        }
        List<ResultsVerifier.ModulusCheck> checks = ResultsVerifier.verify(store);
        assertEquals(2, checks.size());
        checks.forEach(c -> assertTrue(c.passed(), c.problems()::toString));

        // JSON shapes the explorer reads
        JsonNode spectra = Json.MAPPER.readTree(
                tmp.resolve("store/results/p_019/p019_neuron_spectra.json").toFile());
        assertEquals(19, spectra.get("fourier_basis_names").size());
        JsonNode n0 = spectra.get("neurons").get("neuron_0");
        assertEquals(1, n0.get("dominant_freq").asInt());
        int argmax = 0;
        for (int r = 0; r < 19; r++) {
            if (n0.get("fourier_magnitudes_in").get(r).asDouble()
                    > n0.get("fourier_magnitudes_in").get(argmax).asDouble()) {
                argmax = r;
            }
        }
        assertEquals(1, (argmax + 1) / 2, "argmax of the spectrum is the dominant frequency");
        String meta = Files.readString(tmp.resolve("store/results/p_019/p019_metadata.json"));
        assertTrue(meta.startsWith("{\n  \"prime\": 19,\n  \"d_mlp\": 512,"), meta);
        assertTrue(meta.contains("\"lr\": 5e-05"), meta);
        assertTrue(meta.contains("\"weight_decay\": 2.0"), meta);
        String overview = Files.readString(tmp.resolve("store/results/p_007/p007_overview.json"));
        assertTrue(overview.startsWith("{\"std_epochs\": [0, 200, 400, 600, 800], \"std_ipr\": ["), overview);
        assertFalse(overview.contains("grokk_"));
        JsonNode log = Json.MAPPER.readTree(
                tmp.resolve("store/results/p_019/p019_training_log.json").toFile());
        assertEquals(
                List.of("standard", "grokking", "quad_random", "quad_single_freq", "relu_single_freq"),
                iterable(log.fieldNames()));
        assertEquals(101, log.get("standard").get("table").size());
        assertEquals(2001, log.get("grokking").get("total_epochs").asInt());
        JsonNode grids = Json.MAPPER.readTree(
                tmp.resolve("store/results/p_019/p019_grokk_epoch_data.json").toFile());
        assertEquals(10, grids.get("epochs").size());
        assertEquals(19, grids.get("grids").get(0).size());

        // the cross-p summary
        List<String> summary = CrossModulusSummary.write(store);
        assertEquals(CrossModulusSummary.FILES.size(), summary.size());
        JsonNode table = Json.MAPPER.readTree(
                tmp.resolve("store/results/summary/moduli.json").toFile());
        assertEquals(2, table.get("rows").size());
        assertTrue(table.get("rows").get(0).get("grokking_delay").isNull());
        assertEquals(201, table.get("rows").get(1).get("grokking_stage1_end").asInt()); // planted: first e ≥ 0.1 · 2001
        assertEquals(700, table.get("rows").get(1).get("grokking_delay").asInt()); // planted: 901 − 201

        // verify fails loudly on a damaged PNG and a JSON that lost a key
        Files.write(tmp.resolve("store/results/p_019/p019_grokk_acc.png"), new byte[] {1, 2, 3});
        Files.writeString(tmp.resolve("store/results/p_007/p007_logits_interactive.json"), "{\"pairs\": []}");
        Files.delete(tmp.resolve("store/results/p_007/p007_lineplot_in.png"));
        List<ResultsVerifier.ModulusCheck> bad = ResultsVerifier.verify(store);
        assertFalse(bad.get(0).passed());
        assertFalse(bad.get(1).passed());
        assertEquals(2, bad.get(0).problems().size(), bad.get(0).problems()::toString);
        assertTrue(
                bad.get(0).problems().toString().contains("missing key(s) [correct_answers, logits, output_classes]"),
                bad.get(0).problems()::toString);
        assertTrue(bad.get(0).problems().toString().contains("p007_lineplot_in.png: missing"));
        assertTrue(
                bad.get(1).problems().get(0).contains("p019_grokk_acc.png"),
                bad.get(1).problems()::toString);
    }

    /** Edge cases of outputs.md §13: p = 3 (K = 1, ODE overflow) and runs capped to one or two checkpoints. */
    @Test
    void edgeCasesStillProduceEveryFile() throws Exception {
        ResultsStore store = ResultsStore.open(tmp.resolve("edge").toString());
        new PlantedStudy(store, 3)
                .commitAll(
                        Modulus.of(3),
                        Map.of("standard", 201, "quad_random", 1, "quad_single_freq", 1, "relu_single_freq", 401));
        ModulusReport.Outcome o = ModulusReport.generate(store, Modulus.of(3), 1);
        assertTrue(o.ok(), () -> o.failures().toString());
        assertEquals(24, o.written().size());
        String overview = Files.readString(tmp.resolve("edge/results/p_003/p003_overview.json"));
        assertTrue(overview.contains("\"std_ipr\": [1.0, 1.0]"), overview); // one frequency: IPR identically 1
        assertTrue(ResultsVerifier.verify(store).get(0).passed());
    }

    @Test
    void missingRunsAreReportedAndTheRestIsWritten() throws Exception {
        ResultsStore store = ResultsStore.open(tmp.resolve("partial").toString());
        new PlantedStudy(store, 5)
                .commit(new org.modsweep.core.Cell(Modulus.of(5), org.modsweep.core.config.StudyConfigs.STANDARD), 401);
        ModulusReport.Outcome o = ModulusReport.generate(store, Modulus.of(5), 2);
        assertFalse(o.ok());
        // standard-run files, metadata, training log and the two simulations are written
        assertTrue(
                o.written()
                        .containsAll(List.of(
                                "p005_metadata.json",
                                "p005_dft_heatmap_in.png",
                                "p005_lottery_beta_contour.png",
                                "p005_phase_align_approx1.png")),
                o.written()::toString);
        assertEquals(6, o.failures().size(), o.failures()::toString); // 2 lottery + 4 single-frequency files
        assertTrue(
                o.failures().get(0).message().contains("p005-quad_random is not committed"),
                o.failures().get(0)::toString);
        ModulusReport.ReportException e = org.junit.jupiter.api.Assertions.assertThrows(
                ModulusReport.ReportException.class, () -> ModulusReport.write(store, Modulus.of(5)));
        assertEquals(18, e.outcome().written().size());
    }

    private static List<String> iterable(java.util.Iterator<String> it) {
        List<String> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
