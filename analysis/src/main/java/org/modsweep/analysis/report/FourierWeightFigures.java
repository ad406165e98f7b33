package org.modsweep.analysis.report;

import java.awt.Color;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.modsweep.analysis.fourier.DecodedWeights;
import org.modsweep.analysis.fourier.RealFourierBasis;
import org.modsweep.analysis.fourier.TopTwoFit;
import org.modsweep.analysis.neurons.NeuronSelection;
import org.modsweep.analysis.plots.ColorMap;
import org.modsweep.analysis.plots.Figure;
import org.modsweep.analysis.plots.Heatmap;
import org.modsweep.analysis.plots.Palette;
import org.modsweep.analysis.plots.Plot;
import org.modsweep.analysis.plots.Style;
import org.modsweep.core.parquet.Checkpoint;

/** The trained weights in the Fourier basis: DFT heat maps of both layers and raw weights with their top-2 fit. */
final class FourierWeightFigures {

    private FourierWeightFigures() {}

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
        List<String> names = RealFourierBasis.of(p).names();
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
            XYChart c = Panels.xy(
                    f.width(), h, null, i == rows.length - 1 ? "Input Dimension" : null, "Neuron #" + (i + 1));
            c.getStyler().setAxisTitleFont(Style.font(13));
            c.getStyler().setMarkerSize((int) Style.pt(5));
            XYSeries a = Plot.line(c, "Actual", x, w, Palette.NAVY, Style.dotted(1.5), SeriesMarkers.CIRCLE);
            a.setMarkerColor(Palette.NAVY);
            Plot.line(
                    c, "Fitted", x, fit, Palette.alpha(Palette.DARK_RED, 0.7), Style.dotted(1.5), SeriesMarkers.CIRCLE);
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
        f.text(input ? "First-Layer Parameters θₘ" : "Second-Layer Parameters ξₘ", 18, f.width() / 2, (int)
                (titleH * 0.8));
        return f;
    }
}
