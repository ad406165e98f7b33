package org.modsweep.analysis.grokking;

/**
 * Grokking stage boundaries as written into the JSONs: Stage I = memorisation [0, stage1End], Stage II =
 * transition [stage1End, stage2End], Stage III = cleanup [stage2End, end].
 *
 * @param stage1End     epoch index (or the checkpoint-count fallback, see {@link StageDetector})
 * @param stage2End     epoch index (or the fallback)
 * @param stage1Fallback whether stage1End is the [BUG-AS-SPECIFIED] n_ckpt div 5 substitute
 * @param stage2Fallback whether stage2End is the 3·n_ckpt div 5 substitute
 */
public record Stages(int stage1End, int stage2End, boolean stage1Fallback, boolean stage2Fallback) {}
