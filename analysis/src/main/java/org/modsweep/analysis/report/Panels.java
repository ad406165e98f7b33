package org.modsweep.analysis.report;

import org.knowm.xchart.XYChart;
import org.modsweep.analysis.plots.Style;

/** The study's plain line/scatter panel: an XY chart with an optional title and axis titles. */
public final class Panels {

    private Panels() {}

    public static XYChart xy(int w, int h, String title, String xTitle, String yTitle) {
        XYChart c = Style.xy(w, h);
        c.setTitle(title == null ? "" : title);
        c.getStyler().setChartTitleVisible(title != null);
        c.getStyler().setChartTitleFont(Style.font(13));
        c.setXAxisTitle(xTitle == null ? "" : xTitle);
        c.setYAxisTitle(yTitle == null ? "" : yTitle);
        c.getStyler().setXAxisTitleVisible(xTitle != null);
        c.getStyler().setYAxisTitleVisible(yTitle != null);
        return c;
    }
}
