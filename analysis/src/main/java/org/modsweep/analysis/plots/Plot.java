package org.modsweep.analysis.plots;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Series and decorations on XYCharts in the study's vocabulary (lines, scatters, spans, heat-maps, colour bars). */
public final class Plot {

    private static final AtomicInteger HIDDEN = new AtomicInteger();
    /** Charts whose ticks should stay at their (equally spaced) data values: matrix images. */
    private static final java.util.Set<XYChart> DATA_TICKS =
            java.util.Collections.synchronizedSet(java.util.Collections.newSetFromMap(new java.util.WeakHashMap<>()));

    private Plot() {}

    private static String hiddenName() {
        return "\u200b" + HIDDEN.incrementAndGet();
    }

    /** A line; marker may be null (none). A null name hides it from the legend. */
    public static XYSeries line(
            XYChart c, String name, double[] x, double[] y, Color color, BasicStroke stroke, Marker marker) {
        XYSeries s = c.addSeries(name == null ? hiddenName() : name, x, sanitize(y));
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setLineColor(color);
        s.setLineStyle(stroke);
        s.setMarker(marker == null ? SeriesMarkers.NONE : marker);
        s.setMarkerColor(color);
        s.setShowInLegend(name != null);
        return s;
    }

    public static XYSeries scatter(XYChart c, String name, double[] x, double[] y, Color color, Marker marker) {
        XYSeries s = c.addSeries(name == null ? hiddenName() : name, x, sanitize(y));
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(marker);
        s.setMarkerColor(color);
        s.setShowInLegend(name != null);
        return s;
    }

    /** A filled band x ∈ [x0, x1] over y ∈ [y0, y1] (matplotlib's axvspan), drawn under later series. */
    public static void span(XYChart c, double x0, double x1, double y0, double y1, Color fill) {
        XYSeries s = c.addSeries(hiddenName(), new double[] {x0, x0, x1, x1, x0}, new double[] {y0, y1, y1, y0, y0});
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
        s.setFillColor(fill);
        s.setLineColor(new Color(0, 0, 0, 0));
        s.setLineStyle(new BasicStroke(0f));
        s.setMarker(SeriesMarkers.NONE);
        s.setShowInLegend(false);
    }

    /** A closed filled polygon (violin bodies). */
    public static void polygon(XYChart c, double[] x, double[] y, Color fill, Color edge, BasicStroke stroke) {
        XYSeries s = c.addSeries(hiddenName(), x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
        s.setFillColor(fill);
        s.setLineColor(edge);
        s.setLineStyle(stroke);
        s.setMarker(SeriesMarkers.NONE);
        s.setShowInLegend(false);
    }

    public static void vline(XYChart c, double x, double y0, double y1, Color color, BasicStroke stroke) {
        line(c, null, new double[] {x, x}, new double[] {y0, y1}, color, stroke, null);
    }

    public static void hline(XYChart c, double y, double x0, double x1, Color color, BasicStroke stroke) {
        line(c, null, new double[] {x0, x1}, new double[] {y, y}, color, stroke, null);
    }

    public static void xRange(XYChart c, double min, double max) {
        c.getStyler().setXAxisMin(min);
        c.getStyler().setXAxisMax(max);
    }

    public static void yRange(XYChart c, double min, double max) {
        c.getStyler().setYAxisMin(min);
        c.getStyler().setYAxisMax(max);
    }

    public static void legend(XYChart c, Styler.LegendPosition where, double points) {
        c.getStyler().setLegendVisible(true);
        c.getStyler().setLegendPosition(where);
        c.getStyler().setLegendFont(Style.font(points));
    }

    /** Non-finite values become NaN (XChart leaves a gap) so overflowing simulations still plot. */
    public static double[] sanitize(double[] y) {
        double[] out = y;
        for (int i = 0; i < y.length; i++) {
            if (!Double.isFinite(y[i]) && !Double.isNaN(y[i])) {
                if (out == y) {
                    out = y.clone();
                }
                out[i] = Double.NaN;
            }
        }
        return out;
    }

    public static double[] range(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
        }
        return x;
    }

    public static double[] toDouble(int[] v) {
        double[] x = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            x[i] = v[i];
        }
        return x;
    }

    /**
     * Makes {@code c} an image of the matrix (row 0 at the top): axes cover the cells exactly; x tick labels from
     * {@code xLabel} at integer positions, y tick labels from {@code yLabel} by row number.
     */
    public static MatrixImage matrix(
            XYChart c, double[][] m, ColorMap cmap, IntFunction<String> xLabel, IntFunction<String> yLabel) {
        int rows = m.length;
        int cols = rows == 0 ? 0 : m[0].length;
        // With a custom tick formatter XChart puts one tick at every distinct data value: invisible anchor series
        // at every column and every row give exactly one labelled tick per cell.
        int n = Math.max(cols, rows);
        double[] ax = new double[n];
        double[] ay = new double[n];
        for (int i = 0; i < n; i++) {
            ax[i] = Math.min(i, cols - 1);
            ay[i] = Math.min(i, rows - 1);
        }
        XYSeries anchor = c.addSeries(hiddenName(), ax, ay);
        anchor.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        anchor.setMarker(SeriesMarkers.NONE);
        anchor.setShowInLegend(false);
        c.getStyler().setAxisTicksMarksVisible(false);
        c.getStyler().setPlotContentSize(1.0);
        DATA_TICKS.add(c);
        xRange(c, -0.5, cols - 0.5);
        yRange(c, -0.5, rows - 0.5);
        c.setCustomXAxisTickLabelsFormatter(v -> integerLabel(v, cols, i -> xLabel == null ? "" : xLabel.apply(i)));
        c.setCustomYAxisTickLabelsFormatter(
                v -> integerLabel(v, rows, y -> yLabel == null ? "" : yLabel.apply(rows - 1 - y)));
        MatrixImage img = new MatrixImage(m, cmap);
        img.addTo(c);
        return img;
    }

    /**
     * Tick labels only at integer positions 0..n−1. XChart drops ticks until all labels differ, so every other tick
     * gets a distinct invisible label (zero-width spaces) instead of a blank one.
     */
    public static String integerLabel(double v, int n, IntFunction<String> f) {
        long r = Math.round(v);
        if (Math.abs(v - r) > 1e-6 || r < 0 || r >= n) {
            return "\u200b".repeat(1 + (int) Math.min(100_000, Math.round(Math.abs(v + 4) * 8)));
        }
        return f.apply((int) r);
    }

    /** An invisible label unique to integer position i (for ticks that carry no text). */
    public static String blank(int i) {
        return "\u2060".repeat(i + 1);
    }

    /** Integer tick labels on the x axis of an ordinary chart (values 0..n−1 labelled by {@code f}). */
    public static void integerXTicks(XYChart c, int n, IntFunction<String> f) {
        c.setCustomXAxisTickLabelsFormatter(v -> integerLabel(v, n, f));
    }

    /**
     * XChart places ticks at the data values themselves when they are equally spaced (checkpoint epochs, linspace
     * grids), which gives unreadable labels; one invisible point off the grid makes it choose round tick values.
     * Called by {@link Figure} before painting.
     */
    static void roundTicks(XYChart c) {
        if (DATA_TICKS.contains(c)) {
            return;
        }
        double xmin = Double.POSITIVE_INFINITY;
        double xmax = Double.NEGATIVE_INFINITY;
        double ymin = Double.POSITIVE_INFINITY;
        double ymax = Double.NEGATIVE_INFINITY;
        boolean hasBreaker = false;
        for (XYSeries s : c.getSeriesMap().values()) {
            if (s.getName().startsWith("\u2063")) {
                hasBreaker = true;
            }
            if (s.getYAxisGroup() != 0) {
                continue;
            }
            xmin = Math.min(xmin, s.getXMin());
            xmax = Math.max(xmax, s.getXMax());
            ymin = Math.min(ymin, s.getYMin());
            ymax = Math.max(ymax, s.getYMax());
        }
        if (hasBreaker || !(xmin <= xmax) || !(ymin <= ymax)) {
            return;
        }
        Double lo = c.getStyler().getYAxisMin();
        Double hi = c.getStyler().getYAxisMax();
        double span = Math.max(Math.abs(lo != null ? lo : ymin), Math.abs(hi != null ? hi : ymax));
        if (span >= 1e5) {
            c.getStyler().setYAxisDecimalPattern("0.##E0"); // overflowing simulations reach 1e97
        }
        double x = xmin + (xmax - xmin) * 0.0123456789;
        double y = ymin + (ymax - ymin) * 0.0123456789;
        XYSeries b = c.addSeries("\u2063" + HIDDEN.incrementAndGet(), new double[] {x}, new double[] {y});
        b.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        b.setMarker(SeriesMarkers.NONE);
        b.setShowInLegend(false);
    }

    public static double maxAbs(double[][] m) {
        double mx = 0;
        for (double[] r : m) {
            for (double v : r) {
                if (Double.isFinite(v)) {
                    mx = Math.max(mx, Math.abs(v));
                }
            }
        }
        return mx;
    }
}
