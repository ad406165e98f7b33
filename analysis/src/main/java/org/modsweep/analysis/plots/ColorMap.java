package org.modsweep.analysis.plots;

import java.awt.Color;
import java.util.function.DoubleFunction;

/** A colour map with its value limits (vmin → t = 0, vmax → t = 1). */
public record ColorMap(DoubleFunction<Color> map, double vmin, double vmax) {

    public static ColorMap diverging(double limit) {
        double l = limit > 0 && Double.isFinite(limit) ? limit : 1;
        return new ColorMap(Palette::diverging, -l, l);
    }

    public static ColorMap sequential(double vmin, double vmax) {
        return new ColorMap(Palette::sequential, vmin, vmax > vmin ? vmax : vmin + 1);
    }

    public Color color(double v) {
        return map.apply((v - vmin) / (vmax - vmin));
    }

    public int rgb(double v) {
        return color(v).getRGB();
    }
}
