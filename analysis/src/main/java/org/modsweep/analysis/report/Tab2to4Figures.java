package org.modsweep.analysis.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.modsweep.analysis.fourier.DecodedWeights;
import org.modsweep.analysis.fourier.FourierBasis;
import org.modsweep.analysis.fourier.NeuronPhases;
import org.modsweep.analysis.fourier.TopTwoFit;
import org.modsweep.analysis.neurons.NeuronSelection;
import org.modsweep.analysis.plots.CellMarks;
import org.modsweep.analysis.plots.ColorMap;
import org.modsweep.analysis.plots.DataLayer;
import org.modsweep.analysis.plots.Figure;
import org.modsweep.analysis.plots.Heatmap;
import org.modsweep.analysis.plots.Palette;
import org.modsweep.analysis.plots.Plot;
import org.modsweep.analysis.plots.Style;
import org.modsweep.analysis.plots.Violin;
import org.modsweep.core.parquet.Checkpoint;

/** Tab 2 (Fourier weights), Tab 3 (phase distribution, magnitudes) and Tab 4 (output logits) figures. */
final class Tab2to4Figures {

    private Tab2to4Figures() {
    }

    /** Signed DFT rows of the given neurons: input layer (inHat) or output layer (outHat). */
    static double[][] dftRows(DecodedWeights d, int[] neurons, boolean input) {
        double[][] m = new double[neurons.length][];
        for (int i = 0; i < neurons.length; i++) {
            m[i] = input ? d.inRow(neurons[i]) : d.outRow(neurons[i]);
        }
        return m;
    }

    /** dft_heatmap_in/out.png: the frequency-sorted neurons × p DFT coefficients, diverging ±max. */
    static Figure dftHeatmap(DecodedWeights d, int[] sortedNeurons, boolean input) {
        int p = d.p();
        double[][] m = dftRows(d, sortedNeurons, input);
        Figure f = Figure.inches(Math.max(6, 0.35 * p), Math.max(5, 0.3 * m.length + 2));
        List<String> names = FourierBasis.of(p).names();
        new Heatmap(m, ColorMap.diverging(Plot.maxAbs(m)))
                .title(input ? "First-Layer θₘ (W_E) after DFT" : "Second-Layer ξₘ (W_L) after DFT", 16)
                .axes("Fourier Component", "Neuron #", 12)
                .ticks(names::get, Integer::toString, 10, 90)
                .place(f, 0, 0, f.width(), f.height());
        return f;
    }

    /** lineplot_in/out.png: rows 0, 6, 12 of the sorted list, raw weights and the top-2 Fourier fit. */
    static Figure lineplot(Checkpoint fin, int[] sortedNeurons, boolean input) {
        int p = fin.wIn().cols();
        int m = fin.wIn().rows();
        int[] rows = NeuronSelection.lineplotRows(sortedNeurons.length);
        Figure f = Figure.inches(Math.max(8, 0.35 * p), 8);
        int titleH = Style.px(0.45);
        int h = (f.height() - titleH) / Math.max(1, rows.length);
        double[] x = Plot.range(p);
        for (int i = 0; i < rows.length; i++) {
            int neuron = sortedNeurons[rows[i]];
            double[] w = new double[p];
            for (int j = 0; j < p; j++) {
                w[j] = input ? fin.wIn().values()[neuron * p + j] : fin.wOut().values()[j * m + neuron];
            }
            double[] fit = TopTwoFit.fit(w);
            XYChart c = Tab1Figures.panel(f.width(), h, null, i == rows.length - 1 ? "Input Dimension" : null,
                    "Neuron #" + (i + 1));
            c.getStyler().setAxisTitleFont(Style.font(13));
            c.getStyler().setMarkerSize((int) Style.pt(5));
            XYSeries a = Plot.line(c, "Actual", x, w, Palette.NAVY, Style.dotted(1.5), SeriesMarkers.CIRCLE);
            a.setMarkerColor(Palette.NAVY);
            Plot.line(c, "Fitted", x, fit, Palette.alpha(Palette.DARK_RED, 0.7), Style.dotted(1.5), SeriesMarkers.CIRCLE);
            Plot.yRange(c, -0.9, 0.9);
            Plot.xRange(c, -0.5, p - 0.5);
            Plot.integerXTicks(c, p, Integer::toString);
            c.getStyler().setXAxisTicksVisible(i == rows.length - 1);
            c.getStyler().setPlotGridLinesVisible(true);
            c.getStyler().setPlotGridLinesStroke(Style.dashed(0.5));
            c.getStyler().setPlotGridLinesColor(new Color(0xC8C8C8));
            Plot.legend(c, Styler.LegendPosition.InsideNE, 12);
            f.add(c, 0, titleH + i * h, f.width(), h);
        }
        f.text(input ? "First-Layer Parameters θₘ" : "Second-Layer Parameters ξₘ", 18, f.width() / 2,
                (int) (titleH * 0.8));
        return f;
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
            Plot.polygon(c, px, py, Palette.alpha(Palette.NAVY, 0.7), Palette.alpha(Palette.NAVY, 0.9), Style.stroke(0.8));
            double[] s = d.clone();
            java.util.Arrays.sort(s);
            double min = s.length == 0 ? 0 : s[0];
            double max = s.length == 0 ? 0 : s[s.length - 1];
            double med = s.length == 0 ? 0 : (s.length % 2 == 1 ? s[s.length / 2] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]));
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

    /** output_logits.png: logits of pairs (0, i) (columns) per output class (rows), with the three marked cells. */
    static Figure outputLogits(double[][] allLogits, int p) {
        double maxAbs = 0;
        for (double[] z : allLogits) {
            for (double v : z) {
                maxAbs = Math.max(maxAbs, Math.abs(v));
            }
        }
        double[][] m = new double[p][p];
        boolean[][] marks = new boolean[p][p];
        for (int i = 0; i < p; i++) {
            for (int c = 0; c < p; c++) {
                m[c][i] = allLogits[i][c]; // pair (0, i) has canonical index i
            }
            marks[0][i] = true;
            marks[(2 * i) % p][i] = true;
            marks[i % p][i] = true;
        }
        Figure f = Figure.inches(7, 6);
        int step = p <= 50 ? 1 : Math.max(1, p / 25);
        Heatmap hm = new Heatmap(m, ColorMap.diverging(0.8 * maxAbs))
                .axes("Input Pair", "Output", 18)
                .ticks(i -> i % step == 0 ? "(0," + i + ")" : Plot.blank(i), Integer::toString, p > 30 ? 9 : 14, 90)
                .place(f, 0, 0, f.width(), f.height());
        new DataLayer() { // faint dotted vertical grid at every pair
            @Override
            protected void draw(Graphics2D g) {
                g.setColor(Palette.alpha(Color.GRAY, 0.2));
                g.setStroke(Style.dotted(0.8));
                for (int i = 0; i < p; i += step) {
                    int x = (int) Math.round(sx(i));
                    g.drawLine(x, (int) sy(p - 0.5), x, (int) sy(-0.5));
                }
            }
        }.addTo(hm.chart());
        new CellMarks(marks, Palette.alpha(Palette.NAVY, 0.9), 1.6).addTo(hm.chart());
        return f;
    }
}
