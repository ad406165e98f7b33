package org.modsweep.analysis.plots;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

class PngEncoderTest {

    private static int[] pixels(BufferedImage img) {
        return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
    }

    private static BufferedImage decode(byte[] png) throws Exception {
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        assertTrue(img != null, "ImageIO cannot decode the PNG");
        return img;
    }

    private static void assertSamePixelsAsImageIo(BufferedImage img) throws Exception {
        ByteArrayOutputStream ref = new ByteArrayOutputStream();
        ImageIO.write(img, "png", ref);
        BufferedImage ours = decode(PngEncoder.encode(img));
        BufferedImage theirs = decode(ref.toByteArray());
        assertEquals(img.getWidth(), ours.getWidth());
        assertEquals(img.getHeight(), ours.getHeight());
        assertArrayEquals(pixels(theirs), pixels(ours));
        assertArrayEquals(pixels(img), pixels(ours));
    }

    @Test
    void randomPixelsDecodeToTheSameImage() throws Exception {
        // noise defeats compression: the IDAT spans many 32 KiB chunks, and every byte value and row delta occurs
        BufferedImage img = new BufferedImage(317, 211, BufferedImage.TYPE_INT_RGB);
        Random r = new Random(7);
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                img.setRGB(x, y, r.nextInt());
            }
        }
        assertSamePixelsAsImageIo(img);
    }

    @Test
    void aRenderedFigureKeepsItsPixels() throws Exception {
        XYChart chart = new XYChart(600, 450);
        chart.setTitle("loss");
        chart.addSeries("train", new double[] {1, 2, 3, 4}, new double[] {4, 1, 3, 0.5});
        Figure f = Figure.of(chart);
        BufferedImage img = f.render();
        assertSamePixelsAsImageIo(img);
        assertArrayEquals(pixels(img), pixels(decode(f.png())));
    }

    @Test
    void tinyAndNonRgbImages() throws Exception {
        BufferedImage one = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        one.setRGB(0, 0, 0x123456);
        assertSamePixelsAsImageIo(one);
        BufferedImage argb = new BufferedImage(40, 30, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = argb.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 40, 30);
        g.setColor(Color.BLUE);
        g.drawOval(3, 3, 30, 20);
        g.dispose();
        // opaque ARGB: the encoder reads it through getRGB; the decoded image is its RGB
        BufferedImage ours = decode(PngEncoder.encode(argb));
        int[] want = pixels(argb);
        int[] got = pixels(ours);
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i] | 0xff000000, got[i]);
        }
    }
}
