package org.modsweep.analysis.lottery;

import java.util.ArrayList;
import java.util.List;
import org.modsweep.analysis.fourier.Angles;
import org.modsweep.analysis.fourier.DecodedWeights;
import org.modsweep.analysis.fourier.FrequencyScales;
import org.modsweep.analysis.neurons.NeuronSelection;

/**
 * Lottery-ticket tracking of one neuron of the {@code quad_random} run (science.md §5.9). Feed the final weights
 * first ({@link #forFinal}), then up to {@link #MAX_CHECKPOINTS} numbered checkpoints in epoch order.
 */
public final class LotteryTracking {

    public static final int MAX_CHECKPOINTS = 160;

    private final int neuron;
    /** 0-based index of the highlighted frequency (f* − 1; −1 wraps to the last, as Python indexing does). */
    private final int winnerIndex;

    private final int k;
    private final List<Integer> epochs = new ArrayList<>();
    private final List<double[]> magnitudes = new ArrayList<>();
    private final List<double[]> misalignments = new ArrayList<>();

    private LotteryTracking(int neuron, int winnerIndex, int k) {
        this.neuron = neuron;
        this.winnerIndex = winnerIndex;
        this.k = k;
    }

    /** Chooses the lottery neuron and its winning frequency from the final weights. */
    public static LotteryTracking forFinal(DecodedWeights fin) {
        int n = NeuronSelection.lotteryNeuron(FrequencyScales.of(fin));
        int k = fin.p() / 2;
        int winner = fin.dominantFrequency(n) - 1;
        if (winner < 0) {
            winner = k - 1;
        }
        return new LotteryTracking(n, winner, k);
    }

    /** Whether this checkpoint is still within the first 160. */
    public boolean wants() {
        return epochs.size() < MAX_CHECKPOINTS;
    }

    public void add(int epoch, DecodedWeights d) {
        if (!wants()) {
            return;
        }
        FrequencyScales s = FrequencyScales.ofNeuron(d, neuron);
        double[] mag = new double[k];
        double[] mis = new double[k];
        for (int i = 0; i < k; i++) {
            mag[i] = s.scale()[0][i + 1];
            mis[i] = Angles.normalizeToPi(s.psi()[0][i + 1] - 2 * s.phi()[0][i + 1]);
        }
        epochs.add(epoch);
        magnitudes.add(mag);
        misalignments.add(mis);
    }

    public int neuron() {
        return neuron;
    }

    public int winnerIndex() {
        return winnerIndex;
    }

    public int frequencies() {
        return k;
    }

    public int[] epochs() {
        return epochs.stream().mapToInt(Integer::intValue).toArray();
    }

    /** α_k(t): [checkpoint][k−1]. */
    public double[][] magnitudes() {
        return magnitudes.toArray(new double[0][]);
    }

    /** normalize_to_pi(ψ_k − 2φ_k) per checkpoint (= −D): [checkpoint][k−1]. */
    public double[][] misalignments() {
        return misalignments.toArray(new double[0][]);
    }

    /** Non-winning frequency indices ordered by their magnitude at the last tracked checkpoint, ascending. */
    public int[] othersByFinalMagnitude() {
        double[] last = magnitudes.isEmpty() ? new double[k] : magnitudes.get(magnitudes.size() - 1);
        List<Integer> others = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            if (i != winnerIndex) {
                others.add(i);
            }
        }
        others.sort((a, b) -> Double.compare(last[a], last[b]));
        return others.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The theory's prediction (README/app text): the winner is the frequency with the smallest initial |D|. The code
     * highlights the final dominant frequency instead; this reports whether the two agree.
     */
    public boolean winnerHadSmallestInitialMisalignment() {
        return smallestInitialMisalignmentIndex() == winnerIndex;
    }

    /** 0-based index of argmin_k |D_k| at the first tracked checkpoint (−1 when nothing was tracked). */
    public int smallestInitialMisalignmentIndex() {
        if (misalignments.isEmpty()) {
            return -1;
        }
        double[] first = misalignments.get(0);
        int arg = 0;
        for (int i = 1; i < k; i++) {
            if (Math.abs(first[i]) < Math.abs(first[arg])) {
                arg = i;
            }
        }
        return arg;
    }
}
