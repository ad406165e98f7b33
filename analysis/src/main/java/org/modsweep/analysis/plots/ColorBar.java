package org.modsweep.analysis.plots;

import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.math.BigDecimal;

/** A vertical colour bar drawn directly (gradient, frame, nice ticks with labels on the right). */
public final class ColorBar {

    private ColorBar() {
    }

    /** Draws the bar at (x, top) of the given size; labels go to the right of it. */
    public static void draw(Graphics2D g, ColorMap cmap, int x, int top, int width, int height, double tickPoints) {
        for (int i = 0; i < height; i++) {
            double t = 1 - (i + 0.5) / height;
            g.setColor(cmap.map().apply(t));
            g.fillRect(x, top + i, width, 1);
        }
        g.setColor(Color.BLACK);
        g.setStroke(Style.stroke(0.8));
        g.drawRect(x, top, width, height);
        g.setFont(Style.font(tickPoints));
        FontMetrics fm = g.getFontMetrics();
        double lo = cmap.vmin();
        double hi = cmap.vmax();
        double step = niceStep((hi - lo) / 5);
        int tick = (int) Style.pt(3.5);
        for (double v = Math.ceil(lo / step - 1e-9) * step; v <= hi + 1e-9 * step; v += step) {
            int y = top + (int) Math.round((hi - v) / (hi - lo) * height);
            g.drawLine(x + width, y, x + width + tick, y);
            String label = label(v, step);
            g.drawString(label, x + width + tick + 3, y + fm.getAscent() / 2 - 1);
        }
    }

    /** Width the labels need to the right of the bar. */
    public static int labelWidth(Graphics2D g, ColorMap cmap, double tickPoints) {
        g.setFont(Style.font(tickPoints));
        FontMetrics fm = g.getFontMetrics();
        double step = niceStep((cmap.vmax() - cmap.vmin()) / 5);
        int w = 0;
        for (double v = Math.ceil(cmap.vmin() / step - 1e-9) * step; v <= cmap.vmax() + 1e-9 * step; v += step) {
            w = Math.max(w, fm.stringWidth(label(v, step)));
        }
        return w + (int) Style.pt(3.5) + 6;
    }

    static double niceStep(double raw) {
        if (!(raw > 0) || !Double.isFinite(raw)) {
            return 1;
        }
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / mag;
        double nice = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10;
        return nice * mag;
    }

    static String label(double v, double step) {
        if (Math.abs(v) < step * 1e-6) {
            v = 0;
        }
        int decimals = Math.max(0, (int) -Math.floor(Math.log10(step)));
        if (Math.abs(v) >= 1e5 || (Math.abs(v) < 1e-3 && v != 0)) {
            return String.format("%.1e", v);
        }
        return new BigDecimal(v).setScale(decimals, java.math.RoundingMode.HALF_EVEN).toPlainString();
    }
}
