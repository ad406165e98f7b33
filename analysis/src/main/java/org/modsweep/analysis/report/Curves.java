package org.modsweep.analysis.report;

import java.util.List;
import org.modsweep.core.parquet.EpochMetrics;

/** A run's per-epoch curves as arrays (index = epoch; values recorded before that epoch's update). */
public record Curves(
        double[] trainLoss,
        double[] testLoss,
        double[] trainAcc,
        double[] testAcc,
        double[] gradNorm,
        double[] paramNorm) {

    public static Curves of(List<EpochMetrics> rows) {
        int n = rows.size();
        double[][] a = new double[6][n];
        for (int i = 0; i < n; i++) {
            EpochMetrics m = rows.get(i);
            a[0][i] = m.trainLoss();
            a[1][i] = m.testLoss();
            a[2][i] = m.trainAcc();
            a[3][i] = m.testAcc();
            a[4][i] = m.gradNorm();
            a[5][i] = m.paramNorm();
        }
        return new Curves(a[0], a[1], a[2], a[3], a[4], a[5]);
    }

    /** E = epochs executed. */
    public int epochs() {
        return trainLoss.length;
    }

    /** xs[0::step][:n] (Python slicing: stops early if the curve is shorter). */
    public static double[] sample(double[] xs, int step, int n) {
        int len = Math.min(n, step <= 0 ? 0 : (xs.length + step - 1) / step);
        double[] out = new double[Math.max(0, len)];
        for (int i = 0; i < out.length; i++) {
            out[i] = xs[i * step];
        }
        return out;
    }

    /** A curve sampled at the checkpoint spacing: xs[0::step][:n], step = the first checkpoint gap (else 200). */
    static double[] atCheckpoints(double[] xs, int[] checkpointEpochs) {
        int step = checkpointEpochs.length > 1 ? checkpointEpochs[1] - checkpointEpochs[0] : 200;
        return sample(xs, step, checkpointEpochs.length);
    }

    /** Epoch numbers as plot coordinates. */
    static double[] doubles(int[] epochs) {
        double[] d = new double[epochs.length];
        for (int i = 0; i < epochs.length; i++) {
            d[i] = epochs[i];
        }
        return d;
    }

    public static double last(double[] xs) {
        return xs.length == 0 ? Double.NaN : xs[xs.length - 1];
    }
}
