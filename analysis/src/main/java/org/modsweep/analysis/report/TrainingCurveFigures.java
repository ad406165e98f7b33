package org.modsweep.analysis.report;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;
import org.modsweep.analysis.plots.Figure;
import org.modsweep.analysis.plots.Palette;
import org.modsweep.analysis.plots.Plot;
import org.modsweep.analysis.plots.Style;

/** overview_loss_ipr.png: the loss and Avg. IPR curves of the standard run and, for p ≥ 19, the grokking run. */
final class TrainingCurveFigures {

    private TrainingCurveFigures() {}

    /** The overview figure from the analyses; {@code g} is null when there is no grokking run to show. */
    static Figure lossAndIpr(StandardRunAnalysis s, GrokkingRunAnalysis g) {
        double[] stdLoss = Curves.atCheckpoints(s.run().curves().trainLoss(), s.epochs());
        if (g == null) {
            return overviewLossIpr(Curves.doubles(s.epochs()), stdLoss, s.ipr(), null, null, null, null);
        }
        return overviewLossIpr(
                Curves.doubles(s.epochs()),
                stdLoss,
                s.ipr(),
                Curves.doubles(g.epochs()),
                Curves.atCheckpoints(g.run().curves().trainLoss(), g.epochs()),
                Curves.atCheckpoints(g.run().curves().testLoss(), g.epochs()),
                g.ipr());
    }

    /** overview_loss_ipr.png: 2 rows × (1 or 2) columns, (5·cols) × 7 in. */
    private static Figure overviewLossIpr(
            double[] stdEpochs,
            double[] stdLoss,
            double[] stdIpr,
            double[] gEpochs,
            double[] gTrain,
            double[] gTest,
            double[] gIpr) {
        int cols = gEpochs == null ? 1 : 2;
        Figure f = Figure.inches(5 * cols, 7);
        int w = f.width() / cols;
        int h = f.height() / 2;
        XYChart loss = Panels.xy(w, h, "Standard (ReLU, full data)", null, "Loss");
        if (stdLoss != null && stdLoss.length > 0) {
            Plot.line(
                    loss,
                    "Train Loss",
                    head(stdEpochs, stdLoss.length),
                    stdLoss,
                    Palette.NAVY,
                    Style.stroke(1.5),
                    null);
        }
        finish(loss, Styler.LegendPosition.InsideNE);
        XYChart ipr = Panels.xy(w, h, "Standard IPR", "Step", "IPR");
        Plot.line(ipr, "Avg. IPR", stdEpochs, stdIpr, Palette.DARK_RED, Style.stroke(1.5), null);
        Plot.yRange(ipr, 0, 1.05);
        finish(ipr, Styler.LegendPosition.InsideSE);
        f.add(loss, 0, 0, w, h).add(ipr, 0, h, w, h);
        if (cols == 2) {
            XYChart gl = Panels.xy(w, h, "Grokking (ReLU, 75% data, WD)", null, "Loss");
            Plot.line(gl, "Train Loss", head(gEpochs, gTrain.length), gTrain, Palette.NAVY, Style.stroke(1.5), null);
            Plot.line(gl, "Test Loss", head(gEpochs, gTest.length), gTest, Palette.DARK_RED, Style.stroke(1.5), null);
            finish(gl, Styler.LegendPosition.InsideNE);
            XYChart gi = Panels.xy(w, h, "Grokking IPR", "Step", "IPR");
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
}
