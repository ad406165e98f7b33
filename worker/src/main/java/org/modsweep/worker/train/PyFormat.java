package org.modsweep.worker.train;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Python's {@code format(v, '.Nf')}: the exact binary value rounded half-even, as CPython prints it. */
public final class PyFormat {

    private PyFormat() {}

    public static String fixed(double v, int decimals) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        String s = new BigDecimal(v).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
        boolean negative = v < 0 || (v == 0 && 1 / v < 0);
        if (negative && !s.startsWith("-")) {
            s = "-" + s;
        }
        return s;
    }

    /** Right-aligned in {@code width}, like {@code f"{v:>W.Nf}"}. */
    public static String fixed(double v, int width, int decimals) {
        return pad(fixed(v, decimals), width);
    }

    public static String pad(String s, int width) {
        return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
    }
}
