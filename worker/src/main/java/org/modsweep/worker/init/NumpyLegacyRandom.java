package org.modsweep.worker.init;

/**
 * The two pieces of NumPy's legacy {@code RandomState} the single-frequency initialisation uses
 * ({@code choice(replace=False)}, which is a permutation, and {@code shuffle}), drawing from MT19937 exactly as
 * NumPy 1.x does: Fisher–Yates from the end with {@code random_interval}'s masked rejection sampling.
 */
public final class NumpyLegacyRandom {

    private final Mt19937 mt;

    public NumpyLegacyRandom(long seed) {
        this.mt = new Mt19937(seed);
    }

    /** {@code random_interval(max)}: uniform in [0, max] by masking to the smallest covering bit mask and rejecting. */
    long interval(long max) {
        if (max == 0) {
            return 0;
        }
        long mask = max;
        mask |= mask >>> 1;
        mask |= mask >>> 2;
        mask |= mask >>> 4;
        mask |= mask >>> 8;
        mask |= mask >>> 16;
        long value;
        do {
            value = mt.nextUnsigned() & mask;
        } while (value > max);
        return value;
    }

    /** In-place {@code shuffle} of a 1-d array. */
    public void shuffle(int[] x) {
        for (int i = x.length - 1; i >= 1; i--) {
            int j = (int) interval(i);
            int t = x[j];
            x[j] = x[i];
            x[i] = t;
        }
    }

    /** {@code permutation(n)}: a shuffled {@code arange(n)}. */
    public int[] permutation(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        shuffle(a);
        return a;
    }

    /** {@code choice(values, size, replace=False)} without probabilities: {@code values[permutation(n)[:size]]}. */
    public int[] choiceWithoutReplacement(int[] values, int size) {
        int[] idx = permutation(values.length);
        int[] out = new int[size];
        for (int i = 0; i < size; i++) {
            out[i] = values[idx[i]];
        }
        return out;
    }
}
