package org.modsweep.analysis.report;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.modsweep.analysis.lottery.LotteryContour;
import org.modsweep.analysis.lottery.LotteryTracking;
import org.modsweep.analysis.plots.ColorBar;
import org.modsweep.analysis.plots.ColorMap;
import org.modsweep.analysis.plots.ContourLevels;
import org.modsweep.analysis.plots.DataLayer;
import org.modsweep.analysis.plots.Figure;
import org.modsweep.analysis.plots.Palette;
import org.modsweep.analysis.plots.Plot;
import org.modsweep.analysis.plots.Style;

/** Tab 5: the lottery neuron's per-frequency magnitudes and misalignments, and the final-magnitude contour. */
final class LotteryFigures {

    private LotteryFigures() {}

    /** lottery_mech_magnitude.png (legend) or lottery_mech_phase.png (no legend, zero line). */
    static Figure mechanism(LotteryTracking t, boolean magnitude) {
        double[][] series = magnitude ? t.magnitudes() : t.misalignments();
        int n = series.length;
        double[] x = Plot.toDouble(t.epochs());
        int legendW = magnitude ? Style.px(1.35) : 0;
        XYChart c = Style.xy(Style.px(4) + legendW, Style.px(4));
        c.getStyler().setChartTitleVisible(false);
        c.setXAxisTitle("Step");
        c.setYAxisTitle(magnitude ? "Magnitude" : "Misalignment");
        c.getStyler().setAxisTitleFont(Style.font(16));
        c.getStyler().setMarkerSize((int) Math.max(3, Style.pt(1.5) * 1.5));
        int[] others = t.othersByFinalMagnitude();
        for (int idx = 0; idx < others.length; idx++) {
            double b = others.length == 1 ? 0 : idx / (double) (others.length - 1);
            Color col = Palette.mix(Color.WHITE, Palette.NAVY, b + 0.05);
            Plot.line(
                    c,
                    "Freq. " + (others[idx] + 1),
                    x,
                    column(series, others[idx], n),
                    col,
                    Style.dotted(3.5),
                    SeriesMarkers.CROSS);
        }
        Plot.line(
                c,
                "Freq. " + (t.winnerIndex() + 1),
                x,
                column(series, t.winnerIndex(), n),
                Palette.DARK_RED,
                Style.dotted(3.5),
                SeriesMarkers.CROSS);
        if (!magnitude && n > 0) {
            Plot.hline(c, 0, x[0], x[n - 1], Color.BLACK, Style.dotted(1.2));
            Plot.yRange(c, -Math.PI, Math.PI);
        }
        c.getStyler().setPlotGridLinesVisible(true);
        c.getStyler().setPlotGridLinesStroke(Style.dashed(0.5));
        c.getStyler().setPlotGridLinesColor(Palette.alpha(new Color(0xB0B0B0), 0.7));
        if (magnitude) {
            Plot.legend(c, Styler.LegendPosition.OutsideE, 13);
            c.getStyler().setLegendBorderColor(Color.WHITE);
        }
        return Figure.of(c);
    }

    private static double[] column(double[][] s, int k, int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = s[i][k];
        }
        return out;
    }

    /**
     * lottery_beta_contour.png: {@code contourf(levels=12, extend='both')} of β_final over (initial magnitude, 2φ₀),
     * white line at π. The levels are Matplotlib's round ones ({@link ContourLevels}); each band takes the colour of
     * its middle on a scale from the lowest to the highest level, the two beyond them the scale's end colours.
     */
    static Figure contour(LotteryContour lc) {
        double[][] z = lc.z();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double[] r : z) {
            for (double v : r) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        double[] levels = ContourLevels.of(min, max, 12, ContourLevels.Extend.BOTH);
        ColorMap cmap = new ColorMap(Palette::diverging, levels[0], levels[levels.length - 1]);
        int[] bandRgb = bandColors(levels, cmap);
        Figure f = Figure.inches(4.5, 4);
        int cbw = Style.px(0.75);
        XYChart c = Style.xy(f.width() - cbw, f.height());
        c.setTitle("Contour of Final Magnitude");
        c.getStyler().setChartTitleFont(Style.font(16));
        c.setXAxisTitle("Initial Magnitude");
        c.setYAxisTitle("Initial Phase Difference");
        c.getStyler().setAxisTitleFont(Style.font(16));
        double[] xs = lc.magnitudes();
        double[] ys = lc.phaseDiffs();
        Plot.scatter(
                c,
                null,
                new double[] {xs[0], xs[xs.length - 1]},
                new double[] {ys[0], ys[ys.length - 1]},
                Color.WHITE,
                SeriesMarkers.NONE);
        Plot.xRange(c, xs[0], xs[xs.length - 1]);
        Plot.yRange(c, ys[0], ys[ys.length - 1]);
        new Bands(xs, ys, z, levels, bandRgb).addTo(c);
        new DataLayer() {
            @Override
            protected void draw(Graphics2D g) {
                g.setColor(Color.WHITE);
                g.setStroke(Style.dotted(1));
                g.drawLine((int) sx(xs[0]), (int) sy(Math.PI), (int) sx(xs[xs.length - 1]), (int) sy(Math.PI));
            }
        }.addTo(c);
        f.add(c, 0, 0, f.width() - cbw, f.height(), (g, ox, oy) -> {
            double top = oy + c.getScreenYFromChart(ys[ys.length - 1]);
            double bottom = oy + c.getScreenYFromChart(ys[0]);
            double right = ox + c.getScreenXFromChart(xs[xs.length - 1]);
            double ph = bottom - top;
            ColorBar.drawLevels(
                    g,
                    levels,
                    bandRgb,
                    (int) right + (int) Style.pt(8),
                    (int) (top + 0.1 * ph),
                    (int) Style.pt(9),
                    (int) (0.8 * ph),
                    9);
        });
        return f;
    }

    /** Colours of the levels.length + 1 bands: below the lowest level, between each pair, above the highest. */
    private static int[] bandColors(double[] levels, ColorMap cmap) {
        int n = levels.length;
        int[] rgb = new int[n + 1];
        rgb[0] = cmap.map().apply(0.0).getRGB(); // Matplotlib's "under" colour: the low end of the scale
        for (int b = 1; b < n; b++) {
            rgb[b] = cmap.rgb((levels[b - 1] + levels[b]) / 2);
        }
        rgb[n] = cmap.map().apply(1.0).getRGB();
        return rgb;
    }

    /**
     * Filled contour: bilinear interpolation of the grid, each pixel coloured by its band, (levels[b − 1], levels[b]]
     * as contourf fills them.
     */
    private static final class Bands extends DataLayer {
        private final double[] xs;
        private final double[] ys;
        private final double[][] z;
        private final double[] levels;
        private final int[] bandRgb;

        Bands(double[] xs, double[] ys, double[][] z, double[] levels, int[] bandRgb) {
            this.xs = xs;
            this.ys = ys;
            this.z = z;
            this.levels = levels;
            this.bandRgb = bandRgb;
        }

        @Override
        protected void draw(Graphics2D g) {
            Rectangle2D b = box(xs[0], xs[xs.length - 1], ys[0], ys[ys.length - 1]);
            int w = Math.max(1, (int) Math.round(b.getWidth()));
            int h = Math.max(1, (int) Math.round(b.getHeight()));
            BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            for (int py = 0; py < h; py++) {
                double fy = (1 - (py + 0.5) / h) * (ys.length - 1);
                int r0 = Math.min(ys.length - 2, (int) Math.floor(fy));
                double ty = fy - r0;
                for (int px = 0; px < w; px++) {
                    double fx = (px + 0.5) / w * (xs.length - 1);
                    int c0 = Math.min(xs.length - 2, (int) Math.floor(fx));
                    double tx = fx - c0;
                    double v = (1 - ty) * ((1 - tx) * z[r0][c0] + tx * z[r0][c0 + 1])
                            + ty * ((1 - tx) * z[r0 + 1][c0] + tx * z[r0 + 1][c0 + 1]);
                    img.setRGB(px, py, bandRgb[band(v)]);
                }
            }
            g.drawImage(img, (int) Math.round(b.getX()), (int) Math.round(b.getY()), null);
        }

        /** Number of levels below v: 0 below the lowest, levels.length above the highest. */
        private int band(double v) {
            int i = 0;
            while (i < levels.length && levels[i] < v) {
                i++;
            }
            return i;
        }
    }
}
