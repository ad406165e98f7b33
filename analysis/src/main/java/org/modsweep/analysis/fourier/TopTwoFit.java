package org.modsweep.analysis.fourier;

/**
 * The line plots' reconstruction (science.md §3.9): keep the two largest-|q| coefficients of q = F @ w and
 * synthesise F^T @ q'. Ties go to the lower index.
 */
public final class TopTwoFit {

    private TopTwoFit() {}

    public static double[] fit(double[] w) {
        RealFourierBasis f = RealFourierBasis.of(w.length);
        double[] q = f.coefficients(w);
        int a = -1;
        int b = -1;
        for (int r = 0; r < q.length; r++) {
            double v = Math.abs(q[r]);
            if (a < 0 || v > Math.abs(q[a])) {
                b = a;
                a = r;
            } else if (b < 0 || v > Math.abs(q[b])) {
                b = r;
            }
        }
        double[] kept = new double[q.length];
        if (a >= 0) {
            kept[a] = q[a];
        }
        if (b >= 0) {
            kept[b] = q[b];
        }
        return f.synthesize(kept);
    }
}
