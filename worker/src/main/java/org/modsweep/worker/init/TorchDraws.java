package org.modsweep.worker.init;

/** How many 32-bit outputs torch's CPU generator spends on {@code randn} calls of float32 tensors. */
final class TorchDraws {

    private TorchDraws() {}

    /**
     * Outputs spent by successive {@code randn} calls of these sizes on a freshly seeded generator. numel ≥ 16:
     * one uniform per element, plus 16 more for a partial last block (normal_fill recomputes the last 16);
     * numel &lt; 16: Box–Muller on doubles, two 64-bit uniforms (four outputs) per pair of values, the second value
     * cached in the generator and used by the next small draw (seeding clears the cache). Every study run draws
     * multiples of 16 or pairs; a d_mlp override can give any size.
     */
    static long randn(long... numels) {
        long outputs = 0;
        boolean cached = false;
        for (long n : numels) {
            if (n >= 16) {
                outputs += n + (n % 16 != 0 ? 16 : 0);
                continue;
            }
            long fresh = n;
            if (cached && fresh > 0) {
                fresh--;
                cached = false;
            }
            outputs += ((fresh + 1) / 2) * 4;
            if (fresh % 2 == 1) {
                cached = true;
            }
        }
        return outputs;
    }
}
