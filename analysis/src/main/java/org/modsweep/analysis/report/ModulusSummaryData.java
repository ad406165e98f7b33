package org.modsweep.analysis.report;

import java.util.LinkedHashMap;
import java.util.Map;
import org.modsweep.analysis.fourier.Angles;
import org.modsweep.analysis.fourier.Ipr;
import org.modsweep.analysis.fourier.NeuronPhases;
import org.modsweep.core.Modulus;
import org.modsweep.core.store.ResultsStore;

/**
 * The per-p numbers the cross-p summary aggregates, written by the report of p into
 * {@code results/summary/moduli/p_PPP.json} (outside the study's exact per-p file set) so the summary never has to
 * re-read the weights.
 */
public final class ModulusSummaryData {

    public static final String DIR = "moduli";

    private ModulusSummaryData() {}

    public static org.apache.hadoop.fs.Path path(ResultsStore store, Modulus p) {
        return new org.apache.hadoop.fs.Path(store.layout().summaryDir(), DIR + "/p_" + p.padded() + ".json");
    }

    static Map<String, Object> of(Modulus p, StandardRunAnalysis std, GrokkingRunAnalysis grok) {
        return of(p, std, grok, null);
    }

    static Map<String, Object> of(
            Modulus p,
            StandardRunAnalysis std,
            GrokkingRunAnalysis grok,
            org.modsweep.analysis.lottery.LotteryTracking lottery) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("p", p.p());
        m.put("d_mlp", std != null ? std.run().dMlp() : p.dMlp());
        m.put("frequencies", p.frequencies());
        if (std != null) {
            Map<String, Object> s = common(std.run(), std.epochs(), std.census());
            NeuronPhases fin = std.finalPhases();
            s.put("final_ipr", Ipr.average(std.finalDecoded()));
            s.put("mean_phase_misalignment", meanAbsMisalignment(fin));
            int[] finalCensus = FrequencyCensus.count(std.finalDecoded());
            int[] key = FrequencyCensus.keyFrequencies(finalCensus);
            s.put("key_frequencies", key.length);
            s.put("key_frequency_list", key);
            m.put("standard", s);
        }
        if (grok != null) {
            Map<String, Object> g = common(grok.run(), grok.epochs(), grok.census());
            g.put("final_ipr", grok.ipr().length == 0 ? null : grok.ipr()[grok.ipr().length - 1]);
            int[] last = grok.census().length == 0 ? new int[0] : grok.census()[grok.census().length - 1];
            int[] key = FrequencyCensus.keyFrequencies(last);
            g.put("key_frequencies", key.length);
            g.put("key_frequency_list", key);
            g.put("stage1_end", grok.stages().stage1End());
            g.put("stage2_end", grok.stages().stage2End());
            boolean detected = !grok.stages().stage1Fallback() && !grok.stages().stage2Fallback();
            g.put(
                    "grokking_delay",
                    detected
                            ? (Object)
                                    (grok.stages().stage2End() - grok.stages().stage1End())
                            : null);
            g.put(
                    "final_checkpoint_test_acc",
                    grok.testAcc().length == 0 ? null : grok.testAcc()[grok.testAcc().length - 1]);
            m.put("grokking", g);
        }
        if (lottery != null) {
            // the theory's prediction (README/app): the winner is the frequency with the smallest initial |D|
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("neuron", lottery.neuron());
            l.put("winning_frequency", lottery.winnerIndex() + 1);
            l.put("smallest_initial_misalignment_frequency", lottery.smallestInitialMisalignmentIndex() + 1);
            l.put("prediction_holds", lottery.winnerHadSmallestInitialMisalignment());
            m.put("lottery", l);
        }
        return m;
    }

    private static Map<String, Object> common(StoredRun run, int[] epochs, int[][] census) {
        Map<String, Object> s = new LinkedHashMap<>();
        Curves c = run.curves();
        s.put("epochs_run", c.epochs());
        s.put("final_train_loss", Curves.last(c.trainLoss()));
        s.put("final_test_loss", Curves.last(c.testLoss()));
        s.put("final_train_acc", Curves.last(c.trainAcc()));
        s.put("final_test_acc", Curves.last(c.testAcc()));
        Integer full = null;
        for (int e = 0; e < c.epochs(); e++) {
            if (c.trainAcc()[e] >= 1.0) {
                full = e;
                break;
            }
        }
        s.put("epochs_to_full_train_acc", full);
        Map<String, Object> cen = new LinkedHashMap<>();
        cen.put("epochs", epochs);
        cen.put("counts", census);
        s.put("census", cen);
        return s;
    }

    /** Mean over non-DC neurons of |D_m| = |normalize_to_pi(2φ_m − ψ_m)| (radians; 0 = perfectly aligned). */
    static double meanAbsMisalignment(NeuronPhases ph) {
        double s = 0;
        int n = 0;
        for (int m = 0; m < ph.neurons(); m++) {
            if (ph.freq()[m] != 0) {
                s += Math.abs(Angles.normalizeToPi(2 * ph.phi()[m] - ph.psi()[m]));
                n++;
            }
        }
        return n == 0 ? Double.NaN : s / n;
    }

    /** Computes the numbers straight from the stored runs (when the report of p did not write them). */
    public static Map<String, Object> compute(ResultsStore store, Modulus p) throws java.io.IOException {
        StandardRunAnalysis std = null;
        GrokkingRunAnalysis grok = null;
        var stdCell = new org.modsweep.core.Cell(p, org.modsweep.core.config.StudyConfigs.STANDARD);
        if (store.isCommitted(stdCell)) {
            std = StandardRunAnalysis.of(StoredRun.load(store, stdCell));
        }
        if (p.supportsGrokking()) {
            var gCell = new org.modsweep.core.Cell(p, org.modsweep.core.config.StudyConfigs.GROKKING);
            if (store.isCommitted(gCell)) {
                grok = GrokkingRunAnalysis.of(StoredRun.load(store, gCell));
            }
        }
        return of(p, std, grok);
    }
}
