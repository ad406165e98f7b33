package org.modsweep.analysis.plots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

class XChartAdapterTest {

    /** An XChart upgrade that changes its internal API touches one file. */
    @Test
    void onlyTheAdapterUsesXChartInternals() throws Exception {
        List<String> users;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            users = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> {
                        try {
                            return Files.readString(f).contains("org.knowm.xchart.internal");
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .map(f -> f.getFileName().toString())
                    .toList();
        }
        assertEquals(List.of("XChartAdapter.java"), users);
    }

    @Test
    void aLayerPaintsInDataCoordinatesAfterTheAxes() {
        XYChart c = Style.xy(400, 300);
        Plot.scatter(c, null, new double[] {0, 10}, new double[] {0, 10}, Color.WHITE, null);
        Plot.xRange(c, 0, 10);
        Plot.yRange(c, 0, 10);
        Rectangle2D[] drawn = new Rectangle2D[1];
        DataLayer red = new DataLayer() {
            @Override
            protected void draw(Graphics2D g) {
                drawn[0] = box(2, 4, 6, 8);
                g.setColor(Color.RED);
                g.fill(drawn[0]);
            }
        };
        red.addTo(c);
        assertThrows(IllegalStateException.class, () -> red.addTo(c));
        BufferedImage img = Figure.of(c).render();
        Rectangle2D b = drawn[0];
        assertEquals(c.getScreenXFromChart(4) - c.getScreenXFromChart(2), b.getWidth(), 1e-9);
        assertEquals(Color.RED.getRGB(), img.getRGB((int) b.getCenterX(), (int) b.getCenterY()));
        // the data box (2..4, 6..8) lies left of centre and in the upper half
        assertTrue(b.getCenterX() < 200 && b.getCenterY() < 150, b.toString());
        assertEquals(Color.WHITE.getRGB(), img.getRGB((int) c.getScreenXFromChart(7), (int) c.getScreenYFromChart(3)));
    }
}
