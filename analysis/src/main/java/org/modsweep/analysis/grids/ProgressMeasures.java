package org.modsweep.analysis.grids;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.modsweep.analysis.fourier.DecodedWeights;
import org.modsweep.analysis.model.TwoLayerNet;
import org.modsweep.core.config.Activation;
import org.modsweep.core.parquet.Checkpoint;

/**
 * The progress measures of Nanda et al. 2023 (grids.md §5) on one checkpoint, in double, with the study's real
 * Fourier basis. Frequencies are 1..K, K = (p−1)/2; the constant term is never a frequency.
 *
 * <p>The key-frequency directions of the logits: for class c, the logit as a function of the pair (a, b) is projected
 * onto the constant and onto cos(ω_k(a+b)) and sin(ω_k(a+b)), ω_k = 2πk/p, for the key frequencies k. Over the p²
 * pairs these directions are orthogonal (squared norms p² and p²/2 for odd p), so the projection needs only the sums
 * of the logits along the diagonals a + b ≡ s (mod p): O(p³) per checkpoint beyond the forward pass.
 */
public final class ProgressMeasures {

    /** The share of W_in's squared Fourier norm the key frequencies cover by default. */
    public static final double DEFAULT_KEY_SHARE = 0.9;

    private ProgressMeasures() {}

    /** One checkpoint's measures. */
    public record Point(
            int epoch, double restrictedLoss, double excludedLoss, double giniIn, double giniOut, double weightNorm) {}

    /** Every measure of one checkpoint; {@code train} holds the training pairs n = a·p + b. */
    public static Point at(Checkpoint c, Activation act, List<Integer> keys, int[] train) {
        int p = c.wIn().cols();
        double[][] logits = new TwoLayerNet(c, act).allLogits();
        DecodedWeights d = DecodedWeights.of(c);
        return new Point(
                c.epoch(),
                restrictedLoss(logits, p, keys),
                excludedLoss(logits, p, keys, train),
                gini(frequencyNorms(d, true)),
                gini(frequencyNorms(d, false)),
                sumOfSquares(c));
    }

    /**
     * The key frequencies: frequencies ranked by their share of W_in's squared Fourier norm (constant excluded; ties
     * to the lower frequency), the shortest prefix whose shares sum to at least {@code share} (a sum short of it by
     * rounding only, 1e-12, counts). Empty when W_in has no non-constant component.
     */
    public static List<Integer> keyFrequencies(Checkpoint finalWeights, double share) {
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException("the key-frequency share must be in (0, 1], got " + share);
        }
        double[] norms = frequencyNorms(DecodedWeights.of(finalWeights), true);
        double total = 0;
        Integer[] order = new Integer[norms.length];
        for (int k = 0; k < norms.length; k++) {
            total += norms[k] * norms[k];
            order[k] = k;
        }
        List<Integer> keys = new ArrayList<>();
        if (!(total > 0)) {
            return keys;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer k) -> -norms[k]).thenComparingInt(k -> k));
        double sum = 0;
        for (int k : order) {
            keys.add(k + 1);
            sum += norms[k] * norms[k] / total;
            if (sum >= share - 1e-12) {
                break;
            }
        }
        return keys;
    }

    /** Per frequency 1..K, the norm of W_in's (or W_out's) Fourier coefficients at that frequency over all neurons. */
    public static double[] frequencyNorms(DecodedWeights d, boolean input) {
        int k = (d.p() - 1) / 2;
        double[] out = new double[k];
        for (int f = 1; f <= k; f++) {
            double s = 0;
            for (int n = 0; n < d.neurons(); n++) {
                double cos = input ? d.in(n, 2 * f - 1) : d.out(n, 2 * f - 1);
                double sin = input ? d.in(n, 2 * f) : d.out(n, 2 * f);
                s += cos * cos + sin * sin;
            }
            out[f - 1] = Math.sqrt(s);
        }
        return out;
    }

    /**
     * The Gini coefficient Σ_i Σ_j |x_i − x_j| / (2 n Σ x) of non-negative values: 0 when all are equal, 1 − 1/n for
     * a one-hot vector (Nanda et al.'s sorted formula gives the same). NaN when every value is 0.
     */
    public static double gini(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        int n = s.length;
        double total = 0;
        double weighted = 0;
        for (int i = 0; i < n; i++) {
            if (s[i] < 0) {
                throw new IllegalArgumentException("the Gini coefficient needs non-negative values, got " + s[i]);
            }
            total += s[i];
            weighted += (i + 1) * s[i];
        }
        if (!(total > 0)) {
            return Double.NaN;
        }
        return 2 * weighted / (n * total) - (n + 1.0) / n;
    }

    /** Σ W_in² + Σ W_out². */
    public static double sumOfSquares(Checkpoint c) {
        double s = 0;
        for (float v : c.wIn().values()) {
            s += (double) v * v;
        }
        for (float v : c.wOut().values()) {
            s += (double) v * v;
        }
        return s;
    }

    /** Cross-entropy over all p² pairs of the logits restricted to the constant and the key frequencies. */
    public static double restrictedLoss(double[][] logits, int p, List<Integer> keys) {
        double[][] diagonal = diagonalSums(logits, p);
        double[][] key = keyComponents(diagonal, p, keys);
        double loss = 0;
        double[] z = new double[p];
        for (int s = 0; s < p; s++) {
            for (int c = 0; c < p; c++) {
                double mean = 0;
                for (int t = 0; t < p; t++) {
                    mean += diagonal[t][c];
                }
                z[c] = mean / ((double) p * p) + key[s][c];
            }
            loss += crossEntropy(z, s); // every sum s has p pairs: the mean over pairs is the mean over s
        }
        return loss / p;
    }

    /** Cross-entropy over the training pairs of the logits less their key-frequency components (constant kept). */
    public static double excludedLoss(double[][] logits, int p, List<Integer> keys, int[] train) {
        if (train.length == 0) {
            throw new IllegalArgumentException("the excluded loss needs training pairs");
        }
        double[][] key = keyComponents(diagonalSums(logits, p), p, keys);
        double loss = 0;
        double[] z = new double[p];
        for (int n : train) {
            int s = (n / p + n % p) % p;
            for (int c = 0; c < p; c++) {
                z[c] = logits[n][c] - key[s][c];
            }
            loss += crossEntropy(z, s);
        }
        return loss / train.length;
    }

    /** D[s][c] = Σ over pairs with a + b ≡ s (mod p) of logit c. */
    static double[][] diagonalSums(double[][] logits, int p) {
        if (logits.length != p * p) {
            throw new IllegalArgumentException("expected the logits of all " + p * p + " pairs, got " + logits.length);
        }
        double[][] d = new double[p][p];
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < p; b++) {
                double[] z = logits[a * p + b];
                double[] row = d[(a + b) % p];
                for (int c = 0; c < p; c++) {
                    row[c] += z[c];
                }
            }
        }
        return d;
    }

    /** K[s][c]: the key frequencies' component of logit c at any pair with a + b ≡ s (constant not included). */
    static double[][] keyComponents(double[][] diagonal, int p, List<Integer> keys) {
        double[][] out = new double[p][p];
        double norm = 2.0 / ((double) p * p);
        for (int k : keys) {
            if (k < 1 || 2 * k >= p) {
                throw new IllegalArgumentException("frequency " + k + " is not in 1.." + (p - 1) / 2);
            }
            double[] cos = new double[p];
            double[] sin = new double[p];
            for (int s = 0; s < p; s++) {
                double w = 2 * Math.PI * (((long) k * s) % p) / p;
                cos[s] = Math.cos(w);
                sin[s] = Math.sin(w);
            }
            for (int c = 0; c < p; c++) {
                double u = 0;
                double v = 0;
                for (int s = 0; s < p; s++) {
                    u += diagonal[s][c] * cos[s];
                    v += diagonal[s][c] * sin[s];
                }
                for (int s = 0; s < p; s++) {
                    out[s][c] += norm * (u * cos[s] + v * sin[s]);
                }
            }
        }
        return out;
    }

    /** −log softmax(z)[label], by log-sum-exp. */
    static double crossEntropy(double[] z, int label) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (double v : z) {
            sum += Math.exp(v - max);
        }
        return Math.log(sum) + max - z[label];
    }
}
