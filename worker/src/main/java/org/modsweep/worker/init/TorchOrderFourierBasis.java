package org.modsweep.worker.init;

/**
 * The reference's float32 Fourier basis ({@code get_fourier_basis}) as torch 1.13 (Debian, AVX2 kernels) computes
 * it, in plain Java so that it does not depend on how the bundled libtorch rounds: row 0 = 1/√p; rows 2i−1, 2i =
 * cos, sin of the float32 angle {@code 2π·j·i/p} (left to right), each divided by its float32 L2 norm.
 *
 * <p>Checked bit for bit against torch 1.13.1 at p = 23: torch's cos/sin there are SLEEF's {@code cosf8_u10} /
 * {@code sinf8_u10} (ported below, FMA variant), and its norm accumulates 8 lanes with FMA, sums the lanes left to
 * right and adds the tail elements without FMA. libtorch 2.7.1 differs from both in the last bit of a few entries.
 * SLEEF switches to a different argument reduction once an angle reaches 125 (rows with i·2π·(p−1)/p ≥ 125, i.e.
 * only for p ≥ 41); those rows fall back to the double-precision cos/sin rounded to float32 (within 1 ulp of it).
 * Only initialisation uses it; analysis decodes weights with the double-precision {@code RealFourierBasis}.
 */
public final class TorchOrderFourierBasis {

    private static final float PI_A2 = 3.1414794921875f;
    private static final float PI_B2 = 0.00011315941810607910156f;
    private static final float PI_C2 = 1.9841872589410058936e-09f;
    private static final float ONE_OVER_PI = (float) (1 / Math.PI);
    /** SLEEF's single-float reduction (reproduced here) applies below this |angle|. */
    private static final float TRIG_RANGE = 125.0f;

    private static final int LANES = 8;

    private TorchOrderFourierBasis() {}

    /** Row-major [p, p] float32. */
    public static float[] float32(int p) {
        float[] basis = new float[p * p];
        float constant = 1.0f / (float) Math.sqrt(p);
        for (int j = 0; j < p; j++) {
            basis[j] = constant;
        }
        float twoPi = (float) (2 * Math.PI);
        for (int i = 1; i <= p / 2; i++) {
            float[] cos = new float[p];
            float[] sin = new float[p];
            boolean sleefRange = ((float) (p - 1) * twoPi) * i / p < TRIG_RANGE;
            for (int j = 0; j < p; j++) {
                float angle = ((float) j * twoPi) * i / p; // torch: 2*pi*arange(p)*i/p, float32, left to right
                cos[j] = sleefRange ? cos(angle) : (float) StrictMath.cos(angle);
                sin[j] = sleefRange ? sin(angle) : (float) StrictMath.sin(angle);
            }
            float cosNorm = norm(cos);
            float sinNorm = norm(sin);
            for (int j = 0; j < p; j++) {
                basis[(2 * i - 1) * p + j] = cos[j] / cosNorm;
                basis[2 * i * p + j] = sin[j] / sinNorm;
            }
        }
        return basis;
    }

    /** torch 1.13's float32 2-norm of a contiguous vector (vectorised 8-lane FMA sum, then a plain scalar tail). */
    static float norm(float[] x) {
        float[] acc = new float[LANES];
        int d = 0;
        for (; d < x.length - x.length % LANES; d += LANES) {
            for (int l = 0; l < LANES; l++) {
                acc[l] = Math.fma(x[d + l], x[d + l], acc[l]);
            }
        }
        float sum = acc[0];
        for (int l = 1; l < LANES; l++) {
            sum = sum + acc[l];
        }
        for (; d < x.length; d++) {
            sum = sum + x[d] * x[d];
        }
        return (float) Math.sqrt(sum);
    }

    /** SLEEF 3.5 {@code xsinf_u1} for |d| < 125 (1-ulp sine, double-float arithmetic with FMA). */
    static float sin(float d) {
        float u = (float) Math.rint(d * ONE_OVER_PI);
        int q = (int) u;
        float v = Math.fma(u, -PI_A2, d);
        float[] s = add2(v, u * -PI_B2);
        s = add(s, u * -PI_C2);
        float r = polynomial(s);
        if ((q & 1) == 1) {
            r = -r;
        }
        return d == 0 && Float.floatToRawIntBits(d) != 0 ? d : r;
    }

    /** SLEEF 3.5 {@code xcosf_u1} for |d| < 125. */
    static float cos(float d) {
        float dq = Math.fma((float) Math.rint(Math.fma(d, ONE_OVER_PI, -0.5f)), 2f, 1f);
        int q = (int) dq;
        float[] s = add2(d, dq * (-PI_A2 * 0.5f));
        s = add2(s, dq * (-PI_B2 * 0.5f));
        s = add2(s, dq * (-PI_C2 * 0.5f));
        float r = polynomial(s);
        return (q & 2) == 0 ? -r : r;
    }

    private static float polynomial(float[] t) {
        float[] s = square(t);
        float u = 2.6083159809786593541503e-06f;
        u = Math.fma(u, s[0], -0.0001981069071916863322258f);
        u = Math.fma(u, s[0], 0.00833307858556509017944336f);
        float[] x = add(1f, mul(add(-0.166666597127914428710938f, u * s[0]), s));
        return Math.fma(t[0], x[0], Math.fma(t[1], x[0], t[0] * x[1]));
    }

    // Double-float helpers (SLEEF df.h, FMA variants); a pair is {high, low}.

    private static float[] add(float x, float y) {
        float s = x + y;
        return new float[] {s, (x - s) + y};
    }

    private static float[] add(float x, float[] y) {
        float s = x + y[0];
        return new float[] {s, ((x - s) + y[0]) + y[1]};
    }

    private static float[] add(float[] x, float y) {
        float s = x[0] + y;
        return new float[] {s, ((x[0] - s) + y) + x[1]};
    }

    private static float[] add2(float x, float y) {
        float s = x + y;
        float v = s - x;
        return new float[] {s, (x - (s - v)) + (y - v)};
    }

    private static float[] add2(float[] x, float y) {
        float s = x[0] + y;
        float v = s - x[0];
        return new float[] {s, ((x[0] - (s - v)) + (y - v)) + x[1]};
    }

    private static float[] square(float[] x) {
        float s = x[0] * x[0];
        return new float[] {s, Math.fma(x[0] + x[0], x[1], Math.fma(x[0], x[0], -s))};
    }

    private static float[] mul(float[] x, float[] y) {
        float s = x[0] * y[0];
        return new float[] {s, Math.fma(x[0], y[1], Math.fma(x[1], y[0], Math.fma(x[0], y[0], -s)))};
    }
}
