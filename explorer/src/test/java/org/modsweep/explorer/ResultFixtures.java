package org.modsweep.explorer;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.modsweep.analysis.report.Artifact;
import org.modsweep.analysis.report.Artifacts;
import org.modsweep.core.Json;
import org.modsweep.core.Modulus;
import org.modsweep.core.config.ConfigJson;
import org.modsweep.core.config.RunConfig;
import org.modsweep.core.config.StudyConfigs;
import org.modsweep.core.store.ResultsStore;

/**
 * Writes a {@code results/p_PPP/} folder with the files the analysis's artefact registry lists and the JSON shapes of
 * outputs.md §1, for server tests that need results without training (the browser test uses a real sweep instead).
 * Values are simple deterministic curves; PNGs are small real images.
 */
final class ResultFixtures {

    private ResultFixtures() {}

    /** Writes every file the analysis's artefact registry lists for p: its JSON documents and labelled PNGs. */
    static void write(ResultsStore store, int pValue) throws IOException {
        Modulus p = Modulus.of(pValue);
        Map<String, Object> documents = documents(p);
        for (Artifact a : Artifacts.forModulus(p)) {
            if (!a.isJson()) {
                png(store, p, a.name());
            } else if (documents.containsKey(a.name())) {
                json(store, p, a.name(), documents.get(a.name()));
            } else {
                throw new IllegalStateException("no fixture document for " + a.name());
            }
        }
    }

    /** The JSON documents by file name (without the pPPP_ prefix). */
    private static Map<String, Object> documents(Modulus p) {
        int pValue = p.p();
        boolean grokking = p.supportsGrokking();
        Map<String, Object> docs = new LinkedHashMap<>();
        docs.put("metadata.json", metadata(p));
        docs.put("training_log.json", trainingLog(p));
        Map<String, Object> overview = new LinkedHashMap<>();
        List<Integer> stdEpochs = range(0, 5000, 200);
        overview.put("std_epochs", stdEpochs);
        overview.put(
                "std_ipr", stdEpochs.stream().map(e -> 0.2 + 0.7 * e / 5000.0).toList());
        overview.put(
                "std_train_loss",
                stdEpochs.stream().map(e -> 3.1 * Math.exp(-e / 800.0)).toList());
        if (grokking) {
            List<Integer> g = range(0, 24000, 200);
            overview.put("grokk_epochs", g);
            overview.put("grokk_ipr", g.stream().map(e -> e < 8000 ? 0.2 : 0.9).toList());
            overview.put(
                    "grokk_train_loss",
                    g.stream().map(e -> 3.0 * Math.exp(-e / 500.0)).toList());
            overview.put(
                    "grokk_test_loss", g.stream().map(e -> e < 8000 ? 4.0 : 0.1).toList());
        }
        docs.put("overview.json", overview);
        docs.put("neuron_spectra.json", spectra(p));
        docs.put("logits_interactive.json", logits(p));
        if (grokking) {
            int e = 24001;
            Map<String, Object> loss = new LinkedHashMap<>();
            List<Double> train = new ArrayList<>();
            List<Double> test = new ArrayList<>();
            for (int i = 0; i < e; i++) {
                train.add(3.0 * Math.exp(-i / 500.0));
                test.add(i < 8000 ? 4.0 : 0.1);
            }
            loss.put("train_losses", train);
            loss.put("test_losses", test);
            loss.put("stage1_end", 3000);
            loss.put("stage2_end", 9000);
            docs.put("grokk_loss.json", loss);
            List<Integer> ck = range(0, 24000, 200);
            Map<String, Object> acc = new LinkedHashMap<>();
            acc.put("epochs", ck);
            acc.put(
                    "train_accs",
                    ck.stream().map(x -> Math.min(1.0, x / 3000.0)).toList());
            acc.put("test_accs", ck.stream().map(x -> x < 8000 ? 0.7 : 1.0).toList());
            acc.put("stage1_end", 3000);
            acc.put("stage2_end", 9000);
            docs.put("grokk_acc.json", acc);
            Map<String, Object> grid = new LinkedHashMap<>();
            List<Integer> epochs = List.of(0, 2600, 5200, 7800, 10400, 13200, 15800, 18400, 21000, 23800);
            List<List<List<Double>>> grids = new ArrayList<>();
            for (int s = 0; s < epochs.size(); s++) {
                List<List<Double>> rows = new ArrayList<>();
                for (int i = 0; i < pValue; i++) {
                    List<Double> row = new ArrayList<>();
                    for (int j = 0; j < pValue; j++) {
                        row.add(((i * 7 + j * 3) % 10) < s ? 1.0 : 0.0);
                    }
                    rows.add(row);
                }
                grids.add(rows);
            }
            grid.put("prime", pValue);
            grid.put("epochs", epochs);
            grid.put("grids", grids);
            docs.put("grokk_epoch_data.json", grid);
        }
        return docs;
    }

    private static Map<String, Object> metadata(Modulus p) {
        Map<String, Object> runs = new LinkedHashMap<>();
        Map<String, Object> metrics = new LinkedHashMap<>();
        for (RunConfig c : StudyConfigs.ALL) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("act_type", c.act().name());
            r.put("lr", c.lr());
            r.put("weight_decay", c.weightDecay());
            r.put("num_epochs", c.numEpochs());
            r.put("frac_train", c.fracTrain());
            runs.put(c.key(), r);
            if (StudyConfigs.appliesTo(c, p)) {
                metrics.put(
                        c.key(),
                        Map.of("train_acc", 1.0, "test_acc", 0.987654, "train_loss", 0.00123456, "test_loss", 0.0023));
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("prime", p.p());
        m.put("d_mlp", p.dMlp());
        m.put("training_runs", runs);
        m.put("final_metrics", metrics);
        return m;
    }

    private static Map<String, Object> trainingLog(Modulus p) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (RunConfig c : StudyConfigs.forModulus(p)) {
            Map<String, Object> r = new LinkedHashMap<>();
            Map<String, Object> cfg = new LinkedHashMap<>(ConfigJson.toMap(c));
            cfg.put("prime", p.p());
            cfg.put("d_mlp", p.dMlp());
            r.put("config", cfg);
            r.put("log_text", "======\nTraining Log: p=" + p + ", run=" + c.key() + "\n======\n");
            r.put("table", List.of());
            r.put("total_epochs", c.numEpochs());
            out.put(c.key(), r);
        }
        return out;
    }

    private static Map<String, Object> spectra(Modulus p) {
        int n = p.p();
        List<String> names = new ArrayList<>();
        names.add("Const");
        for (int f = 1; f <= p.frequencies(); f++) {
            names.add("cos " + f);
            names.add("sin " + f);
        }
        Map<String, Object> neurons = new LinkedHashMap<>();
        for (int i = 0; i < 20; i++) {
            int freq = i % p.frequencies() + 1;
            List<Double> in = new ArrayList<>();
            List<Double> out = new ArrayList<>();
            for (int j = 0; j < n; j++) {
                in.add(j == 2 * freq - 1 ? 1.0 + i * 0.01 : 0.05);
                out.add(j == 2 * freq - 1 ? 0.9 : 0.03);
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("global_index", i * 3);
            m.put("dominant_freq", freq);
            m.put("fourier_magnitudes_in", in);
            m.put("fourier_magnitudes_out", out);
            neurons.put("neuron_" + i, m);
        }
        return Map.of("fourier_basis_names", names, "neurons", neurons);
    }

    private static Map<String, Object> logits(Modulus p) {
        int n = p.p();
        List<List<Integer>> pairs = new ArrayList<>();
        List<Integer> correct = new ArrayList<>();
        List<List<Double>> logits = new ArrayList<>();
        for (int a = 0; a < n; a++) {
            pairs.add(List.of(a, 0));
            correct.add(a);
            List<Double> row = new ArrayList<>();
            for (int c = 0; c < n; c++) {
                row.add(c == a ? n / 2.0 : (c == (2 * a) % n || c == 0 ? n / 4.0 : 0.1 * c));
            }
            logits.add(row);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pairs", pairs);
        m.put("correct_answers", correct);
        m.put("logits", logits);
        m.put("output_classes", range(0, n, 1));
        return m;
    }

    static List<Integer> range(int from, int to, int step) {
        List<Integer> out = new ArrayList<>();
        for (int i = from; i < to; i += step) {
            out.add(i);
        }
        return out;
    }

    private static void json(ResultsStore store, Modulus p, String name, Object value) throws IOException {
        store.writeString(store.layout().resultFile(p, name), Json.compact(value));
    }

    static byte[] pngBytes(String label) throws IOException {
        BufferedImage img = new BufferedImage(240, 160, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 240, 160);
        g.setColor(new Color(0x0D2758));
        g.drawString(label, 10, 80);
        g.dispose();
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        ImageIO.write(img, "png", buf);
        return buf.toByteArray();
    }

    private static void png(ResultsStore store, Modulus p, String name) throws IOException {
        store.writeBytes(store.layout().resultFile(p, name), pngBytes(name));
    }
}
