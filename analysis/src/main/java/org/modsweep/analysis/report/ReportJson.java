package org.modsweep.analysis.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.modsweep.analysis.fourier.DecodedWeights;
import org.modsweep.analysis.fourier.RealFourierBasis;
import org.modsweep.core.Modulus;
import org.modsweep.core.config.PythonFloats;
import org.modsweep.core.config.RunConfig;
import org.modsweep.core.config.StudyConfigs;

/** The JSON documents of outputs.md §2, §4, §6, §11 and §12, as ordered maps ready for {@link PyJson}. */
final class ReportJson {

    private ReportJson() {}

    /** metadata.json (outputs.md §2). {@code runs} holds the committed runs in config order. */
    static Map<String, Object> metadata(Modulus p, int dMlp, Map<String, StoredRun> runs) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("prime", p.p());
        m.put("d_mlp", dMlp);
        Map<String, Object> training = new LinkedHashMap<>();
        for (RunConfig c : StudyConfigs.ALL) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("act_type", c.act().name());
            e.put("lr", c.lr());
            e.put("weight_decay", c.weightDecayJson());
            e.put("num_epochs", c.numEpochs());
            e.put("frac_train", c.fracTrain());
            e.put("init_type", c.initType().label());
            e.put("init_scale", c.initScale());
            e.put("optimizer", c.optimizer().name());
            training.put(c.key(), e);
        }
        m.put("training_runs", training);
        Map<String, Object> fin = new LinkedHashMap<>();
        for (Map.Entry<String, StoredRun> r : runs.entrySet()) {
            Curves cv = r.getValue().curves();
            if (cv.epochs() == 0) {
                continue;
            }
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("train_acc", Curves.last(cv.trainAcc()));
            e.put("test_acc", Curves.last(cv.testAcc()));
            e.put("train_loss", Curves.last(cv.trainLoss()));
            e.put("test_loss", Curves.last(cv.testLoss()));
            fin.put(r.getKey(), e);
        }
        m.put("final_metrics", fin);
        return m;
    }

    /** training_log.json (outputs.md §11): per run config, log text, 101-row table, epochs. */
    static Map<String, Object> trainingLog(Modulus p, Map<String, StoredRun> runs) throws java.io.IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, StoredRun> r : runs.entrySet()) {
            StoredRun run = r.getValue();
            Curves cv = run.curves();
            if (cv.epochs() == 0) {
                continue;
            }
            RunConfig c = run.config();
            Map<String, Object> entry = new LinkedHashMap<>();
            Map<String, Object> cfg = new LinkedHashMap<>();
            cfg.put("prime", p.p());
            cfg.put("d_mlp", run.dMlp());
            cfg.put("act_type", c.act().name());
            cfg.put("init_type", c.initType().label());
            cfg.put("init_scale", c.initScale());
            cfg.put("optimizer", c.optimizer().name());
            cfg.put("lr", c.lr());
            cfg.put("weight_decay", c.weightDecayJson());
            cfg.put("frac_train", c.fracTrain());
            cfg.put("num_epochs", c.numEpochs());
            cfg.put("seed", c.seed());
            entry.put("config", cfg);
            String text = run.trainingLogText();
            entry.put("log_text", text != null ? text : logText(p, run, false));
            List<Object> table = new ArrayList<>();
            for (int e : tableEpochs(cv.epochs())) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("epoch", e);
                row.put("train_losses", rounded(cv.trainLoss(), e));
                row.put("test_losses", rounded(cv.testLoss(), e));
                row.put("train_accs", rounded(cv.trainAcc(), e));
                row.put("test_accs", rounded(cv.testAcc(), e));
                row.put("grad_norms", rounded(cv.gradNorm(), e));
                row.put("param_norms", rounded(cv.paramNorm(), e));
                table.add(row);
            }
            entry.put("table", table);
            entry.put("total_epochs", cv.epochs());
            out.put(r.getKey(), entry);
        }
        return out;
    }

    private static Object rounded(double[] xs, int e) {
        return e < xs.length ? (Object) PyJson.round(xs[e], 6) : null;
    }

    /** 0, s, 2s, … (&lt; E) with s = max(1, E div 100), plus E − 1 if not already there. */
    static int[] tableEpochs(int total) {
        List<Integer> out = new ArrayList<>();
        int s = Math.max(1, total / 100);
        for (int e = 0; e < total; e += s) {
            out.add(e);
        }
        if (total > 0 && out.get(out.size() - 1) != total - 1) {
            out.add(total - 1);
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The training log text of outputs.md §12, reconstructed from the curves (used when training_log.txt is absent;
     * the reconstruction omits the batch_style line, as the reference's fallback does unless {@code batchStyle}).
     */
    static String logText(Modulus p, StoredRun run, boolean batchStyle) {
        RunConfig c = run.config();
        Curves cv = run.curves();
        String eq = "=".repeat(70);
        String rule = "\u2500".repeat(70);
        StringBuilder sb = new StringBuilder();
        sb.append(eq)
                .append('\n')
                .append("Training Log: p=")
                .append(p.p())
                .append(", run=")
                .append(c.key())
                .append('\n')
                .append(eq)
                .append('\n')
                .append('\n')
                .append("Configuration:\n");
        sb.append("  prime (p)       = ").append(p.p()).append('\n');
        sb.append("  d_mlp           = ").append(run.dMlp()).append('\n');
        sb.append("  activation      = ").append(c.act().name()).append('\n');
        sb.append("  init_type       = ").append(c.initType().label()).append('\n');
        sb.append("  init_scale      = ")
                .append(PythonFloats.repr(c.initScale()))
                .append('\n');
        sb.append("  optimizer       = ").append(c.optimizer().name()).append('\n');
        sb.append("  learning_rate   = ").append(PythonFloats.repr(c.lr())).append('\n');
        sb.append("  weight_decay    = ")
                .append(c.weightDecay() == 0 ? "0" : PythonFloats.repr(c.weightDecay()))
                .append('\n');
        sb.append("  frac_train      = ")
                .append(PythonFloats.repr(c.fracTrain()))
                .append('\n');
        sb.append("  num_epochs      = ").append(c.numEpochs()).append('\n');
        if (batchStyle) {
            sb.append("  batch_style     = full\n");
        }
        sb.append("  seed            = ").append(c.seed()).append('\n').append('\n');
        sb.append(rule).append('\n');
        sb.append(String.format(
                        "%8s  %12s  %12s  %10s  %10s  %10s  %11s",
                        "Epoch", "Train Loss", "Test Loss", "Train Acc", "Test Acc", "Grad Norm", "Param Norm"))
                .append('\n');
        sb.append(rule).append('\n');
        for (int e : tableEpochs(cv.epochs())) {
            sb.append(String.format("%8d", e))
                    .append("  ")
                    .append(fixed(cv.trainLoss()[e], 6, 12))
                    .append("  ")
                    .append(fixed(cv.testLoss()[e], 6, 12))
                    .append("  ")
                    .append(fixed(cv.trainAcc()[e], 4, 10))
                    .append("  ")
                    .append(fixed(cv.testAcc()[e], 4, 10))
                    .append("  ")
                    .append(fixed(cv.gradNorm()[e], 4, 10))
                    .append("  ")
                    .append(fixed(cv.paramNorm()[e], 4, 11))
                    .append('\n');
        }
        sb.append(rule).append('\n').append('\n').append("Final Results:\n");
        sb.append("  Train Loss  = ")
                .append(fixed(Curves.last(cv.trainLoss()), 6, 0))
                .append('\n');
        sb.append("  Test Loss   = ")
                .append(fixed(Curves.last(cv.testLoss()), 6, 0))
                .append('\n');
        sb.append("  Train Acc   = ")
                .append(fixed(Curves.last(cv.trainAcc()), 4, 0))
                .append('\n');
        sb.append("  Test Acc    = ")
                .append(fixed(Curves.last(cv.testAcc()), 4, 0))
                .append('\n');
        sb.append("  Param Norm  = ")
                .append(fixed(Curves.last(cv.paramNorm()), 4, 0))
                .append('\n');
        sb.append('\n').append("Total epochs trained: ").append(cv.epochs());
        return sb.toString();
    }

    /** Python's {@code f"{x:W.Df}"}: the exact binary value rounded half-even, right-aligned to width W. */
    static String fixed(double x, int decimals, int width) {
        String s = Double.isFinite(x)
                ? new BigDecimal(x).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString()
                : Double.isNaN(x) ? "nan" : x > 0 ? "inf" : "-inf";
        if (x < 0 && !s.startsWith("-") && !s.equals("nan")) {
            s = "-" + s; // Python keeps the sign of tiny negatives: "-0.000000"
        }
        return width > s.length() ? " ".repeat(width - s.length()) + s : s;
    }

    /** neuron_spectra.json (outputs.md §4): the round-robin neurons in selection order. */
    static Map<String, Object> neuronSpectra(DecodedWeights d, int[] selected, int[] freq) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("fourier_basis_names", RealFourierBasis.of(d.p()).names());
        Map<String, Object> neurons = new LinkedHashMap<>();
        for (int i = 0; i < selected.length; i++) {
            int n = selected[i];
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("global_index", n);
            e.put("dominant_freq", freq[n]);
            double[] in = new double[d.p()];
            double[] out = new double[d.p()];
            for (int r = 0; r < d.p(); r++) {
                in[r] = PyJson.f32(Math.abs(d.in(n, r)));
                out[r] = PyJson.f32(Math.abs(d.out(n, r)));
            }
            e.put("fourier_magnitudes_in", in);
            e.put("fourier_magnitudes_out", out);
            neurons.put("neuron_" + i, e);
        }
        m.put("neurons", neurons);
        return m;
    }

    /** logits_interactive.json (outputs.md §6): pairs (a, 0), their answers and logits. */
    static Map<String, Object> logitsInteractive(double[][] allLogits, int p) {
        List<Object> pairs = new ArrayList<>();
        int[] answers = new int[p];
        List<Object> logits = new ArrayList<>();
        int[] classes = new int[p];
        for (int a = 0; a < p; a++) {
            pairs.add(new int[] {a, 0});
            answers[a] = a % p;
            double[] z = allLogits[a * p];
            double[] zz = new double[p];
            for (int c = 0; c < p; c++) {
                zz[c] = PyJson.f32(z[c]);
            }
            logits.add(zz);
            classes[a] = a;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pairs", pairs);
        m.put("correct_answers", answers);
        m.put("logits", logits);
        m.put("output_classes", classes);
        return m;
    }
}
