package org.modsweep.analysis.model;

import org.modsweep.core.config.Activation;
import org.modsweep.core.parquet.Checkpoint;

/**
 * Plain-Java forward pass of the study's network (science.md §2.2) for analyses of stored checkpoints:
 * h = W_in[:, a] + W_in[:, b], σ(h), logits = W_out · σ(h), in float32 like the reference.
 */
public final class TwoLayerNet {

    private final int p;
    private final int m;
    /** W_in transposed to [p][M] so that column a is contiguous. */
    private final float[] wInT;
    /** W_out transposed to [M][p]: each active neuron adds one contiguous row to the logits (vectorisable). */
    private final float[] wOutT;

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
        float[] wo = c.wOut().values();
        this.wOutT = new float[m * p];
        for (int cl = 0; cl < p; cl++) {
            for (int n = 0; n < m; n++) {
                wOutT[n * p + cl] = wo[cl * m + n];
            }
        }
    }

    public int p() {
        return p;
    }

    /** Logits [p] of the pair (a, b). */
    public double[] logits(int a, int b) {
        Scratch sc = new Scratch(m, p);
        logitsInto(a, b, sc);
        double[] out = new double[p];
        for (int c = 0; c < p; c++) {
            out[c] = sc.z[c];
        }
        return out;
    }

    /** Per-thread buffers of one forward pass. */
    private static final class Scratch {
        final float[] h;
        final int[] active;
        final float[] z;

        Scratch(int m, int p) {
            h = new float[m];
            active = new int[m];
            z = new float[p];
        }
    }

    /**
     * Float32 forward pass like the reference's: only neurons with a non-zero activation contribute (about half
     * under ReLU), each as one contiguous row of W_out^T.
     */
    private void logitsInto(int a, int b, Scratch sc) {
        int oa = a * m;
        int ob = b * m;
        int na = 0;
        for (int n = 0; n < m; n++) {
            float v = (float) activate(wInT[oa + n] + wInT[ob + n]);
            if (v != 0) {
                sc.h[na] = v;
                sc.active[na++] = n;
            }
        }
        float[] z = sc.z;
        java.util.Arrays.fill(z, 0f);
        for (int i = 0; i < na; i++) {
            float hv = sc.h[i];
            int base = sc.active[i] * p;
            for (int c = 0; c < p; c++) {
                z[c] += hv * wOutT[base + c];
            }
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
        java.util.stream.IntStream rows = java.util.stream.IntStream.range(0, p);
        ((double) p * p * m * p > PARALLEL_WORK ? rows.parallel() : rows).forEach(a -> {
            Scratch sc = new Scratch(m, p);
            for (int b = 0; b < p; b++) {
                logitsInto(a, b, sc);
                double[] z = new double[p];
                for (int c = 0; c < p; c++) {
                    z[c] = sc.z[c];
                }
                out[a * p + b] = z;
            }
        });
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

    /** Work (multiply-adds) above which a pass over many pairs is split across the common fork-join pool. */
    static final double PARALLEL_WORK = 5e7;

    /** Fraction of the given pair indices (n = a·p + b) whose argmax equals (a + b) mod p. */
    public double accuracy(int[] pairIndices) {
        if (pairIndices.length == 0) {
            return 0;
        }
        int chunks = (double) pairIndices.length * m * p > PARALLEL_WORK
                ? Math.min(64, Math.max(1, pairIndices.length / 64))
                : 1;
        int per = (pairIndices.length + chunks - 1) / chunks;
        java.util.stream.IntStream range = java.util.stream.IntStream.range(0, chunks);
        int correct = (chunks > 1 ? range.parallel() : range)
                .map(k -> {
                    Scratch sc = new Scratch(m, p);
                    int ok = 0;
                    for (int i = k * per; i < Math.min(pairIndices.length, (k + 1) * per); i++) {
                        int idx = pairIndices[i];
                        int a = idx / p;
                        int b = idx % p;
                        logitsInto(a, b, sc);
                        int best = 0;
                        for (int c = 1; c < p; c++) {
                            if (sc.z[c] > sc.z[best]) {
                                best = c;
                            }
                        }
                        if (best == (a + b) % p) {
                            ok++;
                        }
                    }
                    return ok;
                })
                .sum();
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
        private Erf() {}

        static double erf(double x) {
            double t = 1.0 / (1.0 + 0.5 * Math.abs(x));
            // Numerical Recipes erfc approximation (fractional error < 1.2e-7), enough for argmax analyses
            double y = t
                    * Math.exp(
                            -x * x
                                    - 1.26551223
                                    + t
                                            * (1.00002368
                                                    + t
                                                            * (0.37409196
                                                                    + t
                                                                            * (0.09678418
                                                                                    + t
                                                                                            * (-0.18628288
                                                                                                    + t
                                                                                                            * (0.27886807
                                                                                                                    + t
                                                                                                                            * (-1.13520398
                                                                                                                                    + t
                                                                                                                                            * (1.48851587
                                                                                                                                                    + t
                                                                                                                                                            * (-0.82215223
                                                                                                                                                                    + t
                                                                                                                                                                            * 0.17087277)))))))));
            return x >= 0 ? 1 - y : y - 1;
        }
    }
}
