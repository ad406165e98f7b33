package org.modsweep.core.grid;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.modsweep.core.config.ConfigKey;

/**
 * The values of one grid axis, written as a comma list whose items are single values or ranges:
 * <ul>
 *   <li>{@code 0.5}, {@code ReLU}: one value;</li>
 *   <li>{@code 1..5}: every integer from 1 to 5 (integer keys only);</li>
 *   <li>{@code 0.3..0.9:0.1}: from 0.3 by 0.1 while ≤ 0.9, in decimal arithmetic (0.3, 0.4, …, 0.9: no 0.30000000000000004);</li>
 *   <li>{@code 1e-3..1:log4}: 4 values evenly spaced in log10 from 1e-3 to 1 inclusive (0.001, 0.01, 0.1, 1),
 *       each rounded to 12 significant digits (to the nearest integer for integer keys).</li>
 * </ul>
 * Every value is checked against the key's rule (grids.md §1); repeated values count once, in first-seen order.
 */
final class AxisValues {

    /** Most values one range may produce: a typo such as {@code 0..1:1e-9} fails fast instead of filling memory. */
    static final int MAX_RANGE = 100_000;

    private static final Pattern LOG = Pattern.compile("log(\\d+)");
    private static final MathContext SIGNIFICANT = new MathContext(12);

    private AxisValues() {}

    static List<Object> parse(ConfigKey key, String text) {
        List<Object> out = new ArrayList<>();
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("grid axis " + key + " has no values");
        }
        for (String raw : text.split(",", -1)) {
            String item = raw.trim();
            if (item.isEmpty()) {
                throw new IllegalArgumentException("grid axis " + key + "=" + text + ": an empty value in the list");
            }
            for (String v : expand(key, item)) {
                Object value = key.parse(v);
                if (!out.contains(value)) {
                    out.add(value);
                }
            }
        }
        return out;
    }

    private static List<String> expand(ConfigKey key, String item) {
        int dots = item.indexOf("..");
        if (dots < 0) {
            return List.of(item);
        }
        String rest = item.substring(dots + 2);
        int colon = rest.indexOf(':');
        if (!key.numeric()) {
            throw new IllegalArgumentException("grid axis " + key + "=" + item + ": ranges need a numeric key");
        }
        BigDecimal from = number(key, item, item.substring(0, dots));
        BigDecimal to = number(key, item, colon < 0 ? rest : rest.substring(0, colon));
        if (from.compareTo(to) > 0) {
            throw new IllegalArgumentException("grid axis " + key + "=" + item + ": the range runs backwards");
        }
        String step = colon < 0 ? null : rest.substring(colon + 1);
        if (step == null) {
            if (!key.integer()) {
                throw new IllegalArgumentException("grid axis " + key + "=" + item + ": a range of a decimal key "
                        + "needs a step (a..b:step) or a count of log-spaced values (a..b:logN)");
            }
            return arithmetic(key, item, from, to, BigDecimal.ONE);
        }
        Matcher log = LOG.matcher(step.trim());
        if (log.matches()) {
            return logSpaced(key, item, from, to, Integer.parseInt(log.group(1)));
        }
        BigDecimal by = number(key, item, step);
        if (by.signum() <= 0) {
            throw new IllegalArgumentException("grid axis " + key + "=" + item + ": the step must be > 0");
        }
        return arithmetic(key, item, from, to, by);
    }

    private static List<String> arithmetic(ConfigKey key, String item, BigDecimal from, BigDecimal to, BigDecimal by) {
        BigDecimal count = to.subtract(from).divide(by, MathContext.DECIMAL64);
        if (count.compareTo(BigDecimal.valueOf(MAX_RANGE)) >= 0) {
            throw new IllegalArgumentException(
                    "grid axis " + key + "=" + item + ": more than " + MAX_RANGE + " values in one range");
        }
        List<String> out = new ArrayList<>();
        for (BigDecimal v = from; v.compareTo(to) <= 0; v = v.add(by)) {
            if (key.integer() && v.stripTrailingZeros().scale() > 0) {
                throw new IllegalArgumentException(
                        "grid axis " + key + "=" + item + ": " + v.toPlainString() + " is not an integer");
            }
            out.add(v.stripTrailingZeros().toPlainString());
        }
        return out;
    }

    private static List<String> logSpaced(ConfigKey key, String item, BigDecimal from, BigDecimal to, int n) {
        if (n < 2 || n > MAX_RANGE) {
            throw new IllegalArgumentException("grid axis " + key + "=" + item + ": logN needs 2 <= N <= " + MAX_RANGE);
        }
        if (from.signum() <= 0) {
            throw new IllegalArgumentException(
                    "grid axis " + key + "=" + item + ": a log-spaced range needs " + "values > 0");
        }
        double a = Math.log10(from.doubleValue());
        double b = Math.log10(to.doubleValue());
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            BigDecimal v = i == 0
                    ? from
                    : i == n - 1 ? to : new BigDecimal(Math.pow(10, a + (b - a) * i / (n - 1)), SIGNIFICANT);
            if (key.integer()) {
                v = v.setScale(0, java.math.RoundingMode.HALF_EVEN);
            }
            out.add(v.stripTrailingZeros().toPlainString());
        }
        return out;
    }

    private static BigDecimal number(ConfigKey key, String item, String text) {
        try {
            return new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "grid axis " + key + "=" + item + ": '" + text.trim() + "' is not a number");
        }
    }
}
