package org.modsweep.analysis.grokking;

/** The grokking stage detector (science.md §5.8), applied to the per-epoch curves. */
public final class StageDetector {

    public static final double ACC_THRESHOLD = 0.95;
    public static final double LOSS_THRESHOLD = 0.1;

    private StageDetector() {}

    /**
     * Raw detection: stage1 = first epoch with train_acc ≥ 0.95, stage2 = first epoch with test_acc ≥ 0.95; if both
     * exist and stage1 ≥ stage2, stage1 = stage2 div 3. Without accuracy curves (null) the loss rule (&lt; 0.1) is
     * used. Returns {stage1, stage2}, each null when its threshold is never reached.
     */
    public static Integer[] detect(double[] trainAcc, double[] testAcc, double[] trainLoss, double[] testLoss) {
        Integer s1;
        Integer s2;
        if (trainAcc != null && testAcc != null) {
            s1 = firstAtLeast(trainAcc, ACC_THRESHOLD);
            s2 = firstAtLeast(testAcc, ACC_THRESHOLD);
            if (s1 != null && s2 != null && s1 >= s2) {
                s1 = s2 / 3;
            }
        } else {
            s1 = firstBelow(trainLoss, LOSS_THRESHOLD);
            s2 = firstBelow(testLoss, LOSS_THRESHOLD);
        }
        return new Integer[] {s1, s2};
    }

    /**
     * Detection plus the plot generator's substitutes for thresholds never reached: n_ckpt div 5 and
     * 3·n_ckpt div 5 — checkpoint counts used as epochs ([BUG-AS-SPECIFIED], reproduced on purpose).
     */
    public static Stages stages(
            double[] trainAcc, double[] testAcc, double[] trainLoss, double[] testLoss, int checkpointCount) {
        Integer[] raw = detect(trainAcc, testAcc, trainLoss, testLoss);
        boolean f1 = raw[0] == null;
        boolean f2 = raw[1] == null;
        int s1 = f1 ? checkpointCount / 5 : raw[0];
        int s2 = f2 ? (3 * checkpointCount) / 5 : raw[1];
        return new Stages(s1, s2, f1, f2);
    }

    private static Integer firstAtLeast(double[] xs, double t) {
        if (xs == null) {
            return null;
        }
        for (int i = 0; i < xs.length; i++) {
            if (xs[i] >= t) {
                return i;
            }
        }
        return null;
    }

    private static Integer firstBelow(double[] xs, double t) {
        if (xs == null) {
            return null;
        }
        for (int i = 0; i < xs.length; i++) {
            if (xs[i] < t) {
                return i;
            }
        }
        return null;
    }
}
