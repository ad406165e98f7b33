package org.modsweep.analysis.plots;

import java.util.Arrays;

/** Kernel density outline of a violin (Gaussian kernel, Scott's bandwidth as matplotlib's violinplot uses). */
public final class Violin {

    private Violin() {}

    /** Returns {ys, densities} over 100 points between min and max; densities scaled so the maximum is 1. */
    public static double[][] outline(double[] data) {
        double[] d = Arrays.stream(data).filter(Double::isFinite).toArray();
        int n = d.length;
        double[] ys = new double[100];
        double[] dens = new double[100];
        if (n == 0) {
            return new double[][] {ys, dens};
        }
        double min = Arrays.stream(d).min().orElse(0);
        double max = Arrays.stream(d).max().orElse(0);
        double mean = Arrays.stream(d).average().orElse(0);
        double var = 0;
        for (double v : d) {
            var += (v - mean) * (v - mean);
        }
        double sd = n > 1 ? Math.sqrt(var / (n - 1)) : 0;
        double bw = Math.pow(n, -0.2) * sd;
        if (!(bw > 0)) {
            bw = Math.max(1e-12, Math.abs(mean) * 1e-3 + 1e-12);
        }
        double peak = 0;
        for (int i = 0; i < 100; i++) {
            ys[i] = min + (max - min) * i / 99.0;
            double s = 0;
            for (double v : d) {
                double z = (ys[i] - v) / bw;
                s += Math.exp(-0.5 * z * z);
            }
            dens[i] = s;
            peak = Math.max(peak, s);
        }
        for (int i = 0; i < 100; i++) {
            dens[i] = peak > 0 ? dens[i] / peak : 0;
        }
        return new double[][] {ys, dens};
    }
}
