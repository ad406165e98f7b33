package org.modsweep.analysis.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.modsweep.analysis.fourier.Angles;
import org.modsweep.analysis.fourier.NeuronPhases;
import org.modsweep.analysis.neurons.NeuronSelection;
import org.modsweep.analysis.plots.DataLayer;
import org.modsweep.analysis.plots.Figure;
import org.modsweep.analysis.plots.Palette;
import org.modsweep.analysis.plots.Plot;
import org.modsweep.analysis.plots.Style;
import org.modsweep.analysis.plots.Violin;

/** The neurons' phases and magnitudes: the phase-alignment scatters, the phase rings and the magnitude violins. */
final class PhaseFigures {

    private static final String PSI_EQ = "ψₘ = 2φₘ";

    private PhaseFigures() {}

    /**
     * The phase-alignment scatter: x = wrap(2φ_m), y = ψ_m moved within π of x. The overview's ({@code normalisePsi},
     * limits ±π, α 0.6) and phase_relationship.png (raw ψ, limits ±1.1π, '.' markers).
     */
    static Figure phaseScatter(NeuronPhases ph, boolean overview) {
        int n = ph.neurons();
        double[] x = new double[n];
        double[] y = new double[n];
        for (int m = 0; m < n; m++) {
            x[m] = Angles.normalizeToPi(2 * ph.phi()[m]);
            double psi = overview ? Angles.normalizeToPi(ph.psi()[m]) : ph.psi()[m];
            y[m] = Angles.nearDiagonal(psi, x[m]);
        }
        XYChart c = Panels.xy(Style.px(5), Style.px(5), "Phase Alignment: " + PSI_EQ, "2φₘ", "ψₘ");
        c.getStyler().setChartTitleFont(Style.font(13));
        c.getStyler().setAxisTitleFont(Style.font(14));
        c.getStyler().setMarkerSize((int) Math.round(Style.pt(Math.sqrt(overview ? 12 : 20) * (overview ? 1 : 0.6))));
        Plot.line(
                c,
                PSI_EQ,
                new double[] {-Math.PI, Math.PI},
                new double[] {-Math.PI, Math.PI},
                Palette.alpha(Color.RED, 0.8),
                Style.stroke(3),
                null);
        Plot.scatter(c, null, x, y, overview ? Palette.alpha(Palette.NAVY, 0.6) : Palette.NAVY, SeriesMarkers.CIRCLE);
        double lim = overview ? Math.PI : 1.1 * Math.PI;
        Plot.xRange(c, -lim, lim);
        Plot.yRange(c, -lim, lim);
        Style.grid(c, 0.3, false);
        Plot.legend(c, Styler.LegendPosition.InsideNW, 12);
        return Figure.of(c);
    }

    /** phase_distribution.png: k·φ_m on rings of radius 1, .88, .76, .64 for the mode-frequency neurons. */
    static Figure phaseDistribution(NeuronPhases ph) {
        int mode = NeuronSelection.modeFrequency(ph.freq());
        int count = 0;
        for (int f : ph.freq()) {
            if (f == mode) {
                count++;
            }
        }
        double[] phis = new double[count];
        int i = 0;
        for (int m = 0; m < ph.neurons(); m++) {
            if (ph.freq()[m] == mode) {
                phis[i++] = ph.phi()[m];
            }
        }
        XYChart c = Style.xy(Style.px(4), Style.px(4));
        c.getStyler().setChartTitleVisible(false);
        c.setXAxisTitle("cos(φₘ)");
        c.setYAxisTitle("sin(φₘ)");
        c.getStyler().setAxisTitleFont(Style.font(19));
        c.getStyler().setAxisTicksVisible(false);
        c.getStyler().setPlotBorderVisible(false);
        c.getStyler().setMarkerSize((int) Style.pt(Math.sqrt(20)));
        double[] radii = {1.0, 0.88, 0.76, 0.64};
        String[] labels = {"φₘ", "2φₘ", "3φₘ", "4φₘ"};
        Color ring = Palette.alpha(Color.GRAY, 0.6);
        for (double r : radii) {
            double[] cx = new double[201];
            double[] cy = new double[201];
            for (int t = 0; t <= 200; t++) {
                cx[t] = r * Math.cos(2 * Math.PI * t / 200);
                cy[t] = r * Math.sin(2 * Math.PI * t / 200);
            }
            Plot.line(c, null, cx, cy, ring, Style.stroke(0.8), null);
        }
        for (int k = 1; k <= 4; k++) {
            double[] x = new double[count];
            double[] y = new double[count];
            for (int j = 0; j < count; j++) {
                x[j] = radii[k - 1] * Math.cos(k * phis[j]);
                y[j] = radii[k - 1] * Math.sin(k * phis[j]);
            }
            Plot.scatter(c, labels[k - 1], x, y, Palette.COLORS[k - 1], SeriesMarkers.CIRCLE);
        }
        Plot.xRange(c, -1.12, 1.12);
        Plot.yRange(c, -1.12, 1.3);
        Plot.legend(c, Styler.LegendPosition.InsideN, 13);
        c.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        c.getStyler().setLegendBorderColor(new Color(0, 0, 0, 0));
        return Figure.of(c);
    }

    /** magnitude_distribution.png: violins of all α_m (x = 1) and β_m (x = 2). */
    static Figure magnitudeDistribution(NeuronPhases ph) {
        XYChart c = Style.xy(Style.px(4), Style.px(4));
        c.getStyler().setChartTitleVisible(false);
        c.setXAxisTitle("");
        c.getStyler().setXAxisTitleVisible(false);
        c.setYAxisTitle("Magnitude");
        c.getStyler().setAxisTitleFont(Style.font(19));
        c.getStyler().setAxisTickLabelsFont(Style.font(12));
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        double[][] data = {ph.alpha(), ph.beta()};
        for (int v = 0; v < 2; v++) {
            double pos = v + 1;
            double[] d = data[v];
            double[][] o = Violin.outline(d);
            double[] ys = o[0];
            double[] dens = o[1];
            double[] px = new double[2 * ys.length + 1];
            double[] py = new double[2 * ys.length + 1];
            for (int i = 0; i < ys.length; i++) {
                px[i] = pos + 0.3 * dens[i];
                py[i] = ys[i];
                px[2 * ys.length - 1 - i] = pos - 0.3 * dens[i];
                py[2 * ys.length - 1 - i] = ys[i];
            }
            px[2 * ys.length] = px[0];
            py[2 * ys.length] = py[0];
            Plot.polygon(
                    c, px, py, Palette.alpha(Palette.NAVY, 0.7), Palette.alpha(Palette.NAVY, 0.9), Style.stroke(0.8));
            double[] s = d.clone();
            java.util.Arrays.sort(s);
            double min = s.length == 0 ? 0 : s[0];
            double max = s.length == 0 ? 0 : s[s.length - 1];
            double med = s.length == 0
                    ? 0
                    : (s.length % 2 == 1 ? s[s.length / 2] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]));
            double mean = java.util.Arrays.stream(s).average().orElse(0);
            BasicStroke bar = Style.stroke(1.5);
            Plot.vline(c, pos, min, max, Palette.NAVY, bar);
            Plot.hline(c, min, pos - 0.15, pos + 0.15, Palette.NAVY, bar);
            Plot.hline(c, max, pos - 0.15, pos + 0.15, Palette.NAVY, bar);
            Plot.hline(c, med, pos - 0.15, pos + 0.15, Palette.GOLD, Style.stroke(2));
            Plot.hline(c, mean, pos - 0.15, pos + 0.15, Palette.GOLD, Style.stroke(2));
            lo = Math.min(lo, min);
            hi = Math.max(hi, max);
        }
        double pad = 0.05 * Math.max(1e-9, hi - lo);
        if (Double.isFinite(lo) && Double.isFinite(hi)) {
            Plot.yRange(c, lo - pad, hi + pad);
        }
        Plot.xRange(c, 0.4, 2.6);
        // category labels under x = 1 and x = 2 (a tick formatter would put a tick at every polygon vertex)
        c.getStyler().setXAxisTicksVisible(false);
        c.setXAxisTitle(" ");
        c.getStyler().setXAxisTitleVisible(true);
        c.getStyler().setAxisTitleFont(Style.font(19));
        new DataLayer() {
            @Override
            protected void draw(Graphics2D g) {
                g.setColor(Color.BLACK);
                g.setFont(Style.font(14));
                FontMetrics fm = g.getFontMetrics();
                String[] labels = {"First-Layer", "Second-Layer"};
                int baseline = c.getHeight() - c.getStyler().getChartPadding() - fm.getDescent() - (int) Style.pt(4);
                for (int i = 0; i < 2; i++) {
                    int x = (int) sx(i + 1) - fm.stringWidth(labels[i]) / 2;
                    g.drawString(labels[i], x, baseline);
                }
            }
        }.addTo(c);
        Style.grid(c, 0.3, false);
        return Figure.of(c);
    }
}
