package org.modsweep.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.Path;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.modsweep.analysis.report.ModulusSummaryData;
import org.modsweep.analysis.report.PyJson;
import org.modsweep.analysis.report.ResultFiles;
import org.modsweep.analysis.summary.SummaryFigures;
import org.modsweep.core.Cell;
import org.modsweep.core.Json;
import org.modsweep.core.Modulus;
import org.modsweep.core.store.ResultsStore;

/**
 * The cross-p view no single-p tool has, in {@code results/summary/}: per modulus the final loss, epochs to full
 * train accuracy, grokking delay, final IPR, number of key frequencies and mean phase misalignment
 * ({@code moduli.json}, {@code moduli.png}), and the key-frequency census over checkpoints (neurons per frequency per
 * checkpoint) of the standard and grokking runs ({@code frequency_census.json}, {@code frequency_census_*.png}).
 * Reads the per-p numbers each report wrote ({@code results/summary/moduli/p_PPP.json}), computing them from the
 * stored runs where missing. The driver's {@code cells.parquet} / {@code cells.json} live beside these.
 */
public final class CrossModulusSummary {

    private static final Logger LOG = LogManager.getLogger(CrossModulusSummary.class);

    /** File names this class writes into results/summary/. */
    public static final List<String> FILES = List.of(
            "moduli.json",
            "moduli.png",
            "frequency_census.json",
            "frequency_census_standard.png",
            "frequency_census_grokking.png");

    private CrossModulusSummary() {}

    /**
     * The summary was written without some moduli (their numbers could not be read or computed): thrown by
     * {@link #write} after every file is written, so the command that asked says so and fails.
     */
    public static final class IncompleteSummaryException extends IOException {
        private final transient List<String> written;
        private final transient Map<Integer, String> leftOut;

        IncompleteSummaryException(List<String> written, Map<Integer, String> leftOut) {
            super("summary written without " + describe(leftOut));
            this.written = List.copyOf(written);
            this.leftOut = Map.copyOf(leftOut);
        }

        private static String describe(Map<Integer, String> leftOut) {
            List<String> parts = new ArrayList<>();
            leftOut.forEach((p, why) -> parts.add("p=" + p + " (" + why + ")"));
            return String.join(", ", parts);
        }

        /** File names written into results/summary/. */
        public List<String> written() {
            return written;
        }

        /** Each modulus left out, with why. */
        public Map<Integer, String> leftOut() {
            return new TreeMap<>(leftOut);
        }
    }

    /**
     * Writes the summary for every modulus with committed runs; returns the file names written. Throws
     * {@link IncompleteSummaryException} (after writing every file) when a modulus had to be left out.
     */
    public static List<String> write(ResultsStore store) throws IOException {
        TreeMap<Integer, JsonNode> perP = new TreeMap<>();
        Map<Integer, String> leftOut = new TreeMap<>();
        java.util.TreeSet<Modulus> moduli = new java.util.TreeSet<>();
        for (Cell c : store.committedCells()) {
            if (c.isStudyRun()) { // the study's summary: runs with overrides are a grid's
                moduli.add(c.modulus());
            }
        }
        for (Modulus p : moduli) {
            try {
                Path f = ModulusSummaryData.path(store, p);
                String text = ResultFiles.exists(store, f)
                        ? new String(ResultFiles.read(store, f), StandardCharsets.UTF_8)
                        : PyJson.compact(ModulusSummaryData.compute(store, p));
                perP.put(p.p(), Json.MAPPER.readTree(text));
            } catch (IOException | RuntimeException e) {
                String why = e.getMessage() == null
                        ? e.getClass().getSimpleName()
                        : e.getMessage().lines().findFirst().orElse("");
                LOG.warn("summary: p={} left out: {}", p.p(), why);
                leftOut.put(p.p(), why);
            }
        }
        Path dir = store.layout().summaryDir();
        store.fs().mkdirs(dir);
        List<String> written = new ArrayList<>();
        put(store, dir, "moduli.json", PyJson.compact(table(perP)).getBytes(StandardCharsets.UTF_8), written);
        put(
                store,
                dir,
                "frequency_census.json",
                PyJson.compact(census(perP)).getBytes(StandardCharsets.UTF_8),
                written);
        put(store, dir, "moduli.png", SummaryFigures.moduli(perP).png(), written);
        put(
                store,
                dir,
                "frequency_census_standard.png",
                SummaryFigures.census(perP, "standard").png(),
                written);
        put(
                store,
                dir,
                "frequency_census_grokking.png",
                SummaryFigures.census(perP, "grokking").png(),
                written);
        LOG.info("summary: {} moduli, {} files in {}", perP.size(), written.size(), dir);
        if (!leftOut.isEmpty()) {
            throw new IncompleteSummaryException(written, leftOut);
        }
        return written;
    }

    private static void put(ResultsStore store, Path dir, String name, byte[] bytes, List<String> written)
            throws IOException {
        ResultFiles.write(store, new Path(dir, name), bytes);
        written.add(name);
    }

    /** Column names of moduli.json rows, in order. */
    public static final List<String> COLUMNS = List.of(
            "p",
            "d_mlp",
            "frequencies",
            "standard_final_train_loss",
            "standard_final_test_loss",
            "standard_epochs_to_full_train_acc",
            "standard_final_ipr",
            "standard_key_frequencies",
            "standard_mean_phase_misalignment",
            "grokking_final_train_loss",
            "grokking_final_test_loss",
            "grokking_epochs_to_full_train_acc",
            "grokking_stage1_end",
            "grokking_stage2_end",
            "grokking_delay",
            "grokking_final_ipr",
            "grokking_key_frequencies",
            "grokking_final_checkpoint_test_acc",
            "lottery_winning_frequency",
            "lottery_smallest_initial_misalignment_frequency",
            "lottery_prediction_holds");

    static Map<String, Object> table(Map<Integer, JsonNode> perP) {
        List<Object> rows = new ArrayList<>();
        for (JsonNode n : perP.values()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("p", n.path("p").asInt());
            r.put("d_mlp", n.path("d_mlp").asInt());
            r.put("frequencies", n.path("frequencies").asInt());
            JsonNode s = n.path("standard");
            JsonNode g = n.path("grokking");
            r.put("standard_final_train_loss", num(s, "final_train_loss"));
            r.put("standard_final_test_loss", num(s, "final_test_loss"));
            r.put("standard_epochs_to_full_train_acc", integer(s, "epochs_to_full_train_acc"));
            r.put("standard_final_ipr", num(s, "final_ipr"));
            r.put("standard_key_frequencies", integer(s, "key_frequencies"));
            r.put("standard_mean_phase_misalignment", num(s, "mean_phase_misalignment"));
            r.put("grokking_final_train_loss", num(g, "final_train_loss"));
            r.put("grokking_final_test_loss", num(g, "final_test_loss"));
            r.put("grokking_epochs_to_full_train_acc", integer(g, "epochs_to_full_train_acc"));
            r.put("grokking_stage1_end", integer(g, "stage1_end"));
            r.put("grokking_stage2_end", integer(g, "stage2_end"));
            r.put("grokking_delay", integer(g, "grokking_delay"));
            r.put("grokking_final_ipr", num(g, "final_ipr"));
            r.put("grokking_key_frequencies", integer(g, "key_frequencies"));
            r.put("grokking_final_checkpoint_test_acc", num(g, "final_checkpoint_test_acc"));
            JsonNode l = n.path("lottery");
            r.put("lottery_winning_frequency", integer(l, "winning_frequency"));
            r.put(
                    "lottery_smallest_initial_misalignment_frequency",
                    integer(l, "smallest_initial_misalignment_frequency"));
            r.put(
                    "lottery_prediction_holds",
                    l.path("prediction_holds").isBoolean()
                            ? (Object) l.path("prediction_holds").asBoolean()
                            : null);
            rows.add(r);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("moduli", new ArrayList<>(perP.keySet()));
        m.put("columns", COLUMNS);
        m.put("rows", rows);
        Map<String, Object> notes = new LinkedHashMap<>(); // a fixed order: Map.of's order changes from JVM to JVM
        notes.put(
                "grokking_delay",
                "stage2_end - stage1_end in epochs (science.md 5.8); null when a stage threshold "
                        + "was never reached");
        notes.put("key_frequencies", "frequencies that are the dominant input frequency of at least 1% of the neurons");
        notes.put(
                "mean_phase_misalignment",
                "mean over non-DC neurons of |D_m| = |wrap(2 phi_m - psi_m)| in radians, "
                        + "final weights of the standard run");
        notes.put(
                "lottery_prediction_holds",
                "quad_random lottery neuron: whether its final dominant frequency is the "
                        + "one with the smallest initial misalignment |D_k| (the theory's prediction)");
        m.put("notes", notes);
        return m;
    }

    static Map<String, Object> census(Map<Integer, JsonNode> perP) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String run : List.of("standard", "grokking")) {
            Map<String, Object> byP = new LinkedHashMap<>();
            for (Map.Entry<Integer, JsonNode> e : perP.entrySet()) {
                JsonNode c = e.getValue().path(run).path("census");
                if (!c.isMissingNode()) {
                    byP.put(Integer.toString(e.getKey()), Json.MAPPER.convertValue(c, Map.class));
                }
            }
            m.put(run, byP);
        }
        m.put(
                "notes",
                "counts[i][k] = neurons whose dominant input frequency is k (k = 0: DC) at checkpoint epochs[i]");
        return m;
    }

    private static Object num(JsonNode n, String k) {
        JsonNode v = n.path(k);
        return v.isNumber() ? (Object) v.asDouble() : null;
    }

    private static Object integer(JsonNode n, String k) {
        JsonNode v = n.path(k);
        return v.isNumber() ? (Object) v.asInt() : null;
    }
}
