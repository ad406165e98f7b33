package org.modsweep.analysis.plots;

import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.Rectangle2D;
import org.knowm.xchart.XYChart;

/**
 * Custom drawing in data coordinates on top of an XChart chart (images of matrices, marker squares, contour
 * bands): {@link #addTo} has the chart paint it after its axes, so the chart's data→screen mapping is available.
 */
public abstract class DataLayer {

    private XYChart chart;

    /** Draws this layer on {@code chart} (once; layers paint in the order they are added). */
    public final void addTo(XYChart chart) {
        if (this.chart != null) {
            throw new IllegalStateException("layer already added to a chart");
        }
        this.chart = chart;
        XChartAdapter.addLayer(chart, this);
    }

    protected double sx(double x) {
        return chart.getScreenXFromChart(x);
    }

    protected double sy(double y) {
        return chart.getScreenYFromChart(y);
    }

    /** Screen rectangle of the data box [x0, x1] × [y0, y1]. */
    protected Rectangle2D box(double x0, double x1, double y0, double y1) {
        double a = sx(x0);
        double b = sx(x1);
        double c = sy(y0);
        double d = sy(y1);
        return new Rectangle2D.Double(Math.min(a, b), Math.min(c, d), Math.abs(b - a), Math.abs(d - c));
    }

    /** Called by the chart while it paints; the drawing gets its own graphics and leaves the clip as it was. */
    final void paint(Graphics2D g) {
        Shape clip = g.getClip();
        Graphics2D g2 = (Graphics2D) g.create();
        try {
            draw(g2);
        } finally {
            g2.dispose();
            g.setClip(clip);
        }
    }

    protected abstract void draw(Graphics2D g);
}
