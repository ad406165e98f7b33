package org.modsweep.worker.init;

/**
 * The 32-bit Mersenne Twister (MT19937) seeded with {@code init_genrand}. Both of the reference's random streams are
 * this generator seeded with 42: NumPy's legacy {@code RandomState(42)} and torch's CPU generator
 * ({@code torch.manual_seed(42)}), so one class mirrors both.
 */
public final class Mt19937 {

    private static final int N = 624;
    private static final int M = 397;
    private static final int MATRIX_A = 0x9908b0df;
    private static final int UPPER = 0x80000000;
    private static final int LOWER = 0x7fffffff;

    private final int[] mt = new int[N];
    private int mti;
    private long draws;

    public Mt19937(long seed) {
        mt[0] = (int) seed;
        for (int i = 1; i < N; i++) {
            mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
        }
        mti = N;
    }

    /** The next 32-bit output as an unsigned value. */
    public long nextUnsigned() {
        return nextInt() & 0xffffffffL;
    }

    /** The next 32-bit output ({@code genrand_int32}). */
    public int nextInt() {
        if (mti >= N) {
            twist();
        }
        int y = mt[mti++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        draws++;
        return y;
    }

    /** Skips {@code n} 32-bit outputs (what a torch kernel consumed without us needing the values). */
    public void skip(long n) {
        for (long i = 0; i < n; i++) {
            nextInt();
        }
    }

    /** How many 32-bit outputs have been drawn since seeding. */
    public long draws() {
        return draws;
    }

    private void twist() {
        for (int k = 0; k < N; k++) {
            int y = (mt[k] & UPPER) | (mt[(k + 1) % N] & LOWER);
            mt[k] = mt[(k + M) % N] ^ (y >>> 1) ^ ((y & 1) != 0 ? MATRIX_A : 0);
        }
        mti = 0;
    }
}
