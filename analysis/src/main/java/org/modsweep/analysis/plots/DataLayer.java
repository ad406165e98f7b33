package org.modsweep.analysis.plots;

import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.Rectangle2D;
import org.knowm.xchart.internal.chartpart.Annotation;

/**
 * Custom drawing in data coordinates on top of an XChart chart (images of matrices, marker squares, contour
 * bands): XChart paints annotations after the axes, so the chart's own data→screen mapping is available here.
 */
public abstract class DataLayer extends Annotation {

    protected DataLayer() {
        super(false);
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

    @Override
    public final void paint(Graphics2D g) {
        if (!isVisible) {
            return;
        }
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

    @Override
    public Rectangle2D getBounds() {
        return bounds == null ? new Rectangle2D.Double() : bounds;
    }
}
