package org.modsweep.analysis.plots;

import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.math.BigDecimal;

/** A vertical colour bar drawn directly (gradient, frame, nice ticks with labels on the right). */
public final class ColorBar {

    private ColorBar() {}

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

    /**
     * The colour bar of a filled contour with {@code extend='both'}, as Matplotlib draws it: one equal block per band
     * between consecutive levels, a triangle at each end for the values beyond the outermost levels (5 % of the
     * blocks' length each), ticks at the levels (at most 10, {@code FixedLocator(levels, nbins=10)}).
     *
     * @param bandRgb the colours of the levels.length + 1 bands, the one below the lowest level first
     */
    public static void drawLevels(
            Graphics2D g, double[] levels, int[] bandRgb, int x, int top, int width, int height, double tickPoints) {
        int n = levels.length;
        double inner = height / 1.1;
        double tip = 0.05 * inner;
        double y0 = top + tip; // top of the highest block
        java.awt.geom.Path2D outline = new java.awt.geom.Path2D.Double();
        outline.moveTo(x + width / 2.0, top);
        outline.lineTo(x + width, y0);
        outline.lineTo(x + width, y0 + inner);
        outline.lineTo(x + width / 2.0, top + height);
        outline.lineTo(x, y0 + inner);
        outline.lineTo(x, y0);
        outline.closePath();
        java.awt.geom.Path2D over = new java.awt.geom.Path2D.Double();
        over.moveTo(x + width / 2.0, top);
        over.lineTo(x + width, y0);
        over.lineTo(x, y0);
        over.closePath();
        g.setColor(new Color(bandRgb[n]));
        g.fill(over);
        java.awt.geom.Path2D under = new java.awt.geom.Path2D.Double();
        under.moveTo(x, y0 + inner);
        under.lineTo(x + width, y0 + inner);
        under.lineTo(x + width / 2.0, top + height);
        under.closePath();
        g.setColor(new Color(bandRgb[0]));
        g.fill(under);
        double block = inner / (n - 1);
        for (int b = 1; b < n; b++) {
            double yTop = y0 + inner - b * block;
            g.setColor(new Color(bandRgb[b]));
            g.fill(new java.awt.geom.Rectangle2D.Double(x, yTop, width, block + 0.5)); // overlap: no seams
        }
        g.setColor(Color.BLACK);
        g.setStroke(Style.stroke(0.8));
        g.draw(outline);
        g.setFont(Style.font(tickPoints));
        FontMetrics fm = g.getFontMetrics();
        int[] ticks = fixedLocator(levels, 10);
        double step = ticks.length > 1 ? levels[ticks[1]] - levels[ticks[0]] : Math.abs(levels[0]);
        int tick = (int) Style.pt(3.5);
        for (int i : ticks) {
            int y = (int) Math.round(y0 + inner - i * block);
            g.drawLine(x + width, y, x + width + tick, y);
            g.drawString(label(levels[i], step), x + width + tick + 3, y + fm.getAscent() / 2 - 1);
        }
    }

    /** Indices of Matplotlib's {@code FixedLocator(locs, nbins)} ticks: every k-th, shifted to the one nearest 0. */
    static int[] fixedLocator(double[] locs, int nbins) {
        int step = Math.max((int) Math.ceil(locs.length / (double) nbins), 1);
        int start = 0;
        for (int i = 1; i < step; i++) {
            if (minAbs(locs, i, step) < minAbs(locs, start, step)) {
                start = i;
            }
        }
        int[] out = new int[(locs.length - start + step - 1) / step];
        for (int k = 0; k < out.length; k++) {
            out[k] = start + k * step;
        }
        return out;
    }

    private static double minAbs(double[] v, int from, int step) {
        double m = Double.POSITIVE_INFINITY;
        for (int i = from; i < v.length; i += step) {
            m = Math.min(m, Math.abs(v[i]));
        }
        return m;
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
        return new BigDecimal(v)
                .setScale(decimals, java.math.RoundingMode.HALF_EVEN)
                .toPlainString();
    }
}
