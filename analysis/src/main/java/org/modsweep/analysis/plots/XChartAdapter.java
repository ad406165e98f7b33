package org.modsweep.analysis.plots;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Annotation;

/**
 * The one place that uses XChart's internal API ({@code org.knowm.xchart.internal.*}), so an XChart upgrade that
 * changes it touches this file only: a {@link DataLayer} is painted as an internal {@code Annotation}, which XChart
 * paints after the axes, when the chart's data→screen mapping is valid.
 */
final class XChartAdapter {

    private XChartAdapter() {}

    /** Paints {@code layer} on {@code chart} after the axes, in the order layers are added. */
    static void addLayer(XYChart chart, DataLayer layer) {
        chart.addAnnotation(new Annotation(false) {
            @Override
            public void paint(Graphics2D g) {
                layer.paint(g);
            }

            @Override
            public Rectangle2D getBounds() {
                return new Rectangle2D.Double(); // takes no room in the chart's layout
            }
        });
    }
}
