package org.modsweep.analysis.plots;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;

/** Unfilled squares around marked cells of a {@link MatrixImage} (same cell geometry, row 0 at the top). */
public final class CellMarks extends DataLayer {

    private final boolean[][] marks;
    private final Color color;
    private final BasicStroke stroke;

    public CellMarks(boolean[][] marks, Color color, double linePoints) {
        this.marks = marks;
        this.color = color;
        this.stroke = Style.stroke(linePoints);
    }

    @Override
    protected void draw(Graphics2D g) {
        int rows = marks.length;
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(color);
        g.setStroke(stroke);
        double inset = stroke.getLineWidth() / 2;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < marks[r].length; c++) {
                if (marks[r][c]) {
                    int y = rows - 1 - r;
                    Rectangle2D b = box(c - 0.5, c + 0.5, y - 0.5, y + 0.5);
                    g.draw(new Rectangle2D.Double(
                            b.getX() + inset,
                            b.getY() + inset,
                            Math.max(1, b.getWidth() - 2 * inset),
                            Math.max(1, b.getHeight() - 2 * inset)));
                }
            }
        }
    }
}
