package org.modsweep.analysis.fourier;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The real orthonormal Fourier basis F [p, p] of science.md §3.1, in double: row 0 constant, rows 2k-1 / 2k the
 * normalised cos / sin of frequency k. Coefficients of a vector w are {@code F @ w}; since F is orthonormal,
 * {@code F^T @ q} reconstructs it. This is the decoding basis; the float32 one that single-frequency initialisation
 * builds, rounded as torch rounds it, is the worker's {@code TorchOrderFourierBasis}.
 */
public final class RealFourierBasis {

    private static final Map<Integer, RealFourierBasis> CACHE = new ConcurrentHashMap<>();

    private final int p;
    /** Row-major [p][p]. */
    private final double[] f;

    private final List<String> names;

    private RealFourierBasis(int p) {
        if (p < 2) {
            throw new IllegalArgumentException("Fourier basis needs p >= 2, got " + p);
        }
        this.p = p;
        this.f = new double[p * p];
        List<String> n = new ArrayList<>(p);
        double c0 = 1.0 / Math.sqrt(p);
        for (int j = 0; j < p; j++) {
            f[j] = c0;
        }
        n.add("Const");
        for (int i = 1; i <= p / 2; i++) {
            int rc = 2 * i - 1;
            int rs = 2 * i;
            if (rs >= p) { // even p: the last row is cos(pi j), normalised
                fillNormalised(rc, j -> Math.cos(Math.PI * j));
                n.add("cos " + i);
                break;
            }
            final int k = i;
            fillNormalised(rc, j -> Math.cos(2 * Math.PI * k * j / p));
            fillNormalised(rs, j -> Math.sin(2 * Math.PI * k * j / p));
            n.add("cos " + i);
            n.add("sin " + i);
        }
        this.names = Collections.unmodifiableList(n);
    }

    private void fillNormalised(int row, java.util.function.IntToDoubleFunction fn) {
        double ss = 0;
        for (int j = 0; j < p; j++) {
            double v = fn.applyAsDouble(j);
            f[row * p + j] = v;
            ss += v * v;
        }
        double norm = Math.sqrt(ss);
        for (int j = 0; j < p; j++) {
            f[row * p + j] /= norm;
        }
    }

    public static RealFourierBasis of(int p) {
        return CACHE.computeIfAbsent(p, RealFourierBasis::new);
    }

    public int p() {
        return p;
    }

    /** Number of non-constant frequencies K = (p-1)/2 for odd p. */
    public int frequencies() {
        return (p - 1) / 2;
    }

    public double get(int row, int col) {
        return f[row * p + col];
    }

    /** The basis as a fresh [p][p] array. */
    public double[][] matrix() {
        double[][] m = new double[p][p];
        for (int r = 0; r < p; r++) {
            System.arraycopy(f, r * p, m[r], 0, p);
        }
        return m;
    }

    /** "Const", "cos 1", "sin 1", …, "cos K", "sin K". */
    public List<String> names() {
        return names;
    }

    /** Coefficients q = F @ w of a vector given by {@code values[offset + j*stride]}, j = 0..p-1. */
    public double[] coefficients(float[] values, int offset, int stride) {
        double[] w = new double[p];
        for (int j = 0; j < p; j++) {
            w[j] = values[offset + j * stride];
        }
        return coefficients(w);
    }

    /** q = F @ w. */
    public double[] coefficients(double[] w) {
        double[] q = new double[p];
        for (int r = 0; r < p; r++) {
            double s = 0;
            int base = r * p;
            for (int j = 0; j < p; j++) {
                s += f[base + j] * w[j];
            }
            q[r] = s;
        }
        return q;
    }

    /** w = F^T @ q. */
    public double[] synthesize(double[] q) {
        double[] w = new double[p];
        for (int r = 0; r < p; r++) {
            double c = q[r];
            if (c == 0) {
                continue;
            }
            int base = r * p;
            for (int j = 0; j < p; j++) {
                w[j] += c * f[base + j];
            }
        }
        return w;
    }

    /** Shared row-major storage (read only by convention) for tight loops in this package. */
    double[] raw() {
        return f;
    }
}
