package org.modsweep.worker.init;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.modsweep.core.config.InitType;
import org.modsweep.core.config.RunConfig;
import org.modsweep.worker.Engines;

/**
 * Draws a run's initial weights in the reference's order from the engine's generator seeded with the run's seed
 * (science.md §2.3, §4.4). The engine's generator is process-global, so callers hold {@link SeedLock}.
 */
public final class Initializer {

    private Initializer() {}

    /**
     * Must be called with {@link SeedLock#LOCK} held: it reseeds the process-global engine generator. Draws on the
     * CPU whatever device trains (the reference's weights come from torch's CPU generator), in a scratch manager.
     */
    public static InitialWeights draw(RunConfig config, int p, int dMlp) {
        if (!SeedLock.LOCK.isHeldByCurrentThread()) {
            throw new IllegalStateException("initialisation must run under SeedLock");
        }
        Engines.pytorch().setRandomSeed((int) config.seed());
        try (NDManager scope = Engines.newManager(Device.cpu())) {
            return config.initType() == InitType.RANDOM
                    ? random(scope, config, p, dMlp)
                    : singleFrequency(scope, config, p, dMlp);
        }
    }

    /** W_in = s·randn(M,p)/√p, then W_out = s·randn(p,M)/√p, in float32 exactly as torch evaluates it. */
    private static InitialWeights random(NDManager m, RunConfig config, int p, int dMlp) {
        float scale = (float) config.initScale();
        float root = (float) Math.sqrt(p);
        float[] wIn = m.randomNormal(0, 1, new Shape(dMlp, p), DataType.FLOAT32).toFloatArray();
        float[] wOut =
                m.randomNormal(0, 1, new Shape(p, dMlp), DataType.FLOAT32).toFloatArray();
        for (int i = 0; i < wIn.length; i++) {
            wIn[i] = scale * wIn[i] / root;
        }
        for (int i = 0; i < wOut.length; i++) {
            wOut[i] = scale * wOut[i] / root;
        }
        long draws = TorchDraws.randn(wIn.length, wOut.length);
        return new InitialWeights(p, dMlp, wIn, wOut, draws);
    }

    /**
     * Single-frequency: NumPy picks each neuron's frequency; then two independent sparse matrices S1, S2 get one
     * unit 2-vector per neuron (torch randn(2)) at columns 2f−1, 2f; W_in = (c·S1) @ F and W_out = (c·Fᵀ) @ S2ᵀ with
     * c = init_scale·√(p/2), all float32. Everything after the draws is plain Java in the reference's float32 order
     * (see {@link TorchOrderFourierBasis}); each product entry has two non-zero terms, summed as an FMA chain in k order, which
     * is what the reference's OpenBLAS kernel does for most (not all) entries — see InitializerTest.
     */
    private static InitialWeights singleFrequency(NDManager m, RunConfig config, int p, int dMlp) {
        int[] freq = FrequencyAssignment.decide(p, dMlp, config.seed());
        float[] basis = TorchOrderFourierBasis.float32(p);
        float[][] u1 = unitVectors(m, dMlp);
        float[][] u2 = unitVectors(m, dMlp);
        float c = (float) (config.initScale() * Math.sqrt(p / 2.0));
        float[] wIn = new float[dMlp * p];
        float[] wOut = new float[p * dMlp];
        for (int n = 0; n < dMlp; n++) {
            int cosRow = (2 * freq[n] - 1) * p;
            int sinRow = 2 * freq[n] * p;
            float a = c * u1[n][0];
            float b = c * u1[n][1];
            for (int j = 0; j < p; j++) {
                wIn[n * p + j] = Math.fma(b, basis[sinRow + j], a * basis[cosRow + j]);
                float g1 = c * basis[cosRow + j];
                float g2 = c * basis[sinRow + j];
                wOut[j * dMlp + n] = Math.fma(g2, u2[n][1], g1 * u2[n][0]);
            }
        }
        long draws = 2L * dMlp * TorchDraws.randn(2);
        return new InitialWeights(p, dMlp, wIn, wOut, draws);
    }

    /** One torch randn(2) per neuron, divided by its norm as torch 1.13 computes it (√fma(v1, v1, v0·v0)). */
    private static float[][] unitVectors(NDManager m, int dMlp) {
        float[][] unit = new float[dMlp][];
        for (int n = 0; n < dMlp; n++) {
            try (NDManager one = m.newSubManager()) {
                float[] v =
                        one.randomNormal(0, 1, new Shape(2), DataType.FLOAT32).toFloatArray();
                float norm = (float) Math.sqrt(Math.fma(v[1], v[1], v[0] * v[0]));
                unit[n] = new float[] {v[0] / norm, v[1] / norm};
            }
        }
        return unit;
    }
}
