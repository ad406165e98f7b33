package org.modsweep.analysis.fourier;

/** Inverse participation ratio, the pipeline's definition (science.md §3.8): DC excluded, per-frequency energy. */
public final class Ipr {

    private Ipr() {}

    /** Σ_k A_k⁴ / (Σ_k A_k²)² with A_k² = c_k² + s_k², k = 1..K; 0 when there is no non-DC energy. */
    public static double ofCoefficients(double[] row) {
        int p = row.length;
        double s2 = 0;
        double s4 = 0;
        for (int k = 1; 2 * k < p; k++) {
            double a2 = row[2 * k - 1] * row[2 * k - 1] + row[2 * k] * row[2 * k];
            s2 += a2;
            s4 += a2 * a2;
        }
        double den = s2 * s2;
        return den == 0 ? 0 : s4 / den;
    }

    /** Checkpoint-level "Avg. IPR": (mean_m IPR(inHat_m) + mean_m IPR(outHat_m)) / 2. */
    public static double average(DecodedWeights d) {
        int m = d.neurons();
        if (m == 0) {
            return 0;
        }
        double sIn = 0;
        double sOut = 0;
        for (int n = 0; n < m; n++) {
            sIn += ofCoefficients(d.inRow(n));
            sOut += ofCoefficients(d.outRow(n));
        }
        return (sIn / m + sOut / m) / 2;
    }
}
