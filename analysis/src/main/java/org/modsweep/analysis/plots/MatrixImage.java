package org.modsweep.analysis.plots;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * A matrix drawn like matplotlib's {@code imshow}: cell (r, c) covers x ∈ [c − ½, c + ½] and, with row 0 at the
 * top, y ∈ [rows − 1 − r − ½, rows − 1 − r + ½]. Nearest-neighbour, no smoothing.
 */
public final class MatrixImage extends DataLayer {

    private final double[][] values;
    private final ColorMap cmap;

    public MatrixImage(double[][] values, ColorMap cmap) {
        this.values = values;
        this.cmap = cmap;
    }

    @Override
    protected void draw(Graphics2D g) {
        int rows = values.length;
        int cols = rows == 0 ? 0 : values[0].length;
        if (rows == 0 || cols == 0) {
            return;
        }
        BufferedImage img = new BufferedImage(cols, rows, BufferedImage.TYPE_INT_ARGB);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                img.setRGB(c, r, cmap.rgb(values[r][c]));
            }
        }
        var b = box(-0.5, cols - 0.5, -0.5, rows - 0.5);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        g.drawImage(
                img,
                (int) Math.round(b.getX()),
                (int) Math.round(b.getY()),
                (int) Math.round(b.getWidth()),
                (int) Math.round(b.getHeight()),
                null);
    }
}
