package org.modsweep.analysis.report;

import java.util.LinkedHashMap;
import java.util.Map;
import org.modsweep.core.Modulus;

/** The JSON documents of the training curves and grokking checkpoints (outputs.md §3 and §8), from the analyses. */
final class CurveJson {

    private CurveJson() {}

    /** overview.json; {@code g} is null when there is no grokking run to show. */
    static Map<String, Object> overview(StandardRunAnalysis s, GrokkingRunAnalysis g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("std_epochs", s.epochs());
        m.put("std_ipr", f32(s.ipr()));
        if (s.run().curves().epochs() > 0) {
            m.put("std_train_loss", Curves.atCheckpoints(s.run().curves().trainLoss(), s.epochs()));
        }
        if (g != null) {
            m.put("grokk_epochs", g.epochs());
            m.put("grokk_ipr", f32(g.ipr()));
            m.put("grokk_train_loss", Curves.atCheckpoints(g.run().curves().trainLoss(), g.epochs()));
            m.put("grokk_test_loss", Curves.atCheckpoints(g.run().curves().testLoss(), g.epochs()));
        }
        return m;
    }

    /** grokk_loss.json: the per-epoch losses and the stage boundaries. */
    static Map<String, Object> grokkingLoss(GrokkingRunAnalysis g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("train_losses", g.run().curves().trainLoss());
        m.put("test_losses", g.run().curves().testLoss());
        m.put("stage1_end", g.stages().stage1End());
        m.put("stage2_end", g.stages().stage2End());
        return m;
    }

    /** grokk_acc.json: the per-checkpoint accuracies and the stage boundaries. */
    static Map<String, Object> grokkingAccuracy(GrokkingRunAnalysis g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epochs", g.epochs());
        m.put("train_accs", g.trainAcc());
        m.put("test_accs", g.testAcc());
        m.put("stage1_end", g.stages().stage1End());
        m.put("stage2_end", g.stages().stage2End());
        return m;
    }

    /** grokk_epoch_data.json: the accuracy grids at the slider's checkpoints. */
    static Map<String, Object> grokkingEpochData(Modulus p, GrokkingRunAnalysis g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("prime", p.p());
        m.put("epochs", g.sliderEpochs());
        m.put("grids", g.gridsAt(g.sliderEpochs()));
        return m;
    }

    private static double[] f32(double[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = PyJson.f32(v[i]);
        }
        return d;
    }
}
