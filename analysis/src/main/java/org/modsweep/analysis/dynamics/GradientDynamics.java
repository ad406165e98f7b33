package org.modsweep.analysis.dynamics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.modsweep.analysis.fourier.Angles;
import org.modsweep.analysis.fourier.DecodedWeights;
import org.modsweep.analysis.fourier.NeuronPhases;

/**
 * Gradient-dynamics tracking of a single-frequency run (science.md §5.11): per checkpoint every neuron's (α, φ) and
 * (β, ψ) with that checkpoint's own dominant frequencies; then one neuron is chosen and its trajectory trimmed and
 * unwrapped for the phase-alignment figures. Feed checkpoints in epoch order with {@link #add}.
 */
public final class GradientDynamics {

    private final List<Integer> epochs = new ArrayList<>();
    private final List<float[]> alpha = new ArrayList<>();
    private final List<float[]> phi = new ArrayList<>();
    private final List<float[]> beta = new ArrayList<>();
    private final List<float[]> psi = new ArrayList<>();

    public void add(int epoch, DecodedWeights d) {
        NeuronPhases np = NeuronPhases.of(d);
        epochs.add(epoch);
        alpha.add(toFloat(np.alpha()));
        phi.add(toFloat(np.phi()));
        beta.add(toFloat(np.beta()));
        psi.add(toFloat(np.psi()));
    }

    private static float[] toFloat(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }

    public int checkpoints() {
        return epochs.size();
    }

    /**
     * The tracked neuron: at the last checkpoint, "strong" neurons have α ≥ the value at sorted-descending index
     * max(0, M div 4 − 1) (the smallest value when M &lt; 4); among them (index order) the largest initial
     * |normalize_to_pi(ψ₀ − 2φ₀)| wins, first on ties. Fallback: the largest final α.
     */
    public int chooseNeuron() {
        float[] last = alpha.get(alpha.size() - 1);
        int m = last.length;
        float[] sorted = last.clone();
        Arrays.sort(sorted);
        float threshold = m < 4 ? sorted[0] : sorted[m - 1 - Math.max(0, m / 4 - 1)];
        float[] phi0 = phi.get(0);
        float[] psi0 = psi.get(0);
        int best = -1;
        double bestMis = Double.NEGATIVE_INFINITY;
        for (int n = 0; n < m; n++) {
            if (last[n] >= threshold) {
                double mis = Math.abs(Angles.normalizeToPi((double) psi0[n] - 2.0 * phi0[n]));
                if (mis > bestMis) {
                    bestMis = mis;
                    best = n;
                }
            }
        }
        if (best < 0) {
            best = 0;
            for (int n = 1; n < m; n++) {
                if (last[n] > last[best]) {
                    best = n;
                }
            }
        }
        return best;
    }

    /** The trimmed, seam-fixed and unwrapped trajectory of one neuron. */
    public Trajectory trajectory(int neuron, int dropLast) {
        int n = epochs.size();
        int keep = n - dropLast > 0 ? n - dropLast : n;
        double[] t = new double[keep];
        double[] ph = new double[keep];
        double[] twoPhi = new double[keep];
        double[] ps = new double[keep];
        double[] a = new double[keep];
        double[] b = new double[keep];
        for (int i = 0; i < keep; i++) {
            t[i] = epochs.get(i);
            ph[i] = phi.get(i)[neuron];
            twoPhi[i] = Angles.normalizeToPi(2 * ph[i]);
            ps[i] = Angles.nearDiagonal(Angles.normalizeToPi(psi.get(i)[neuron]), twoPhi[i]);
            a[i] = alpha.get(i)[neuron];
            b[i] = beta.get(i)[neuron];
        }
        return new Trajectory(neuron, t, Angles.unwrap(ph), Angles.unwrap(twoPhi), Angles.unwrap(ps), a, b);
    }

    /**
     * @param neuron  tracked neuron index
     * @param epochs  checkpoint epochs (x axis, "Step")
     * @param phi     φ* unwrapped
     * @param twoPhi  2φ* normalised then unwrapped
     * @param psi     ψ* moved within π of 2φ*, then unwrapped
     * @param alpha   α*
     * @param beta    β*
     */
    public record Trajectory(
            int neuron, double[] epochs, double[] phi, double[] twoPhi, double[] psi, double[] alpha, double[] beta) {}
}
