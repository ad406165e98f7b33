package org.modsweep.analysis.grids;

import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.modsweep.analysis.plots.ColorMap;
import org.modsweep.analysis.plots.DataLayer;
import org.modsweep.analysis.plots.Figure;
import org.modsweep.analysis.plots.Heatmap;
import org.modsweep.analysis.plots.Palette;
import org.modsweep.analysis.plots.Plot;
import org.modsweep.analysis.plots.Style;
import org.modsweep.core.config.ConfigKey;

/**
 * {@code phase_<x>_<y>.png}: a grid's phase diagram over two numeric axes, one cell per pair of values coloured by
 * the majority phase of its seeds, labelled with how many seeds are in that phase; cells without runs are light
 * grey. Axis values are equally spaced (the grid's own values), in ascending order, y upwards.
 */
final class PhaseDiagramFigure {

    /** Confusion grey, memorization gold, grokking dark red, comprehension navy: the study's palette. */
    static final Color[] COLORS = {Palette.GREY, Palette.GOLD, Palette.DARK_RED, Palette.NAVY};

    private static final Color NO_RUN = new Color(0xEEEEEE);

    private PhaseDiagramFigure() {}

    /**
     * @param xs     the x axis's values, ascending
     * @param ys     the y axis's values, ascending
     * @param points the grid points of one slice (the other axes fixed)
     */
    static Figure of(ConfigKey x, List<Object> xs, ConfigKey y, List<Object> ys, List<GridPoint> points, String title) {
        int nx = xs.size();
        int ny = ys.size();
        double[][] phase = new double[ny][nx];
        String[][] label = new String[ny][nx];
        for (double[] row : phase) {
            java.util.Arrays.fill(row, Double.NaN);
        }
        for (GridPoint p : points) {
            int i = index(xs, x, p.values().get(x));
            int j = index(ys, y, p.values().get(y));
            if (i < 0 || j < 0) {
                continue;
            }
            PhaseCounts c = p.phases();
            int row = ny - 1 - j;
            phase[row][i] = c.majority().ordinal();
            label[row][i] = c.counts().get(c.majority()) + "/" + p.runs().size();
        }
        Figure f = Figure.inches(Math.min(14, 3.5 + 0.7 * nx), Math.min(12, 2.2 + 0.5 * ny));
        ColorMap cmap = new ColorMap(
                t -> Double.isNaN(t) ? NO_RUN : COLORS[(int) Math.round(Math.max(0, Math.min(1, t)) * 3)], 0, 3);
        Heatmap h = new Heatmap(phase, cmap)
                .title(title, 13)
                .axes(x.key(), y.key(), 12)
                .ticks(i -> x.format(xs.get(i)), j -> y.format(ys.get(ny - 1 - j)), 10, nx > 8 ? 90 : 0)
                .colorbar(false)
                .place(f, 0, 0, f.width(), f.height());
        XYChart c = h.chart();
        for (Phase ph : Phase.values()) {
            // legend entries only: each sits under a painted cell
            Plot.scatter(c, ph.label(), new double[] {0}, new double[] {0}, COLORS[ph.ordinal()], SeriesMarkers.SQUARE);
        }
        Plot.legend(c, Styler.LegendPosition.OutsideE, 10);
        new CountLabels(label).addTo(c);
        return f;
    }

    private static int index(List<Object> values, ConfigKey key, Object v) {
        String s = key.format(v);
        for (int i = 0; i < values.size(); i++) {
            if (key.format(values.get(i)).equals(s)) {
                return i;
            }
        }
        return -1;
    }

    /** The seeds-in-majority count written in each cell. */
    private static final class CountLabels extends DataLayer {
        private final String[][] labels;

        CountLabels(String[][] labels) {
            this.labels = labels;
        }

        @Override
        protected void draw(Graphics2D g) {
            int rows = labels.length;
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(Style.font(9));
            FontMetrics fm = g.getFontMetrics();
            for (int r = 0; r < rows; r++) {
                for (int col = 0; col < labels[r].length; col++) {
                    String s = labels[r][col];
                    if (s == null) {
                        continue;
                    }
                    var b = box(col - 0.5, col + 0.5, rows - 1 - r - 0.5, rows - 1 - r + 0.5);
                    if (fm.stringWidth(s) > b.getWidth() - 2) {
                        continue;
                    }
                    g.setColor(Color.WHITE);
                    g.drawString(s, (float) (b.getCenterX() - fm.stringWidth(s) / 2.0), (float)
                            (b.getCenterY() + fm.getAscent() / 2.0 - 1));
                }
            }
        }
    }
}
