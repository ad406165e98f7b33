package org.modsweep.analysis.plots;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.function.IntFunction;
import org.knowm.xchart.XYChart;

/**
 * A matrix panel with its colour bar, placed into a {@link Figure} region: the matrix chart takes the region less
 * a colour-bar strip on the right (matplotlib's colorbar with shrink ≈ 0.8).
 */
public final class Heatmap {

    private final double[][] values;
    private final ColorMap cmap;
    private String title;
    private double titlePoints = 14;
    private String xTitle;
    private String yTitle;
    private double axisTitlePoints = 12;
    private IntFunction<String> xLabels;
    private IntFunction<String> yLabels;
    private double tickPoints = 10;
    private int xRotation;
    private boolean colorbar = true;
    private boolean square;
    private XYChart chart;

    public Heatmap(double[][] values, ColorMap cmap) {
        this.values = values;
        this.cmap = cmap;
    }

    public Heatmap title(String t, double points) {
        this.title = t;
        this.titlePoints = points;
        return this;
    }

    public Heatmap axes(String x, String y, double points) {
        this.xTitle = x;
        this.yTitle = y;
        this.axisTitlePoints = points;
        return this;
    }

    public Heatmap ticks(IntFunction<String> x, IntFunction<String> y, double points, int xRotation) {
        this.xLabels = x;
        this.yLabels = y;
        this.tickPoints = points;
        this.xRotation = xRotation;
        return this;
    }

    public Heatmap colorbar(boolean on) {
        this.colorbar = on;
        return this;
    }

    /** Square cells (matplotlib's aspect "equal"): the panel narrows to fit and is centred in its region. */
    public Heatmap square(boolean on) {
        this.square = on;
        return this;
    }

    /** The matrix chart (available after {@link #place}) for extra layers such as {@link CellMarks}. */
    public XYChart chart() {
        return chart;
    }

    public Heatmap place(Figure f, int x, int y, int w, int h) {
        int rows = values.length;
        int cols = rows == 0 ? 0 : values[0].length;
        Graphics2D probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        Font tickFont = Style.font(tickPoints);
        Font titleFont = Style.font(axisTitlePoints);
        FontMetrics tfm = probe.getFontMetrics(tickFont);
        FontMetrics afm = probe.getFontMetrics(titleFont);
        int labelExtent = 0;
        if (xLabels != null) {
            for (int i = 0; i < cols; i++) {
                String s = xLabels.apply(i);
                labelExtent = Math.max(labelExtent, xRotation == 0 ? tfm.getHeight() : tfm.stringWidth(s));
            }
        }
        int tick = (int) Style.pt(3.5);
        int band = (xLabels != null ? labelExtent + 2 * tick : tick) + (xTitle != null ? afm.getHeight() + tick : 0);
        int barW = colorbar ? Math.max((int) Style.pt(9), (int) (0.03 * w)) : 0;
        int cbw = colorbar ? barW + ColorBar.labelWidth(probe, cmap, Math.max(8, tickPoints)) + (int) Style.pt(10) : 0;
        probe.dispose();
        int cw = w - cbw;
        if (square && rows > 0) {
            // plot height ≈ chart height less title and padding; the y axis takes about 4 tick digits plus its title
            int titleH = title == null ? 0 : (int) (Style.pt(titlePoints) * 1.9);
            int plotH = h - band - titleH - (int) Style.pt(12);
            int yAxisW = tfm.stringWidth("0000") + (yTitle == null ? 0 : afm.getHeight() * 2) + (int) Style.pt(12);
            int want = yAxisW + (int) Math.round(plotH * (double) cols / rows);
            if (want < cw) {
                x += (cw - want) / 2;
                cw = want;
            }
        }
        XYChart c = Style.xy(cw, h - band);
        c.getStyler().setAxisTickLabelsFont(tickFont);
        c.getStyler().setAxisTitleFont(titleFont);
        c.getStyler().setChartTitleFont(Style.font(titlePoints));
        c.getStyler().setXAxisTicksVisible(false);
        c.getStyler().setXAxisTitleVisible(false);
        c.getStyler().setPlotBorderVisible(false);
        if (title != null) {
            c.setTitle(title);
        } else {
            c.getStyler().setChartTitleVisible(false);
        }
        c.setXAxisTitle("");
        c.setYAxisTitle(yTitle == null ? "" : yTitle);
        c.getStyler().setYAxisTitleVisible(yTitle != null);
        Plot.matrix(c, values, cmap, null, yLabels);
        final int ticksLen = tick;
        final int extent = labelExtent;
        f.add(c, x, y, cw, h - band, (g, ox, oy) -> {
            double left = ox + c.getScreenXFromChart(-0.5);
            double right = ox + c.getScreenXFromChart(cols - 0.5);
            double top = oy + c.getScreenYFromChart(rows - 0.5);
            double bottom = oy + c.getScreenYFromChart(-0.5);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.BLACK);
            g.setStroke(Style.stroke(0.8));
            g.draw(new Rectangle2D.Double(left, top, right - left, bottom - top));
            g.setFont(tickFont);
            FontMetrics fm = g.getFontMetrics();
            int labelsBottom = (int) bottom;
            if (xLabels != null) {
                for (int i = 0; i < cols; i++) {
                    String s = xLabels.apply(i);
                    double cx = ox + c.getScreenXFromChart(i);
                    g.drawLine((int) cx, (int) bottom, (int) cx, (int) bottom + ticksLen);
                    if (s.isBlank() || s.chars().allMatch(ch -> ch == 0x2060 || ch == 0x200b)) {
                        continue;
                    }
                    if (xRotation == 0) {
                        g.drawString(s, (int) (cx - fm.stringWidth(s) / 2.0), (int) bottom + ticksLen + fm.getAscent());
                    } else {
                        Graphics2D r = (Graphics2D) g.create();
                        r.translate(cx + fm.getAscent() / 2.0 - 1, bottom + 2 * ticksLen);
                        r.rotate(-Math.PI / 2);
                        r.drawString(s, -fm.stringWidth(s), 0);
                        r.dispose();
                    }
                }
                labelsBottom = (int) bottom + 2 * ticksLen + extent;
            }
            if (xTitle != null) {
                g.setFont(titleFont);
                FontMetrics tm = g.getFontMetrics();
                g.drawString(
                        xTitle,
                        (int) ((left + right) / 2 - tm.stringWidth(xTitle) / 2.0),
                        labelsBottom + ticksLen + tm.getAscent());
            }
            if (colorbar) {
                double ph = bottom - top;
                int barTop = (int) Math.round(top + 0.1 * ph);
                ColorBar.draw(
                        g,
                        cmap,
                        (int) right + (int) Style.pt(10),
                        barTop,
                        barW,
                        (int) Math.round(0.8 * ph),
                        Math.max(8, tickPoints));
            }
        });
        this.chart = c;
        return this;
    }
}
