package org.modsweep.analysis.plots;

import java.awt.Color;

/** The study's colours (outputs.md conventions): the five-colour palette and the two colour maps. */
public final class Palette {

    public static final Color NAVY = new Color(0x0D2758);
    public static final Color GREY = new Color(0x60656F);
    public static final Color GOLD = new Color(0xDEA54B);
    public static final Color DARK_RED = new Color(0xA32015);
    public static final Color TEAL = new Color(0x347186);
    /** COLORS = [navy, grey, gold, dark red, teal]. */
    public static final Color[] COLORS = {NAVY, GREY, GOLD, DARK_RED, TEAL};

    /** Stage shading of the grokking figures. */
    public static final Color STAGE1 = new Color(0xD4, 0xAF, 0x37, 38);

    public static final Color STAGE2 = new Color(0x8B, 0x73, 0x55, 38);
    public static final Color STAGE3 = new Color(0x60, 0x65, 0x6F, 38);
    /** Phase-difference / IPR progress line and the parameter-norm axis of the grokking figures. */
    public static final Color BROWN = new Color(0x986d56);

    public static final Color SLATE = new Color(0x2E5266);

    private Palette() {}

    public static Color alpha(Color c, double a) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), (int) Math.round(255 * a));
    }

    /** CMAP_DIVERGING at t ∈ [0, 1]: navy → white (t = 0.5) → dark red, 256 steps. */
    public static Color diverging(double t) {
        t = quantise(t);
        return t < 0.5 ? mix(NAVY, Color.WHITE, t / 0.5) : mix(Color.WHITE, DARK_RED, (t - 0.5) / 0.5);
    }

    /** CMAP_SEQUENTIAL at t ∈ [0, 1]: white → navy. */
    public static Color sequential(double t) {
        return mix(Color.WHITE, NAVY, quantise(t));
    }

    private static double quantise(double t) {
        if (Double.isNaN(t)) {
            return 0.5;
        }
        t = Math.max(0, Math.min(1, t));
        return Math.floor(t * 255.999) / 255.0;
    }

    /** Linear blend: (1 − t)·a + t·b. */
    public static Color mix(Color a, Color b, double t) {
        return new Color(
                (int) Math.round(a.getRed() + (b.getRed() - a.getRed()) * t),
                (int) Math.round(a.getGreen() + (b.getGreen() - a.getGreen()) * t),
                (int) Math.round(a.getBlue() + (b.getBlue() - a.getBlue()) * t));
    }
}
