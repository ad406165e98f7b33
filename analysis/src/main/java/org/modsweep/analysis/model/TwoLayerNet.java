package org.modsweep.analysis.model;

import org.modsweep.core.config.Activation;
import org.modsweep.core.parquet.Checkpoint;

/**
 * Plain-Java forward pass of the study's network (science.md §2.2) for analyses of stored checkpoints:
 * h = W_in[:, a] + W_in[:, b], σ(h), logits = W_out · σ(h). Float32 weights, double accumulation.
 */
public final class TwoLayerNet {

    private final int p;
    private final int m;
    /** W_in transposed to [p][M] so that column a is contiguous. */
    private final float[] wInT;
    private final float[] wOut;
    private final Activation act;

    public TwoLayerNet(Checkpoint c, Activation act) {
        this.m = c.wIn().rows();
        this.p = c.wIn().cols();
        this.act = act;
        float[] wi = c.wIn().values();
        this.wInT = new float[p * m];
        for (int n = 0; n < m; n++) {
            for (int j = 0; j < p; j++) {
                wInT[j * m + n] = wi[n * p + j];
            }
        }
        this.wOut = c.wOut().values();
    }

    public int p() {
        return p;
    }

    /** Logits [p] of the pair (a, b). */
    public double[] logits(int a, int b) {
        double[] out = new double[p];
        logitsInto(a, b, new double[m], out);
        return out;
    }

    private void logitsInto(int a, int b, double[] h, double[] out) {
        int oa = a * m;
        int ob = b * m;
        for (int n = 0; n < m; n++) {
            h[n] = activate((double) wInT[oa + n] + wInT[ob + n]);
        }
        for (int c = 0; c < p; c++) {
            int base = c * m;
            double s = 0;
            for (int n = 0; n < m; n++) {
                s += wOut[base + n] * h[n];
            }
            out[c] = s;
        }
    }

    private double activate(double x) {
        return switch (act) {
            case ReLU -> x > 0 ? x : 0;
            case Quad -> x * x;
            case GeLU -> 0.5 * x * (1 + Erf.erf(x / Math.sqrt(2)));
            case Id -> x;
        };
    }

    /** Logits of every pair in canonical order n = a·p + b: [p²][p]. */
    public double[][] allLogits() {
        double[][] out = new double[p * p][];
        double[] h = new double[m];
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < p; b++) {
                double[] z = new double[p];
                logitsInto(a, b, h, z);
                out[a * p + b] = z;
            }
        }
        return out;
    }

    /** argmax with the first index on ties. */
    public static int argmax(double[] z) {
        int best = 0;
        for (int c = 1; c < z.length; c++) {
            if (z[c] > z[best]) {
                best = c;
            }
        }
        return best;
    }

    /** Fraction of the given pair indices (n = a·p + b) whose argmax equals (a + b) mod p. */
    public double accuracy(int[] pairIndices) {
        if (pairIndices.length == 0) {
            return 0;
        }
        double[] h = new double[m];
        double[] z = new double[p];
        int correct = 0;
        for (int idx : pairIndices) {
            int a = idx / p;
            int b = idx % p;
            logitsInto(a, b, h, z);
            if (argmax(z) == (a + b) % p) {
                correct++;
            }
        }
        return (double) correct / pairIndices.length;
    }

    /** 1.0 where argmax == (i + j) mod p over the p×p grid (row = first input). */
    public static double[][] accuracyGrid(double[][] allLogits, int p) {
        double[][] g = new double[p][p];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                g[i][j] = argmax(allLogits[i * p + j]) == (i + j) % p ? 1.0 : 0.0;
            }
        }
        return g;
    }

    /** softmax(logits)[(i + j) mod p] over the p×p grid. */
    public static double[][] softmaxAtTruth(double[][] allLogits, int p) {
        double[][] g = new double[p][p];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                double[] z = allLogits[i * p + j];
                double max = Double.NEGATIVE_INFINITY;
                for (double v : z) {
                    max = Math.max(max, v);
                }
                double sum = 0;
                for (double v : z) {
                    sum += Math.exp(v - max);
                }
                g[i][j] = Math.exp(z[(i + j) % p] - max) / sum;
            }
        }
        return g;
    }

    /** erf for the GeLU activation (the study's five runs never use GeLU; stored custom runs might). */
    static final class Erf {
        private Erf() {
        }

        static double erf(double x) {
            double t = 1.0 / (1.0 + 0.5 * Math.abs(x));
            // Numerical Recipes erfc approximation (fractional error < 1.2e-7), enough for argmax analyses
            double y = t * Math.exp(-x * x - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                    + t * (-0.18628288 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                    + t * (-0.82215223 + t * 0.17087277)))))))));
            return x >= 0 ? 1 - y : y - 1;
        }
    }
}
