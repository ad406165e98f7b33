package org.modsweep.worker.init;

/** How many 32-bit outputs torch's CPU generator spends on one {@code randn} of a float32 tensor. */
final class TorchDraws {

    private TorchDraws() {
    }

    /**
     * numel ≥ 16: one uniform per element, plus 16 more for a partial last block (normal_fill recomputes the last 16);
     * numel &lt; 16: Box–Muller on doubles, two 64-bit uniforms (four outputs) per pair of values, the second cached.
     */
    static long randn(long numel) {
        if (numel >= 16) {
            return numel + (numel % 16 != 0 ? 16 : 0);
        }
        return ((numel + 1) / 2) * 4;
    }
}
