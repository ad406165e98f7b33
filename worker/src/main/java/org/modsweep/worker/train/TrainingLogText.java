package org.modsweep.worker.train;

import java.util.ArrayList;
import java.util.List;
import org.modsweep.core.config.PythonFloats;
import org.modsweep.core.config.RunConfig;
import org.modsweep.core.parquet.EpochMetrics;

/** training_log.txt, character for character as outputs.md §12 specifies. */
public final class TrainingLogText {

    private static final String RULE = "=".repeat(70);
    private static final String LINE = "\u2500".repeat(70);

    private TrainingLogText() {}

    /** Table epochs: 0, s, 2s, … below E with s = max(1, E div 100), plus E−1. */
    public static List<Integer> tableEpochs(int epochsRun) {
        int step = Math.max(1, epochsRun / 100);
        List<Integer> out = new ArrayList<>();
        for (int e = 0; e < epochsRun; e += step) {
            out.add(e);
        }
        if (out.isEmpty() || out.get(out.size() - 1) != epochsRun - 1) {
            out.add(epochsRun - 1);
        }
        return out;
    }

    public static String render(int p, int dMlp, RunConfig config, List<EpochMetrics> rows) {
        StringBuilder b = new StringBuilder();
        b.append(RULE).append('\n');
        b.append("Training Log: p=")
                .append(p)
                .append(", run=")
                .append(config.key())
                .append('\n');
        b.append(RULE).append('\n').append('\n');
        b.append("Configuration:\n");
        field(b, "prime (p)", Integer.toString(p));
        field(b, "d_mlp", Integer.toString(dMlp));
        field(b, "activation", config.act().name());
        field(b, "init_type", config.initType().label());
        field(b, "init_scale", PythonFloats.repr(config.initScale()));
        field(b, "optimizer", config.optimizer().name());
        field(b, "learning_rate", PythonFloats.repr(config.lr()));
        Number wd = config.weightDecayJson();
        field(b, "weight_decay", wd instanceof Integer ? wd.toString() : PythonFloats.repr(wd.doubleValue()));
        field(b, "frac_train", PythonFloats.repr(config.fracTrain()));
        field(b, "num_epochs", Integer.toString(config.numEpochs()));
        field(b, "batch_style", "full");
        field(b, "seed", Long.toString(config.seed()));
        b.append('\n');
        b.append(LINE).append('\n');
        b.append(String.join(
                        "  ",
                        PyFormat.pad("Epoch", 8),
                        PyFormat.pad("Train Loss", 12),
                        PyFormat.pad("Test Loss", 12),
                        PyFormat.pad("Train Acc", 10),
                        PyFormat.pad("Test Acc", 10),
                        PyFormat.pad("Grad Norm", 10),
                        PyFormat.pad("Param Norm", 11)))
                .append('\n');
        b.append(LINE).append('\n');
        for (int e : tableEpochs(rows.size())) {
            EpochMetrics m = rows.get(e);
            b.append(String.join(
                            "  ",
                            PyFormat.pad(Integer.toString(e), 8),
                            PyFormat.fixed(m.trainLoss(), 12, 6),
                            PyFormat.fixed(m.testLoss(), 12, 6),
                            PyFormat.fixed(m.trainAcc(), 10, 4),
                            PyFormat.fixed(m.testAcc(), 10, 4),
                            PyFormat.fixed(m.gradNorm(), 10, 4),
                            PyFormat.fixed(m.paramNorm(), 11, 4)))
                    .append('\n');
        }
        b.append(LINE).append('\n').append('\n');
        EpochMetrics last = rows.get(rows.size() - 1);
        b.append("Final Results:\n");
        b.append("  Train Loss  = ").append(PyFormat.fixed(last.trainLoss(), 6)).append('\n');
        b.append("  Test Loss   = ").append(PyFormat.fixed(last.testLoss(), 6)).append('\n');
        b.append("  Train Acc   = ").append(PyFormat.fixed(last.trainAcc(), 4)).append('\n');
        b.append("  Test Acc    = ").append(PyFormat.fixed(last.testAcc(), 4)).append('\n');
        b.append("  Param Norm  = ").append(PyFormat.fixed(last.paramNorm(), 4)).append('\n');
        b.append('\n');
        b.append("Total epochs trained: ").append(rows.size()).append('\n');
        return b.toString();
    }

    private static void field(StringBuilder b, String name, String value) {
        b.append("  ")
                .append(String.format("%-16s", name))
                .append("= ")
                .append(value)
                .append('\n');
    }
}
