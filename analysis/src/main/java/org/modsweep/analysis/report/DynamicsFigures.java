package org.modsweep.analysis.report;

import java.awt.Color;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.modsweep.analysis.dynamics.GradientDynamics;
import org.modsweep.analysis.fourier.Angles;
import org.modsweep.analysis.plots.Figure;
import org.modsweep.analysis.plots.Palette;
import org.modsweep.analysis.plots.Plot;
import org.modsweep.analysis.plots.Style;
import org.modsweep.analysis.simulation.DecoupledOde;

/** Tab 7 (single-frequency gradient dynamics) and Tab 8 (decoupled ODE) figures. */
final class DynamicsFigures {

    private DynamicsFigures() {}

    /** phase_align_quad.png (8×6 in) / phase_align_relu.png (5×6 in). */
    static Figure phaseAlign(GradientDynamics.Trajectory t, double widthInches) {
        Figure f = Figure.inches(widthInches, 6);
        int h = f.height() / 2;
        XYChart top = Panels.xy(f.width(), h, "Phase Alignment of Neuron " + t.neuron(), null, null);
        top.getStyler().setChartTitleFont(Style.font(14));
        top.getStyler().setMarkerSize((int) Style.pt(4));
        Plot.line(top, "φ*", t.epochs(), t.phi(), Palette.GREY, Style.stroke(1), SeriesMarkers.CIRCLE);
        Plot.line(top, "ψ*", t.epochs(), t.psi(), Palette.DARK_RED, Style.stroke(1), SeriesMarkers.CROSS);
        Plot.line(top, "2φ*", t.epochs(), t.twoPhi(), Palette.NAVY, Style.stroke(1), SeriesMarkers.TRIANGLE_UP);
        Style.grid(top, 0.4, false);
        Plot.legend(top, Styler.LegendPosition.InsideNE, 14);
        top.getStyler().setXAxisTicksVisible(false);
        XYChart bottom = Panels.xy(f.width(), h, "Magnitude Growth of Neuron " + t.neuron(), "Step", null);
        bottom.getStyler().setChartTitleFont(Style.font(14));
        bottom.getStyler().setMarkerSize((int) Style.pt(4));
        Plot.line(bottom, "α*", t.epochs(), t.alpha(), Palette.NAVY, Style.stroke(1), SeriesMarkers.CIRCLE);
        Plot.line(bottom, "β*", t.epochs(), t.beta(), Palette.DARK_RED, Style.stroke(1), SeriesMarkers.CROSS);
        Style.grid(bottom, 0.4, false);
        Plot.legend(bottom, Styler.LegendPosition.InsideNW, 14);
        if (t.epochs().length > 0) {
            double x0 = t.epochs()[0];
            double x1 = Math.max(x0 + 1, t.epochs()[t.epochs().length - 1]);
            Plot.xRange(top, x0, x1);
            Plot.xRange(bottom, x0, x1);
        }
        return f.add(top, 0, 0, f.width(), h).add(bottom, 0, h, f.width(), f.height() - h);
    }

    /** phase_align_approx1/2.png: the decoupled ODE's phases, phase differences and magnitudes over time. */
    static Figure analytical(DecoupledOde ode, boolean caseOne) {
        Figure f = Figure.inches(7, 9);
        int titleH = Style.px(0.5);
        int h = (f.height() - titleH) / 3;
        int steps = ode.steps();
        double[] time = new double[steps + 1];
        for (int i = 0; i <= steps; i++) {
            time[i] = i * ode.lr();
        }
        double tMax = time[steps];
        int k0 = ode.k0();
        int kMax = ode.frequencies();
        XYChart phase = Panels.xy(f.width(), h, "Dynamics of Phase Alignment", null, "Phase (radians)");
        XYChart diff = Panels.xy(f.width(), h, "Dynamics of Phase Difference", null, "Phase Difference");
        XYChart mag = Panels.xy(f.width(), h, "Magnitude Evolution", "Time", "Magnitude");
        mag.getStyler().setAxisTitleFont(Style.font(14));
        Color grey = Palette.alpha(Color.GRAY, 0.4);
        double[][] ranges = {
            {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY},
            {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY},
            {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}
        };
        for (int pass = 0; pass < 2; pass++) {
            for (int k = 1; k <= kMax; k++) {
                boolean hero = k == k0;
                if (hero != (pass == 1)) {
                    continue; // grey curves first, the initialised frequency on top
                }
                double[][] ph = seamFixed(ode.phi()[k], ode.psi()[k]);
                double[] d = ode.delta()[k];
                if (hero) {
                    Plot.line(phase, "ψₖ*", time, ph[1], Palette.DARK_RED, Style.stroke(2.5), null);
                    Plot.line(phase, "2φₖ*", time, ph[0], Palette.NAVY, Style.stroke(2.5), null);
                    Plot.line(diff, "Dₖ*", time, d, Palette.NAVY, Style.stroke(2.5), null);
                    Plot.line(mag, "αₖ*", time, ode.alpha()[k], Palette.NAVY, Style.stroke(2.5), null);
                    Plot.line(mag, "βₖ*", time, ode.beta()[k], Palette.DARK_RED, Style.stroke(2.5), null);
                } else {
                    Plot.line(phase, null, time, ph[1], grey, Style.stroke(1.5), null);
                    Plot.line(phase, null, time, ph[0], grey, Style.dashed(1.5), null);
                    Plot.line(diff, null, time, d, grey, Style.stroke(1.5), null);
                    Plot.line(mag, null, time, ode.alpha()[k], grey, Style.stroke(1.5), null);
                    Plot.line(mag, null, time, ode.beta()[k], grey, Style.dashed(1.5), null);
                }
                widen(ranges[0], ph[0], ph[1]);
                widen(ranges[1], d);
                widen(ranges[2], ode.alpha()[k], ode.beta()[k]);
            }
        }
        XYChart[] charts = {phase, diff, mag};
        for (int i = 0; i < 3; i++) {
            double lo = ranges[i][0];
            double hi = ranges[i][1];
            if (!(lo <= hi)) {
                lo = -1;
                hi = 1;
            }
            double pad = 0.05 * Math.max(hi - lo, 1e-12);
            Plot.yRange(charts[i], lo - pad, hi + pad);
            Plot.xRange(charts[i], 0, tMax);
            Style.grid(charts[i], 0.3, false);
            Plot.legend(charts[i], Styler.LegendPosition.InsideNE, 13);
            if (caseOne) {
                double x = 0.36 * 1400 * 1;
                Plot.vline(charts[i], x, lo - pad, hi + pad, Color.GRAY, Style.dashed(1.5));
            }
        }
        if (caseOne) {
            Plot.hline(diff, Math.PI / 2, 0, tMax, Color.GRAY, Style.dashed(1.5));
            org.knowm.xchart.AnnotationText label = new org.knowm.xchart.AnnotationText(
                    "D*ₖ* = π/2", 0.05 * tMax + 0.09 * tMax, Math.PI / 2 - 0.45, false);
            diff.getStyler().setAnnotationTextFont(Style.font(14));
            diff.addAnnotation(label);
        }
        phase.getStyler().setXAxisTicksVisible(false);
        diff.getStyler().setXAxisTicksVisible(false);
        f.add(phase, 0, titleH, f.width(), h)
                .add(diff, 0, titleH + h, f.width(), h)
                .add(mag, 0, titleH + 2 * h, f.width(), h);
        f.text("Decoupled Gradient Flow (p=" + ode.p() + ")", 20, f.width() / 2, (int) (titleH * 0.8));
        return f;
    }

    /** 2φ normalised, ψ moved within π of it, both unwrapped over the whole series (science.md §5.11 step 4). */
    static double[][] seamFixed(double[] phi, double[] psi) {
        int n = phi.length;
        double[] two = new double[n];
        double[] ps = new double[n];
        for (int i = 0; i < n; i++) {
            two[i] = Angles.normalizeToPi(2 * phi[i]);
            ps[i] = Angles.nearDiagonal(Angles.normalizeToPi(psi[i]), two[i]);
        }
        return new double[][] {Angles.unwrap(two), Angles.unwrap(ps)};
    }

    private static void widen(double[] range, double[]... xs) {
        for (double[] a : xs) {
            for (double v : a) {
                if (Double.isFinite(v)) {
                    range[0] = Math.min(range[0], v);
                    range[1] = Math.max(range[1], v);
                }
            }
        }
    }
}
