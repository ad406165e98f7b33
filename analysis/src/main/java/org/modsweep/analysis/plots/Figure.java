package org.modsweep.analysis.plots;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;

/**
 * One PNG made of XChart panels placed on a canvas (matplotlib's subplots): each panel is painted into its own
 * rectangle; an optional super-title and free text sit on top. {@link #png()} encodes at the study's 150 dpi size.
 */
public final class Figure {

    private record Panel(XYChart chart, int x, int y, int w, int h, AfterPaint after) {}

    /** Drawing on the figure after a panel's chart is painted (the chart's data mapping is then valid). */
    @FunctionalInterface
    public interface AfterPaint {
        /** @param g the figure's graphics; (ox, oy) the panel's origin in figure pixels */
        void paint(Graphics2D g, int ox, int oy);
    }

    private record Text(String text, Font font, int x, int y, boolean centered) {}

    private final int width;
    private final int height;
    private final List<Panel> panels = new ArrayList<>();
    private final List<Text> texts = new ArrayList<>();

    public Figure(int width, int height) {
        this.width = width;
        this.height = height;
    }

    /** A figure of w × h inches. */
    public static Figure inches(double w, double h) {
        return new Figure(Style.px(w), Style.px(h));
    }

    /** A figure holding one chart that fills it. */
    public static Figure of(XYChart chart) {
        Figure f = new Figure(chart.getWidth(), chart.getHeight());
        f.add(chart, 0, 0, chart.getWidth(), chart.getHeight());
        return f;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public Figure add(XYChart chart, int x, int y, int w, int h) {
        return add(chart, x, y, w, h, null);
    }

    public Figure add(XYChart chart, int x, int y, int w, int h, AfterPaint after) {
        panels.add(new Panel(chart, x, y, w, h, after));
        return this;
    }

    public Figure text(String text, double points, int centerX, int baselineY) {
        texts.add(new Text(text, Style.font(points), centerX, baselineY, true));
        return this;
    }

    public BufferedImage render() {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            for (Panel p : panels) {
                Plot.roundTicks(p.chart);
                Graphics2D pg = (Graphics2D) g.create(p.x, p.y, p.w, p.h);
                try {
                    p.chart.paint(pg, p.w, p.h);
                } finally {
                    pg.dispose();
                }
                if (p.after != null) {
                    Graphics2D ag = (Graphics2D) g.create();
                    try {
                        p.after.paint(ag, p.x, p.y);
                    } finally {
                        ag.dispose();
                    }
                }
            }
            g.setColor(Color.BLACK);
            for (Text t : texts) {
                g.setFont(t.font);
                FontMetrics fm = g.getFontMetrics();
                int x = t.centered ? t.x - fm.stringWidth(t.text) / 2 : t.x;
                g.drawString(t.text, x, t.y);
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    /** The rendered figure as PNG ({@link PngEncoder}: the same pixels as ImageIO's writer, in a fraction of its time). */
    public byte[] png() {
        return PngEncoder.encode(render());
    }
}
