package org.modsweep.analysis.fourier;

import org.modsweep.core.parquet.Checkpoint;
import org.modsweep.core.parquet.WeightTensor;

/**
 * The DFT of one checkpoint's weights (science.md §3.2): {@code inHat = W_in @ F^T} (row m: coefficients of θ_m)
 * and {@code outHat = W_out^T @ F^T} (row m: coefficients of ξ_m, column m of W_out). Both [M, p], row-major;
 * column 0 = DC, 2k-1 = cos k, 2k = sin k.
 */
public final class DecodedWeights {

    private final int p;
    private final int m;
    private final double[] inHat;
    private final double[] outHat;

    private DecodedWeights(int p, int m, double[] inHat, double[] outHat) {
        this.p = p;
        this.m = m;
        this.inHat = inHat;
        this.outHat = outHat;
    }

    public static DecodedWeights of(Checkpoint c) {
        return of(c.wIn(), c.wOut());
    }

    public static DecodedWeights of(WeightTensor wIn, WeightTensor wOut) {
        int m = wIn.rows();
        int p = wIn.cols();
        if (wOut.rows() != p || wOut.cols() != m) {
            throw new IllegalArgumentException("W_out shape [" + wOut.rows() + ", " + wOut.cols()
                    + "] does not match W_in [" + m + ", " + p + "]");
        }
        RealFourierBasis basis = RealFourierBasis.of(p);
        double[] f = basis.raw();
        double[] in = new double[m * p];
        double[] out = new double[m * p];
        float[] wi = wIn.values();
        float[] wo = wOut.values();
        java.util.stream.IntStream neurons = java.util.stream.IntStream.range(0, m);
        // large p (M ~ p²): the O(M·p²) transform is split over the common fork-join pool
        (2.0 * m * p * p > 5e7 ? neurons.parallel() : neurons).forEach(n -> {
            double[] col = new double[p];
            int rowBase = n * p;
            for (int j = 0; j < p; j++) {
                col[j] = wo[j * m + n];
            }
            for (int r = 0; r < p; r++) {
                int fb = r * p;
                double si = 0;
                double so = 0;
                for (int j = 0; j < p; j++) {
                    double fv = f[fb + j];
                    si += fv * wi[rowBase + j];
                    so += fv * col[j];
                }
                in[rowBase + r] = si;
                out[rowBase + r] = so;
            }
        });
        return new DecodedWeights(p, m, in, out);
    }

    public int p() {
        return p;
    }

    /** Number of neurons M. */
    public int neurons() {
        return m;
    }

    public double in(int neuron, int coeff) {
        return inHat[neuron * p + coeff];
    }

    public double out(int neuron, int coeff) {
        return outHat[neuron * p + coeff];
    }

    /** Row m of inHat (a copy). */
    public double[] inRow(int neuron) {
        double[] r = new double[p];
        System.arraycopy(inHat, neuron * p, r, 0, p);
        return r;
    }

    /** Row m of outHat (a copy). */
    public double[] outRow(int neuron) {
        double[] r = new double[p];
        System.arraycopy(outHat, neuron * p, r, 0, p);
        return r;
    }

    /** Dominant frequency of every neuron from the input layer (science.md §3.3): argmax over all p columns. */
    public int[] dominantFrequencies() {
        int[] f = new int[m];
        for (int n = 0; n < m; n++) {
            f[n] = dominantFrequency(n);
        }
        return f;
    }

    /** (argmax_r |inHat[m, r]| + 1) div 2, first index on ties; 0 means a DC neuron. */
    public int dominantFrequency(int neuron) {
        int base = neuron * p;
        int best = 0;
        double bestV = Math.abs(inHat[base]);
        for (int r = 1; r < p; r++) {
            double v = Math.abs(inHat[base + r]);
            if (v > bestV) {
                bestV = v;
                best = r;
            }
        }
        return (best + 1) / 2;
    }

    /** max_r |inHat[m, r]| (all columns, DC included): the ranking magnitude of neuron selection. */
    public double peakInputMagnitude(int neuron) {
        int base = neuron * p;
        double best = 0;
        for (int r = 0; r < p; r++) {
            best = Math.max(best, Math.abs(inHat[base + r]));
        }
        return best;
    }
}
