package org.modsweep.worker.optim;

/**
 * The reference's LambdaLR warm-up min(s/10, 1), stepped after each optimiser step: epoch e updates with
 * base·min(e/10, 1), so epoch 0 updates with a zero rate (science.md §4.3).
 */
public final class Warmup {

    private Warmup() {}

    public static double lr(double base, int epoch) {
        return base * Math.min(epoch / 10.0, 1.0);
    }
}
