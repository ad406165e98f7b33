package org.modsweep.analysis.report;

import java.util.Collection;
import java.util.Map;
import org.modsweep.core.config.PythonFloats;

/**
 * JSON text exactly as Python's {@code json.dump} writes it: compact with ", " and ": " separators, or indented
 * (indent 2, "," line ends); floats as Python's repr (shortest round trip, 1e-05 style), ints as ints, non-ASCII
 * escaped as \\uXXXX (ensure_ascii). Non-finite numbers are written as null, so every file stays strict JSON.
 * Accepts Map, Collection, arrays of primitives and objects, Number, String, Boolean and null.
 */
public final class PyJson {

    private PyJson() {
    }

    public static String compact(Object value) {
        StringBuilder sb = new StringBuilder(1024);
        write(sb, value, -1, 0);
        return sb.toString();
    }

    public static String indented(Object value) {
        StringBuilder sb = new StringBuilder(1024);
        write(sb, value, 2, 0);
        return sb.toString();
    }

    private static void newline(StringBuilder sb, int indent, int level) {
        sb.append('\n');
        for (int i = 0; i < indent * level; i++) {
            sb.append(' ');
        }
    }

    private static void write(StringBuilder sb, Object v, int indent, int level) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof String s) {
            string(sb, s);
        } else if (v instanceof Boolean b) {
            sb.append(b ? "true" : "false");
        } else if (v instanceof Double || v instanceof Float) {
            number(sb, ((Number) v).doubleValue());
        } else if (v instanceof Number n) {
            sb.append(n.longValue());
        } else if (v instanceof Map<?, ?> m) {
            if (m.isEmpty()) {
                sb.append("{}");
                return;
            }
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!first) {
                    sb.append(indent < 0 ? ", " : ",");
                }
                first = false;
                if (indent >= 0) {
                    newline(sb, indent, level + 1);
                }
                string(sb, String.valueOf(e.getKey()));
                sb.append(": ");
                write(sb, e.getValue(), indent, level + 1);
            }
            if (indent >= 0) {
                newline(sb, indent, level);
            }
            sb.append('}');
        } else if (v instanceof Collection<?> c) {
            list(sb, c.toArray(), indent, level);
        } else if (v instanceof double[] a) {
            Object[] o = new Object[a.length];
            for (int i = 0; i < a.length; i++) {
                o[i] = a[i];
            }
            list(sb, o, indent, level);
        } else if (v instanceof float[] a) {
            Object[] o = new Object[a.length];
            for (int i = 0; i < a.length; i++) {
                o[i] = (double) a[i];
            }
            list(sb, o, indent, level);
        } else if (v instanceof int[] a) {
            Object[] o = new Object[a.length];
            for (int i = 0; i < a.length; i++) {
                o[i] = a[i];
            }
            list(sb, o, indent, level);
        } else if (v instanceof Object[] a) {
            list(sb, a, indent, level);
        } else {
            throw new IllegalArgumentException("cannot write " + v.getClass() + " as JSON");
        }
    }

    private static void list(StringBuilder sb, Object[] items, int indent, int level) {
        if (items.length == 0) {
            sb.append("[]");
            return;
        }
        sb.append('[');
        for (int i = 0; i < items.length; i++) {
            if (i > 0) {
                sb.append(indent < 0 ? ", " : ",");
            }
            if (indent >= 0) {
                newline(sb, indent, level + 1);
            }
            write(sb, items[i], indent, level + 1);
        }
        if (indent >= 0) {
            newline(sb, indent, level);
        }
        sb.append(']');
    }

    private static void number(StringBuilder sb, double d) {
        if (!Double.isFinite(d)) {
            sb.append("null");
        } else {
            sb.append(PythonFloats.repr(d));
        }
    }

    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20 || c > 0x7f) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    /** Python's {@code round(x, 6)}: exact decimal value rounded half-even, then back to the nearest double. */
    public static double round(double x, int digits) {
        if (!Double.isFinite(x)) {
            return x;
        }
        return new java.math.BigDecimal(x).setScale(digits, java.math.RoundingMode.HALF_EVEN).doubleValue();
    }

    /** The double a float32 value widens to (reference values computed in float32 print this way). */
    public static double f32(double x) {
        return (float) x;
    }
}
