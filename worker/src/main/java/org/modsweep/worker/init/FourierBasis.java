package org.modsweep.worker.init;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * The reference's float32 Fourier basis ({@code get_fourier_basis}), built with the engine's own float32 cos, sin and
 * norm so that the single-frequency initialisation goes through the same numbers: row 0 = 1/√p, rows 2i−1, 2i =
 * cos, sin(2π·i·j/p) each divided by its norm.
 */
public final class FourierBasis {

    private FourierBasis() {
    }

    /** Row-major [p, p] float32. */
    public static float[] float32(NDManager manager, int p) {
        float[] basis = new float[p * p];
        float constant = 1.0f / (float) Math.sqrt(p);
        for (int j = 0; j < p; j++) {
            basis[j] = constant;
        }
        float twoPi = (float) (2 * Math.PI);
        try (NDManager scope = manager.newSubManager()) {
            for (int i = 1; i <= p / 2; i++) {
                float[] angle = new float[p];
                for (int j = 0; j < p; j++) {
                    // torch: 2*pi*arange(p)*i/p evaluated left to right in float32
                    angle[j] = ((float) j * twoPi) * i / p;
                }
                NDArray a = scope.create(angle);
                NDArray cos = a.cos();
                NDArray sin = a.sin();
                System.arraycopy(cos.div(cos.norm()).toFloatArray(), 0, basis, (2 * i - 1) * p, p);
                System.arraycopy(sin.div(sin.norm()).toFloatArray(), 0, basis, 2 * i * p, p);
            }
        }
        return basis;
    }
}
