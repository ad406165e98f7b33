package org.modsweep.analysis.grids;

import java.util.List;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;
import org.modsweep.analysis.plots.Figure;
import org.modsweep.analysis.plots.Palette;
import org.modsweep.analysis.plots.Plot;
import org.modsweep.analysis.plots.Style;
import org.modsweep.analysis.report.Panels;

/**
 * {@code progress_<run id>.png}: one run's progress measures against epoch, after Nanda et al.'s figure: train, test,
 * restricted and excluded loss (log y), the Gini coefficients of W_in's and W_out's per-frequency norms, and the sum
 * of squared weights; dotted lines mark t_train and t_test where reached.
 */
final class ProgressFigure {

    private ProgressFigure() {}

    static Figure of(RunProgress progress, GridRun run) {
        Figure f = Figure.inches(15, 4.8);
        int w = f.width() / 3;
        int top = Style.px(0.45);
        int h = f.height() - top;
        double[] epochs = series(progress.points(), pt -> pt.epoch());
        double[] allEpochs = Plot.range(run.trainLoss().length);

        XYChart loss = Panels.xy(w, h, "Loss", "Epoch", "Cross-entropy (log)");
        Plot.line(loss, "train", allEpochs, positive(run.trainLoss()), Palette.NAVY, Style.stroke(1.2), null);
        if (!run.cell().config().fullData()) {
            Plot.line(loss, "test", allEpochs, positive(run.testLoss()), Palette.DARK_RED, Style.stroke(1.2), null);
        }
        Plot.line(
                loss,
                "restricted",
                epochs,
                positive(series(progress.points(), ProgressMeasures.Point::restrictedLoss)),
                Palette.GOLD,
                Style.stroke(1.5),
                null);
        Plot.line(
                loss,
                "excluded",
                epochs,
                positive(series(progress.points(), ProgressMeasures.Point::excludedLoss)),
                Palette.TEAL,
                Style.stroke(1.5),
                null);
        loss.getStyler().setYAxisLogarithmic(true);
        panel(f, loss, 0, top, w, h, run);

        XYChart gini = Panels.xy(w, h, "Gini of per-frequency norms", "Epoch", "Gini");
        Plot.line(
                gini,
                "W_in",
                epochs,
                series(progress.points(), ProgressMeasures.Point::giniIn),
                Palette.NAVY,
                Style.stroke(1.5),
                null);
        Plot.line(
                gini,
                "W_out",
                epochs,
                series(progress.points(), ProgressMeasures.Point::giniOut),
                Palette.DARK_RED,
                Style.stroke(1.5),
                null);
        Plot.yRange(gini, 0, 1);
        panel(f, gini, w, top, w, h, run);

        XYChart norm = Panels.xy(w, h, "Sum of squared weights", "Epoch", "Σ W²");
        Plot.line(
                norm,
                "Σ W²",
                epochs,
                series(progress.points(), ProgressMeasures.Point::weightNorm),
                Palette.SLATE,
                Style.stroke(1.5),
                null);
        panel(f, norm, 2 * w, top, w, h, run);

        f.text(
                run.cell().id() + "  (key frequencies " + progress.keys() + ", phase "
                        + run.outcome().phase().label() + ")",
                13,
                f.width() / 2,
                (int) (top * 0.75));
        return f;
    }

    private static void panel(Figure f, XYChart c, int x, int y, int w, int h, GridRun run) {
        mark(c, run.outcome().tTrain(), Palette.NAVY);
        mark(c, run.outcome().tTest(), Palette.DARK_RED);
        Style.grid(c, 0.3, false);
        Plot.legend(c, Styler.LegendPosition.InsideNE, 9);
        f.add(c, x, y, w, h);
    }

    /** A dotted vertical line at an epoch reached, spanning the panel's data. */
    private static void mark(XYChart c, Integer epoch, java.awt.Color color) {
        if (epoch == null) {
            return;
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (var s : c.getSeriesMap().values()) {
            if (Double.isFinite(s.getYMin()) && Double.isFinite(s.getYMax())) {
                lo = Math.min(lo, s.getYMin());
                hi = Math.max(hi, s.getYMax());
            }
        }
        if (lo <= hi) {
            Plot.vline(c, epoch, lo, hi, color, Style.dotted(1.2));
        }
    }

    private static double[] series(List<ProgressMeasures.Point> points, ToDoubleFunction<ProgressMeasures.Point> f) {
        return points.stream().mapToDouble(f).toArray();
    }

    /** Non-positive values become gaps on a log axis. */
    private static double[] positive(double[] v) {
        double[] out = v.clone();
        for (int i = 0; i < out.length; i++) {
            if (!(out[i] > 0)) {
                out[i] = Double.NaN;
            }
        }
        return out;
    }
}
