package org.modsweep.worker.init;

/**
 * torch 1.13's CPU {@code randperm(n)} (the study's split permutation), replayed from MT19937: start from the
 * identity and for i = 0..n−2 swap r[i] with r[i + random() mod (n−i)].
 */
public final class TorchRandperm {

    private TorchRandperm() {}

    /** The permutation drawn after {@code drawsBefore} outputs of the generator seeded with {@code seed}. */
    public static int[] permutation(long seed, long drawsBefore, int n) {
        Mt19937 mt = new Mt19937(seed);
        mt.skip(drawsBefore);
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        for (int i = 0; i < n - 1; i++) {
            int z = (int) (mt.nextUnsigned() % (n - i));
            int t = r[i];
            r[i] = r[i + z];
            r[i + z] = t;
        }
        return r;
    }
}
