package org.modsweep.analysis.plots;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;

/**
 * Figure geometry and fonts: the study saves at 150 dpi, so a figure of w × h inches is (150w) × (150h) pixels and a
 * font of s points is s·150/72 pixels. Charts get a clean paper look: white background, black frame, no chart
 * border, light grid only where the study draws one.
 */
public final class Style {

    public static final int DPI = 150;
    public static final String FONT = Font.SANS_SERIF;

    private Style() {}

    public static int px(double inches) {
        return (int) Math.round(inches * DPI);
    }

    public static float pt(double points) {
        return (float) (points * DPI / 72.0);
    }

    public static Font font(double points) {
        return new Font(FONT, Font.PLAIN, 1).deriveFont(pt(points));
    }

    public static BasicStroke stroke(double points) {
        return new BasicStroke(pt(points), BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND);
    }

    public static BasicStroke dashed(double points) {
        float w = pt(points);
        return new BasicStroke(
                w, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {3.7f * w, 1.6f * w}, 0);
    }

    public static BasicStroke dotted(double points) {
        float w = pt(points);
        return new BasicStroke(w, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 10f, new float[] {0.1f, 1.65f * w}, 0);
    }

    /** An XYChart of the given pixel size styled like the study's matplotlib figures. */
    public static XYChart xy(int width, int height) {
        XYChart c = new XYChart(width, height);
        XYStyler s = c.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderVisible(true);
        s.setPlotBorderColor(Color.BLACK);
        s.setPlotGridLinesVisible(false);
        s.setChartTitleBoxVisible(false);
        s.setChartTitleFont(font(14));
        s.setChartTitlePadding((int) pt(7));
        s.setAxisTitleFont(font(12));
        s.setAxisTickLabelsFont(font(10));
        s.setLegendFont(font(11));
        s.setLegendVisible(false);
        s.setLegendBorderColor(new Color(0xCCCCCC));
        s.setLegendBackgroundColor(new Color(255, 255, 255, 220));
        s.setLegendPosition(Styler.LegendPosition.InsideNE);
        s.setMarkerSize((int) pt(4));
        s.setChartPadding((int) pt(6));
        s.setPlotContentSize(0.95);
        s.setXAxisDecimalPattern("#,##0.###");
        s.setYAxisDecimalPattern("#,##0.###");
        s.setAxisTickMarkLength((int) pt(3.5));
        s.setAxisTickMarksColor(Color.BLACK);
        s.setAxisTicksLineVisible(false);
        s.setAxisTickLabelsColor(Color.BLACK);
        s.setChartFontColor(Color.BLACK);
        s.setAntiAlias(true);
        s.setToolTipsEnabled(false);
        s.setXAxisTickMarkSpacingHint((int) pt(40));
        s.setYAxisTickMarkSpacingHint((int) pt(30));
        s.setDefaultSeriesRenderStyle(org.knowm.xchart.XYSeries.XYSeriesRenderStyle.Line);
        return c;
    }

    /** Turns on the grid with the study's light styling. */
    public static void grid(XYChart c, double alpha, boolean dashed) {
        XYStyler s = c.getStyler();
        s.setPlotGridLinesVisible(true);
        s.setPlotGridLinesColor(Palette.alpha(new Color(0xB0B0B0), Math.min(1, alpha + 0.3)));
        s.setPlotGridLinesStroke(dashed ? dashed(0.6) : stroke(0.6));
    }
}
