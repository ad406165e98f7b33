package org.modsweep.analysis.report;

import java.awt.Color;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.modsweep.analysis.fourier.Angles;
import org.modsweep.analysis.fourier.NeuronPhases;
import org.modsweep.analysis.plots.Figure;
import org.modsweep.analysis.plots.Palette;
import org.modsweep.analysis.plots.Plot;
import org.modsweep.analysis.plots.Style;

/** Tab 1 (overview) and Tab 3 (phase) figures: loss/IPR grid and the phase-alignment scatters. */
final class Tab1Figures {

    static final String PSI_EQ = "ψₘ = 2φₘ";

    private Tab1Figures() {
    }

    static XYChart panel(int w, int h, String title, String xTitle, String yTitle) {
        XYChart c = Style.xy(w, h);
        c.setTitle(title == null ? "" : title);
        c.getStyler().setChartTitleVisible(title != null);
        c.getStyler().setChartTitleFont(Style.font(13));
        c.setXAxisTitle(xTitle == null ? "" : xTitle);
        c.setYAxisTitle(yTitle == null ? "" : yTitle);
        c.getStyler().setXAxisTitleVisible(xTitle != null);
        c.getStyler().setYAxisTitleVisible(yTitle != null);
        return c;
    }

    /** overview_loss_ipr.png: 2 rows × (1 or 2) columns, (5·cols) × 7 in. */
    static Figure overviewLossIpr(double[] stdEpochs, double[] stdLoss, double[] stdIpr, double[] gEpochs,
                                  double[] gTrain, double[] gTest, double[] gIpr) {
        int cols = gEpochs == null ? 1 : 2;
        Figure f = Figure.inches(5 * cols, 7);
        int w = f.width() / cols;
        int h = f.height() / 2;
        XYChart loss = panel(w, h, "Standard (ReLU, full data)", null, "Loss");
        if (stdLoss != null && stdLoss.length > 0) {
            Plot.line(loss, "Train Loss", head(stdEpochs, stdLoss.length), stdLoss, Palette.NAVY, Style.stroke(1.5), null);
        }
        finish(loss, Styler.LegendPosition.InsideNE);
        XYChart ipr = panel(w, h, "Standard IPR", "Step", "IPR");
        Plot.line(ipr, "Avg. IPR", stdEpochs, stdIpr, Palette.DARK_RED, Style.stroke(1.5), null);
        Plot.yRange(ipr, 0, 1.05);
        finish(ipr, Styler.LegendPosition.InsideSE);
        f.add(loss, 0, 0, w, h).add(ipr, 0, h, w, h);
        if (cols == 2) {
            XYChart gl = panel(w, h, "Grokking (ReLU, 75% data, WD)", null, "Loss");
            Plot.line(gl, "Train Loss", head(gEpochs, gTrain.length), gTrain, Palette.NAVY, Style.stroke(1.5), null);
            Plot.line(gl, "Test Loss", head(gEpochs, gTest.length), gTest, Palette.DARK_RED, Style.stroke(1.5), null);
            finish(gl, Styler.LegendPosition.InsideNE);
            XYChart gi = panel(w, h, "Grokking IPR", "Step", "IPR");
            Plot.line(gi, "Avg. IPR", gEpochs, gIpr, Palette.DARK_RED, Style.stroke(1.5), null);
            Plot.yRange(gi, 0, 1.05);
            finish(gi, Styler.LegendPosition.InsideSE);
            f.add(gl, w, 0, w, h).add(gi, w, h, w, h);
        }
        return f;
    }

    private static double[] head(double[] xs, int n) {
        return java.util.Arrays.copyOf(xs, Math.min(n, xs.length));
    }

    private static void finish(XYChart c, Styler.LegendPosition where) {
        Style.grid(c, 0.4, false);
        Plot.legend(c, where, 11);
    }

    /**
     * The phase-alignment scatter: x = wrap(2φ_m), y = ψ_m moved within π of x. Tab 1 ({@code normalisePsi}, limits
     * ±π, α 0.6) and Tab 3 (raw ψ, limits ±1.1π, '.' markers).
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
        XYChart c = panel(Style.px(5), Style.px(5), "Phase Alignment: " + PSI_EQ, "2φₘ", "ψₘ");
        c.getStyler().setChartTitleFont(Style.font(13));
        c.getStyler().setAxisTitleFont(Style.font(14));
        c.getStyler().setMarkerSize((int) Math.round(Style.pt(Math.sqrt(overview ? 12 : 20) * (overview ? 1 : 0.6))));
        Plot.line(c, PSI_EQ, new double[] {-Math.PI, Math.PI}, new double[] {-Math.PI, Math.PI},
                Palette.alpha(Color.RED, 0.8), Style.stroke(3), null);
        Plot.scatter(c, null, x, y, overview ? Palette.alpha(Palette.NAVY, 0.6) : Palette.NAVY, SeriesMarkers.CIRCLE);
        double lim = overview ? Math.PI : 1.1 * Math.PI;
        Plot.xRange(c, -lim, lim);
        Plot.yRange(c, -lim, lim);
        Style.grid(c, 0.3, false);
        Plot.legend(c, Styler.LegendPosition.InsideNW, 12);
        return Figure.of(c);
    }
}
