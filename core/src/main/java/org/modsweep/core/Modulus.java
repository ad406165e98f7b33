package org.modsweep.core;

/**
 * A modulus p of the study: odd, at least 3. Knows the derived sizes every module needs
 * (K = (p-1)/2 frequencies, hidden width d_mlp, padded directory names).
 */
public record Modulus(int p) implements Comparable<Modulus> {

    public static final int MIN_P = 3;
    /**
     * The largest modulus accepted anywhere. Memory decides long before (one training of p=199 needs about 36 GB,
     * see the worker's MemoryEstimate); the bound keeps every derived size (p², d_mlp ≈ p², their products) well
     * inside 64-bit arithmetic and a range like 3..2147483647 from being enumerated.
     */
    public static final int MAX_P = 1999;
    /** The grokking configuration and its outputs need enough test points (science.md §4.1). */
    public static final int MIN_P_GROKKING = 19;

    public Modulus {
        if (p < MIN_P) {
            throw new IllegalArgumentException(
                    "modulus p=" + p + " is too small: p must be an odd integer >= " + MIN_P);
        }
        if (p > MAX_P) {
            throw new IllegalArgumentException("modulus p=" + p + " is too large: p must be <= " + MAX_P);
        }
        if (p % 2 == 0) {
            throw new IllegalArgumentException("modulus p=" + p + " is even: the study uses odd moduli only");
        }
    }

    public static Modulus of(int p) {
        return new Modulus(p);
    }

    /** Number of non-constant frequencies K = (p-1)/2. */
    public int frequencies() {
        return (p - 1) / 2;
    }

    /** Hidden width M = max(512, ceil((512/529)·p·p)), evaluated in IEEE double exactly as the reference. */
    public int dMlp() {
        return Math.max(512, (int) Math.ceil(((512.0 / 529.0) * p) * p));
    }

    /** p zero-padded to three digits, as in {@code p_023/p023_metadata.json}. */
    public String padded() {
        return String.format("%03d", p);
    }

    public boolean supportsGrokking() {
        return p >= MIN_P_GROKKING;
    }

    @Override
    public int compareTo(Modulus o) {
        return Integer.compare(p, o.p);
    }

    @Override
    public String toString() {
        return Integer.toString(p);
    }
}
