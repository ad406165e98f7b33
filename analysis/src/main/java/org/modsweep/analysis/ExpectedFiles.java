package org.modsweep.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.modsweep.core.Modulus;

/**
 * The file set of outputs.md §1 per modulus, in generation order, without the {@code pPPP_} prefix: 34 files for
 * p ≥ 19, 24 below (the ten grokking outputs are skipped), plus the JSON keys each JSON must carry.
 */
public final class ExpectedFiles {

    /** The ten grokking outputs (#19–28), written only when p ≥ 19. */
    public static final List<String> GROKKING = List.of("grokk_loss.json", "grokk_loss.png", "grokk_acc.json",
            "grokk_acc.png", "grokk_abs_phase_diff.png", "grokk_avg_ipr.png", "grokk_memorization_accuracy.png",
            "grokk_memorization_common_to_rare.png", "grokk_decoded_weights_dynamic.png", "grokk_epoch_data.json");

    private static final List<String> BEFORE_GROKKING = List.of("metadata.json", "training_log.json",
            "overview_loss_ipr.png", "overview_phase_scatter.png", "overview.json", "dft_heatmap_in.png",
            "dft_heatmap_out.png", "lineplot_in.png", "lineplot_out.png", "neuron_spectra.json",
            "phase_distribution.png", "phase_relationship.png", "magnitude_distribution.png", "output_logits.png",
            "logits_interactive.json", "lottery_mech_magnitude.png", "lottery_mech_phase.png",
            "lottery_beta_contour.png");

    private static final List<String> AFTER_GROKKING = List.of("phase_align_quad.png", "single_freq_quad.png",
            "phase_align_relu.png", "single_freq_relu.png", "phase_align_approx1.png", "phase_align_approx2.png");

    /** Required top-level keys per JSON file (overview's grokk_* keys only for p ≥ 19). */
    private static final Map<String, List<String>> KEYS = Map.of(
            "metadata.json", List.of("prime", "d_mlp", "training_runs", "final_metrics"),
            "training_log.json", List.of("standard", "quad_random", "quad_single_freq", "relu_single_freq"),
            "overview.json", List.of("std_epochs", "std_ipr", "std_train_loss"),
            "neuron_spectra.json", List.of("fourier_basis_names", "neurons"),
            "logits_interactive.json", List.of("pairs", "correct_answers", "logits", "output_classes"),
            "grokk_loss.json", List.of("train_losses", "test_losses", "stage1_end", "stage2_end"),
            "grokk_acc.json", List.of("epochs", "train_accs", "test_accs", "stage1_end", "stage2_end"),
            "grokk_epoch_data.json", List.of("prime", "epochs", "grids"));

    private ExpectedFiles() {
    }

    /** File names (without prefix) for p, in generation order. */
    public static List<String> names(Modulus p) {
        List<String> out = new ArrayList<>(BEFORE_GROKKING);
        if (p.supportsGrokking()) {
            out.addAll(GROKKING);
        }
        out.addAll(AFTER_GROKKING);
        return out;
    }

    /** Full file names with the {@code p023_} prefix. */
    public static List<String> fileNames(Modulus p) {
        return names(p).stream().map(n -> prefix(p) + n).toList();
    }

    public static String prefix(Modulus p) {
        return "p" + p.padded() + "_";
    }

    /** Keys a JSON file must have for p (empty for PNGs). */
    public static List<String> requiredKeys(Modulus p, String name) {
        List<String> keys = new ArrayList<>(KEYS.getOrDefault(name, List.of()));
        if (name.equals("overview.json") && p.supportsGrokking()) {
            keys.addAll(List.of("grokk_epochs", "grokk_ipr", "grokk_train_loss", "grokk_test_loss"));
        }
        if (name.equals("training_log.json") && p.supportsGrokking()) {
            keys.add(1, "grokking");
        }
        return keys;
    }
}
