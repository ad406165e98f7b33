package org.modsweep.worker.init;

import java.util.Arrays;

/**
 * The reference's {@code decide_frequencies}: with NumPy seeded 42, choose all K frequencies in random order, repeat
 * them end to end to d_mlp entries and shuffle, so every frequency gets ⌊M/K⌋ or ⌈M/K⌉ neurons (science.md §2.3).
 */
public final class FrequencyAssignment {

    private FrequencyAssignment() {}

    /** Frequency of each of the {@code dMlp} neurons for modulus {@code p}, drawn from RandomState(seed). */
    public static int[] decide(int p, int dMlp, long seed) {
        int k = (p - 1) / 2;
        NumpyLegacyRandom np = new NumpyLegacyRandom(seed);
        int[] range = new int[k];
        for (int i = 0; i < k; i++) {
            range[i] = i + 1;
        }
        int[] choices = np.choiceWithoutReplacement(range, k);
        int repeats = (dMlp + k - 1) / k;
        int[] tiled = new int[repeats * k];
        for (int r = 0; r < repeats; r++) {
            System.arraycopy(choices, 0, tiled, r * k, k);
        }
        int[] assignment = Arrays.copyOf(tiled, dMlp);
        np.shuffle(assignment);
        return assignment;
    }
}
