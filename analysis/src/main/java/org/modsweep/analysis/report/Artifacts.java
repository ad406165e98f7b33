package org.modsweep.analysis.report;

import static org.modsweep.analysis.report.Analysis.FINAL_LOGITS;
import static org.modsweep.analysis.report.Analysis.GROKKING;
import static org.modsweep.analysis.report.Analysis.LOTTERY;
import static org.modsweep.analysis.report.Analysis.QUAD_SINGLE_FREQ;
import static org.modsweep.analysis.report.Analysis.RELU_SINGLE_FREQ;
import static org.modsweep.analysis.report.Analysis.STANDARD;
import static org.modsweep.analysis.report.Analysis.STORED_RUNS;
import static org.modsweep.analysis.report.Artifact.indentedJson;
import static org.modsweep.analysis.report.Artifact.json;
import static org.modsweep.analysis.report.Artifact.png;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.modsweep.analysis.lottery.LotteryContour;
import org.modsweep.analysis.simulation.DecoupledOde;
import org.modsweep.core.Modulus;
import org.modsweep.core.config.RunConfig;
import org.modsweep.core.config.StudyConfigs;

/**
 * The one list of a modulus report's files (outputs.md §1) in the study's generation order: metadata → training
 * log → overview → Fourier weights → phases → output logits → grokking → lottery → gradient dynamics → neuron
 * spectra → interactive logits → grokking slider data; then the analytical script. The report writes, the verifier
 * checks and the test fixtures plant exactly these: 34 files for p ≥ 19, 24 below.
 */
public final class Artifacts {

    private static final Set<Analysis> NONE = Set.of();

    /** Every artefact, in generation order. */
    public static final List<Artifact> ALL = List.of(
            indentedJson(
                    "metadata.json",
                    "metadata",
                    Set.of(STORED_RUNS),
                    p -> List.of("prime", "d_mlp", "training_runs", "final_metrics"),
                    a -> ReportJson.metadata(a.modulus(), a.dMlp(), a.runs())),
            json(
                    "training_log.json",
                    "training log",
                    Set.of(STORED_RUNS),
                    Artifacts::runKeys,
                    a -> ReportJson.trainingLog(a.modulus(), a.runs())),
            png(
                    "overview_loss_ipr.png",
                    "overview",
                    Set.of(STANDARD, GROKKING),
                    a -> TrainingCurveFigures.lossAndIpr(a.standard(), a.storedGrokking())),
            png(
                    "overview_phase_scatter.png",
                    "overview",
                    Set.of(STANDARD),
                    a -> PhaseFigures.phaseScatter(a.standard().overviewPhases(), true)),
            json(
                    "overview.json",
                    "overview",
                    Set.of(STANDARD, GROKKING),
                    Artifacts::overviewKeys,
                    a -> CurveJson.overview(a.standard(), a.storedGrokking())),
            png(
                    "dft_heatmap_in.png",
                    "fourier weights",
                    Set.of(STANDARD),
                    a -> FourierWeightFigures.dftHeatmap(
                            a.standard().finalDecoded(), a.standard().sortedByFreq(), true)),
            png(
                    "dft_heatmap_out.png",
                    "fourier weights",
                    Set.of(STANDARD),
                    a -> FourierWeightFigures.dftHeatmap(
                            a.standard().finalDecoded(), a.standard().sortedByFreq(), false)),
            png(
                    "lineplot_in.png",
                    "fourier weights",
                    Set.of(STANDARD),
                    a -> FourierWeightFigures.lineplot(
                            a.standard().finalWeights(), a.standard().sortedByFreq(), true)),
            png(
                    "lineplot_out.png",
                    "fourier weights",
                    Set.of(STANDARD),
                    a -> FourierWeightFigures.lineplot(
                            a.standard().finalWeights(), a.standard().sortedByFreq(), false)),
            png(
                    "phase_distribution.png",
                    "phase analysis",
                    Set.of(STANDARD),
                    a -> PhaseFigures.phaseDistribution(a.standard().finalPhases())),
            png(
                    "phase_relationship.png",
                    "phase analysis",
                    Set.of(STANDARD),
                    a -> PhaseFigures.phaseScatter(a.standard().finalPhases(), false)),
            png(
                    "magnitude_distribution.png",
                    "phase analysis",
                    Set.of(STANDARD),
                    a -> PhaseFigures.magnitudeDistribution(a.standard().finalPhases())),
            png(
                    "output_logits.png",
                    "output logits",
                    Set.of(FINAL_LOGITS),
                    a -> LogitFigures.outputLogits(a.finalLogits(), a.modulus().p())),
            json(
                            "grokk_loss.json",
                            "grokking",
                            Set.of(GROKKING),
                            p -> List.of("train_losses", "test_losses", "stage1_end", "stage2_end"),
                            a -> CurveJson.grokkingLoss(a.grokking()))
                    .grokkingOnly(),
            png("grokk_loss.png", "grokking", Set.of(GROKKING), a -> GrokkingFigures.loss(a.grokking()))
                    .grokkingOnly(),
            json(
                            "grokk_acc.json",
                            "grokking",
                            Set.of(GROKKING),
                            p -> List.of("epochs", "train_accs", "test_accs", "stage1_end", "stage2_end"),
                            a -> CurveJson.grokkingAccuracy(a.grokking()))
                    .grokkingOnly(),
            png("grokk_acc.png", "grokking", Set.of(GROKKING), a -> GrokkingFigures.accuracy(a.grokking()))
                    .grokkingOnly(),
            png(
                            "grokk_abs_phase_diff.png",
                            "grokking",
                            Set.of(GROKKING),
                            a -> GrokkingFigures.absPhaseDiff(a.grokking()))
                    .grokkingOnly(),
            png("grokk_avg_ipr.png", "grokking", Set.of(GROKKING), a -> GrokkingFigures.avgIpr(a.grokking()))
                    .grokkingOnly(),
            png(
                            "grokk_memorization_accuracy.png",
                            "grokking",
                            Set.of(GROKKING),
                            a -> GrokkingFigures.memorisationAccuracy(a.grokking()))
                    .grokkingOnly(),
            png(
                            "grokk_memorization_common_to_rare.png",
                            "grokking",
                            Set.of(GROKKING),
                            a -> GrokkingFigures.commonToRare(a.grokking()))
                    .grokkingOnly(),
            png(
                            "grokk_decoded_weights_dynamic.png",
                            "grokking",
                            Set.of(GROKKING),
                            a -> GrokkingFigures.decodedAtKeyEpochs(a.grokking()))
                    .grokkingOnly(),
            png(
                    "lottery_mech_magnitude.png",
                    "lottery",
                    Set.of(LOTTERY),
                    a -> LotteryFigures.mechanism(a.lottery(), true)),
            png(
                    "lottery_mech_phase.png",
                    "lottery",
                    Set.of(LOTTERY),
                    a -> LotteryFigures.mechanism(a.lottery(), false)),
            png(
                    "lottery_beta_contour.png",
                    "lottery",
                    NONE,
                    a -> LotteryFigures.contour(
                            LotteryContour.simulate(a.modulus().p()))),
            png(
                    "phase_align_quad.png",
                    "gradient dynamics",
                    Set.of(QUAD_SINGLE_FREQ),
                    a -> DynamicsFigures.phaseAlign(a.quadSingleFreq().trajectory(), 8)),
            png(
                    "single_freq_quad.png",
                    "gradient dynamics",
                    Set.of(QUAD_SINGLE_FREQ),
                    a -> GrokkingFigures.snapshots(a.quadSingleFreq())),
            png(
                    "phase_align_relu.png",
                    "gradient dynamics",
                    Set.of(RELU_SINGLE_FREQ),
                    a -> DynamicsFigures.phaseAlign(a.reluSingleFreq().trajectory(), 5)),
            png(
                    "single_freq_relu.png",
                    "gradient dynamics",
                    Set.of(RELU_SINGLE_FREQ),
                    a -> GrokkingFigures.snapshots(a.reluSingleFreq())),
            json(
                    "neuron_spectra.json",
                    "neuron spectra",
                    Set.of(STANDARD),
                    p -> List.of("fourier_basis_names", "neurons"),
                    a -> ReportJson.neuronSpectra(
                            a.standard().finalDecoded(),
                            a.standard().selected(),
                            a.standard().finalPhases().freq())),
            json(
                    "logits_interactive.json",
                    "logits",
                    Set.of(FINAL_LOGITS),
                    p -> List.of("pairs", "correct_answers", "logits", "output_classes"),
                    a -> ReportJson.logitsInteractive(
                            a.finalLogits(), a.modulus().p())),
            json(
                            "grokk_epoch_data.json",
                            "grokking",
                            Set.of(GROKKING),
                            p -> List.of("prime", "epochs", "grids"),
                            a -> CurveJson.grokkingEpochData(a.modulus(), a.grokking()))
                    .grokkingOnly(),
            png(
                    "phase_align_approx1.png",
                    "analytical",
                    NONE,
                    a -> DynamicsFigures.analytical(
                            DecoupledOde.simulate(a.modulus().p(), DecoupledOde.Case.ONE), true)),
            png(
                    "phase_align_approx2.png",
                    "analytical",
                    NONE,
                    a -> DynamicsFigures.analytical(
                            DecoupledOde.simulate(a.modulus().p(), DecoupledOde.Case.TWO), false)));

    private Artifacts() {}

    /** The artefacts written for p, in generation order. */
    public static List<Artifact> forModulus(Modulus p) {
        return ALL.stream().filter(a -> a.appliesTo(p)).toList();
    }

    /** Their names (without the {@code pPPP_} prefix), in generation order. */
    public static List<String> names(Modulus p) {
        return forModulus(p).stream().map(Artifact::name).toList();
    }

    /** The artefact of that name (without prefix). */
    public static Artifact named(String name) {
        return ALL.stream()
                .filter(a -> a.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no report file named " + name));
    }

    /** training_log.json: one entry per configuration run for p. */
    private static List<String> runKeys(Modulus p) {
        return StudyConfigs.forModulus(p).stream().map(RunConfig::key).toList();
    }

    /** overview.json: the grokk_* keys only for p ≥ 19. */
    private static List<String> overviewKeys(Modulus p) {
        List<String> keys = new ArrayList<>(List.of("std_epochs", "std_ipr", "std_train_loss"));
        if (p.supportsGrokking()) {
            keys.addAll(List.of("grokk_epochs", "grokk_ipr", "grokk_train_loss", "grokk_test_loss"));
        }
        return keys;
    }
}
