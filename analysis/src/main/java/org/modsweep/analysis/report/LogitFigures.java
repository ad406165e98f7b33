package org.modsweep.analysis.report;

import java.awt.Color;
import java.awt.Graphics2D;
import org.modsweep.analysis.plots.CellMarks;
import org.modsweep.analysis.plots.ColorMap;
import org.modsweep.analysis.plots.DataLayer;
import org.modsweep.analysis.plots.Figure;
import org.modsweep.analysis.plots.Heatmap;
import org.modsweep.analysis.plots.Palette;
import org.modsweep.analysis.plots.Plot;
import org.modsweep.analysis.plots.Style;

/** The trained network's output logits over the pairs (0, i). */
final class LogitFigures {

    private LogitFigures() {}

    /** output_logits.png: logits of pairs (0, i) (columns) per output class (rows), with the three marked cells. */
    static Figure outputLogits(double[][] allLogits, int p) {
        double maxAbs = 0;
        for (double[] z : allLogits) {
            for (double v : z) {
                maxAbs = Math.max(maxAbs, Math.abs(v));
            }
        }
        double[][] m = new double[p][p];
        boolean[][] marks = new boolean[p][p];
        for (int i = 0; i < p; i++) {
            for (int c = 0; c < p; c++) {
                m[c][i] = allLogits[i][c]; // pair (0, i) has canonical index i
            }
            marks[0][i] = true;
            marks[(2 * i) % p][i] = true;
            marks[i % p][i] = true;
        }
        Figure f = Figure.inches(7, 6);
        int step = p <= 50 ? 1 : Math.max(1, p / 25);
        Heatmap hm = new Heatmap(m, ColorMap.diverging(0.8 * maxAbs))
                .axes("Input Pair", "Output", 18)
                .ticks(i -> i % step == 0 ? "(0," + i + ")" : Plot.blank(i), Integer::toString, p > 30 ? 9 : 14, 90)
                .place(f, 0, 0, f.width(), f.height());
        new DataLayer() { // faint dotted vertical grid at every pair
            @Override
            protected void draw(Graphics2D g) {
                g.setColor(Palette.alpha(Color.GRAY, 0.2));
                g.setStroke(Style.dotted(0.8));
                for (int i = 0; i < p; i += step) {
                    int x = (int) Math.round(sx(i));
                    g.drawLine(x, (int) sy(p - 0.5), x, (int) sy(-0.5));
                }
            }
        }.addTo(hm.chart());
        new CellMarks(marks, Palette.alpha(Palette.NAVY, 0.9), 1.6).addTo(hm.chart());
        return f;
    }
}
