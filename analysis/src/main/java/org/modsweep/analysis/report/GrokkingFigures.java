package org.modsweep.analysis.report;

import java.awt.Color;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.modsweep.analysis.fourier.DecodedWeights;
import org.modsweep.analysis.fourier.RealFourierBasis;
import org.modsweep.analysis.grokking.Stages;
import org.modsweep.analysis.grokking.TrainingSplit;
import org.modsweep.analysis.plots.CellMarks;
import org.modsweep.analysis.plots.ColorMap;
import org.modsweep.analysis.plots.Figure;
import org.modsweep.analysis.plots.Heatmap;
import org.modsweep.analysis.plots.Palette;
import org.modsweep.analysis.plots.Plot;
import org.modsweep.analysis.plots.Style;

/**
 * The grokking run's figures (loss, accuracy, phase difference, IPR, memorisation grids, decoded weights) and the
 * "weights after DFT across epochs" grid they share with the single-frequency snapshots.
 */
final class GrokkingFigures {

    private GrokkingFigures() {}

    static Figure loss(GrokkingRunAnalysis g) {
        return loss(g.run().curves().trainLoss(), g.run().curves().testLoss(), g.stages());
    }

    static Figure accuracy(GrokkingRunAnalysis g) {
        return accuracy(g.epochs(), g.trainAcc(), g.testAcc(), g.stages());
    }

    static Figure absPhaseDiff(GrokkingRunAnalysis g) {
        return absPhaseDiff(g.epochs(), g.meanAbsSinD(), g.stages());
    }

    static Figure avgIpr(GrokkingRunAnalysis g) {
        double[] paramNorm = Curves.sample(g.run().curves().paramNorm(), 200, g.epochs().length);
        return avgIpr(g.epochs(), g.ipr(), paramNorm, g.stages());
    }

    static Figure memorisationAccuracy(GrokkingRunAnalysis g) {
        TrainingSplit split = g.requireSplit();
        return memorisationAccuracy(
                split.symmetryMask(),
                g.accuracyGrids().get(g.memorisationEpoch()),
                g.memorisationSoftmax(),
                split.trueTestPoints());
    }

    static Figure commonToRare(GrokkingRunAnalysis g) {
        TrainingSplit split = g.requireSplit();
        return commonToRare(
                split.commonRareMask(),
                g.commonToRareEpochs(),
                g.gridsAt(g.commonToRareEpochs()),
                split.asymmetricTrainPairs());
    }

    /** grokk_decoded_weights_dynamic.png: decoded weights at the key checkpoints 0, ≈s1, ≈s2. */
    static Figure decodedAtKeyEpochs(GrokkingRunAnalysis g) {
        List<DecodedWeights> d = new java.util.ArrayList<>();
        for (int e : g.keyEpochs()) {
            d.add(g.keyDecoded().get(e));
        }
        return decodedAcrossEpochs(g.keyEpochs(), d, 0.85);
    }

    /** single_freq_quad/relu.png: a single-frequency run's decoded weights at epochs ≈ 0, 1000, 5000. */
    static Figure snapshots(SingleFreqRunAnalysis a) {
        return decodedAcrossEpochs(a.snapshotEpochs(), a.snapshotsInOrder(), 1.0);
    }

    private static XYChart square(String x, String y) {
        XYChart c = Panels.xy(Style.px(4), Style.px(4), null, x, y);
        c.getStyler().setAxisTitleFont(Style.font(16));
        return c;
    }

    /** Stage I/II/III bands and dashed boundaries over y ∈ [y0, y1]. */
    static void stages(XYChart c, Stages s, double end, double y0, double y1) {
        Plot.span(c, 0, s.stage1End(), y0, y1, Palette.STAGE1);
        Plot.span(c, s.stage1End(), Math.min(s.stage2End(), Math.max(end, s.stage2End())), y0, y1, Palette.STAGE2);
        Plot.span(c, s.stage2End(), Math.max(end, s.stage2End()), y0, y1, Palette.STAGE3);
        Plot.vline(c, s.stage1End(), y0, y1, Color.BLACK, Style.dashed(1));
        Plot.vline(c, s.stage2End(), y0, y1, Color.BLACK, Style.dashed(1));
    }

    static double[] finiteRange(double[]... xs) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] a : xs) {
            for (double v : a) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (!(lo <= hi)) {
            return new double[] {0, 1};
        }
        double pad = 0.05 * Math.max(hi - lo, 1e-12);
        return new double[] {lo - pad, hi + pad};
    }

    /** grokk_loss.png: full per-epoch train/test loss with stage shading. */
    static Figure loss(double[] train, double[] test, Stages s) {
        int n = Math.min(train.length, test.length);
        double[] x = Plot.range(n);
        double[] tr = java.util.Arrays.copyOf(train, n);
        double[] te = java.util.Arrays.copyOf(test, n);
        double[] yr = finiteRange(tr, te);
        XYChart c = square("Step", "Loss");
        stages(c, s, n - 1, yr[0], yr[1]);
        Plot.line(c, "Train", x, tr, Palette.NAVY, Style.stroke(2), null);
        Plot.line(c, "Test", x, te, Palette.DARK_RED, Style.stroke(2), null);
        Plot.yRange(c, yr[0], yr[1]);
        Plot.xRange(c, 0, Math.max(n - 1, s.stage2End()));
        Style.grid(c, 0.5, true);
        Plot.legend(c, Styler.LegendPosition.InsideNE, 14);
        return Figure.of(c);
    }

    /** grokk_acc.png: checkpoint accuracies on the stored split. */
    static Figure accuracy(int[] epochs, double[] train, double[] test, Stages s) {
        double[] x = Plot.toDouble(epochs);
        XYChart c = square("Step", "Accuracy");
        double last = x.length == 0 ? 0 : x[x.length - 1];
        stages(c, s, last, -0.02, 1.02);
        Plot.line(c, "Train", x, train, Palette.NAVY, Style.stroke(2.5), null);
        Plot.line(c, "Test", x, test, Palette.DARK_RED, Style.stroke(2.5), null);
        Plot.yRange(c, -0.02, 1.02);
        Plot.xRange(c, 0, Math.max(last, s.stage2End()));
        Plot.legend(c, Styler.LegendPosition.InsideSE, 14);
        return Figure.of(c);
    }

    /** grokk_abs_phase_diff.png: mean |sin D_m| over the first ≤ 100 checkpoints. */
    static Figure absPhaseDiff(int[] epochs, double[] meanAbsSin, Stages s) {
        double[] x = Plot.toDouble(java.util.Arrays.copyOf(epochs, meanAbsSin.length));
        double last = x.length == 0 ? 0 : x[x.length - 1];
        XYChart c = square("Step", "Average Value");
        stages(c, s, last, 0, 0.65);
        c.getStyler().setMarkerSize((int) Style.pt(5));
        Plot.line(c, "Avg. |sin(D*ₘ)|", x, meanAbsSin, Palette.BROWN, Style.stroke(1.5), SeriesMarkers.CROSS);
        Plot.yRange(c, 0, 0.65);
        Plot.xRange(c, 0, Math.max(last, s.stage2End()));
        Style.grid(c, 0.5, true);
        Plot.legend(c, Styler.LegendPosition.InsideNE, 14);
        return Figure.of(c);
    }

    /** grokk_avg_ipr.png: Avg. IPR (left axis) and parameter norm (right axis) per checkpoint. */
    static Figure avgIpr(int[] epochs, double[] ipr, double[] paramNorm, Stages s) {
        double[] x = Plot.toDouble(epochs);
        double last = x.length == 0 ? 0 : x[x.length - 1];
        XYChart c = square("Step", "Avg. IPR");
        c.setYAxisGroupTitle(1, "Param. Norm");
        c.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        stages(c, s, last, 0, 1.05);
        c.getStyler().setMarkerSize((int) Style.pt(3));
        Plot.line(c, "Avg. IPR", x, ipr, Palette.BROWN, Style.stroke(1.5), SeriesMarkers.CROSS);
        double[] xn = java.util.Arrays.copyOf(x, paramNorm.length);
        XYSeries pn =
                Plot.line(c, "Param. Norm", xn, paramNorm, Palette.SLATE, Style.stroke(1.5), SeriesMarkers.CIRCLE);
        pn.setYAxisGroup(1);
        c.getStyler().setYAxisMin(0, 0.0);
        c.getStyler().setYAxisMax(0, 1.05);
        c.getStyler().setYAxisGroupTickLabelsColorMap(1, Palette.SLATE);
        c.getStyler().setYAxisGroupTitleColor(1, Palette.SLATE);
        Plot.xRange(c, 0, Math.max(last, s.stage2End()));
        Plot.legend(c, Styler.LegendPosition.InsideSE, 14);
        return Figure.of(c);
    }

    /** A p×p grid image, row = first input, with red squares and a sequential map from 0. */
    private static Heatmap grid(double[][] values, double vmax, String title, boolean firstPanel, boolean colorbar) {
        int p = values.length;
        int step = p <= 40 ? 1 : Math.max(1, p / 20);
        return new Heatmap(values, ColorMap.sequential(0, vmax))
                .title(title, 16)
                .axes("Second Input", firstPanel ? "First Input" : null, 14)
                .ticks(
                        i -> i % step == 0 ? Integer.toString(i) : Plot.blank(i),
                        i -> i % step == 0 ? Integer.toString(i) : Plot.blank(i),
                        p > 30 ? 8 : 11,
                        0)
                .colorbar(colorbar)
                .square(true);
    }

    private static void panels(
            Figure f, List<Heatmap> maps, double[] ratios, boolean[][] marks, Color markColor, double markPoints) {
        double total = 0;
        for (double r : ratios) {
            total += r;
        }
        int x = 0;
        for (int i = 0; i < maps.size(); i++) {
            int w = (int) Math.round(f.width() * ratios[i] / total);
            Heatmap h = maps.get(i).place(f, x, 0, w, f.height());
            new CellMarks(marks, markColor, markPoints).addTo(h.chart());
            x += w;
        }
    }

    /** grokk_memorization_accuracy.png: training mask under symmetry, accuracy and softmax at the ground truth. */
    static Figure memorisationAccuracy(
            double[][] symmetryMask, double[][] accuracy, double[][] softmax, boolean[][] trueTest) {
        Figure f = Figure.inches(20, 6);
        double smax = Plot.maxAbs(softmax);
        panels(
                f,
                List.of(
                        grid(symmetryMask, 1, "Training Data under Symmetry", true, false),
                        grid(accuracy, 1, "Accuracy before Grokking", false, false),
                        grid(softmax, smax > 0 ? smax : 1, "Softmax Weight at Ground-Truth", false, true)),
                new double[] {1, 1, 1.1},
                trueTest,
                Color.RED,
                2.5);
        return f;
    }

    /** grokk_memorization_common_to_rare.png: the common/rare mask and accuracy at three early epochs. */
    static Figure commonToRare(double[][] mask, int[] epochs, List<double[][]> grids, boolean[][] asymmetric) {
        Figure f = Figure.inches(26, 6);
        List<Heatmap> maps = new java.util.ArrayList<>();
        maps.add(grid(mask, 1, "Training Data Distribution", true, false));
        for (int i = 0; i < grids.size(); i++) {
            maps.add(grid(grids.get(i), 1, "Accuracy at Step " + epochs[i], false, i == grids.size() - 1));
        }
        double[] ratios = new double[maps.size()];
        java.util.Arrays.fill(ratios, 1);
        ratios[ratios.length - 1] = 1.1;
        panels(f, maps, ratios, asymmetric, Color.RED, 2);
        return f;
    }

    /**
     * The 2 × n grid of DFT heat-maps of neurons 0..19 at key epochs: row 0 θ_m (±max), row 1 ξ_m (±outScale·max).
     * Used by grokk_decoded_weights_dynamic.png (outScale 0.85) and single_freq_*.png (1.0).
     */
    static Figure decodedAcrossEpochs(int[] epochs, List<DecodedWeights> decoded, double outScale) {
        int n = epochs.length;
        Figure f = n <= 2 ? Figure.inches(12, 4 * n) : Figure.inches(18, 3.3 * n);
        int w = f.width() / n;
        int h = f.height() / 2;
        for (int i = 0; i < n; i++) {
            DecodedWeights d = decoded.get(i);
            int shown = Math.min(20, d.neurons());
            int[] idx = new int[shown];
            for (int k = 0; k < shown; k++) {
                idx[k] = k;
            }
            List<String> names = RealFourierBasis.of(d.p()).names();
            double[][] in = FourierWeightFigures.dftRows(d, idx, true);
            double[][] out = FourierWeightFigures.dftRows(d, idx, false);
            new Heatmap(in, ColorMap.diverging(Plot.maxAbs(in)))
                    .title("Step " + epochs[i] + ", θₘ after DFT", 14)
                    .axes(null, i == 0 ? "Neuron #" : null, 12)
                    .ticks(names::get, Integer::toString, d.p() > 40 ? 7 : 11, 90)
                    .place(f, i * w, 0, w, h);
            new Heatmap(out, ColorMap.diverging(outScale * Plot.maxAbs(out)))
                    .title("Step " + epochs[i] + ", ξₘ after DFT", 14)
                    .axes(null, i == 0 ? "Neuron #" : null, 12)
                    .ticks(names::get, Integer::toString, d.p() > 40 ? 7 : 11, 90)
                    .place(f, i * w, h, w, h);
        }
        return f;
    }
}
