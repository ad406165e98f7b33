package org.modsweep.analysis.grids;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.modsweep.core.config.ConfigKey;

/**
 * Refinement near phase boundaries (grids.md §6), as a pure function: given the grid points of one modulus and
 * configuration with their majority phases, the new points one round adds. Two points are neighbours when they
 * differ on one axis only and no point of the grid lies between them on it; where their phases differ, the round
 * adds their midpoint: the geometric mean on the log-scale keys ({@link ConfigKey#logScale()}; a pair with a zero
 * end, e.g. weight_decay 0, has no geometric mean and takes the arithmetic one), the arithmetic mean otherwise,
 * rounded to 12 significant digits as log-spaced ranges are, integers to the nearest integer (half to even); a
 * midpoint that equals an end after rounding does not fit and is skipped, as are non-numeric axes.
 */
public final class Refinement {

    private static final MathContext SIGNIFICANT = new MathContext(12);

    private Refinement() {}

    /**
     * The new points, each a value for every one of {@code axes} (seed excluded: a point stands for all its seeds),
     * in a fixed order: axes in the order given, and along each axis the lines and pairs in the order of the points'
     * first appearance and ascending value. Points already in {@code phases} and repeats are left out.
     *
     * @param phases every classified grid point (its value on each of {@code axes}) with its majority phase
     * @param axes   the grid's axes other than seed
     */
    public static List<Map<ConfigKey, Object>> midpoints(
            Map<Map<ConfigKey, Object>, Phase> phases, List<ConfigKey> axes) {
        Set<Map<ConfigKey, Object>> out = new LinkedHashSet<>();
        for (ConfigKey axis : axes) {
            if (!axis.numeric()) {
                continue;
            }
            for (List<Map<ConfigKey, Object>> line : lines(phases.keySet(), axis)) {
                for (int i = 1; i < line.size(); i++) {
                    Map<ConfigKey, Object> a = line.get(i - 1);
                    Map<ConfigKey, Object> b = line.get(i);
                    if (phases.get(a) == phases.get(b)) {
                        continue;
                    }
                    Object mid = midpoint(axis, a.get(axis), b.get(axis));
                    if (mid != null) {
                        Map<ConfigKey, Object> point = new EnumMap<>(ConfigKey.class);
                        point.putAll(a);
                        point.put(axis, mid);
                        if (!phases.containsKey(point)) {
                            out.add(point);
                        }
                    }
                }
            }
        }
        return List.copyOf(out);
    }

    /** The points grouped by their values on every axis but {@code axis}, each group sorted along {@code axis}. */
    private static List<List<Map<ConfigKey, Object>>> lines(Set<Map<ConfigKey, Object>> points, ConfigKey axis) {
        Map<Map<ConfigKey, Object>, List<Map<ConfigKey, Object>>> lines = new LinkedHashMap<>();
        for (Map<ConfigKey, Object> p : points) {
            Map<ConfigKey, Object> rest = new EnumMap<>(ConfigKey.class);
            rest.putAll(p);
            rest.remove(axis);
            lines.computeIfAbsent(rest, k -> new ArrayList<>()).add(p);
        }
        List<List<Map<ConfigKey, Object>>> out = new ArrayList<>();
        for (List<Map<ConfigKey, Object>> line : lines.values()) {
            line.sort(Comparator.comparingDouble(p -> number(p.get(axis))));
            out.add(line);
        }
        return out;
    }

    /**
     * The midpoint of two values of a numeric key (canonical types: Integer or Long for integer keys, Double
     * otherwise), or null when no new value fits between them.
     */
    public static Object midpoint(ConfigKey key, Object a, Object b) {
        double x = number(a);
        double y = number(b);
        if (key.integer()) {
            long m = new BigDecimal(Math.min(x, y) + Math.max(x, y))
                    .divide(BigDecimal.valueOf(2))
                    .setScale(0, RoundingMode.HALF_EVEN)
                    .longValueExact();
            if (m <= Math.min(x, y) || m >= Math.max(x, y)) {
                return null;
            }
            return key.parse(Long.toString(m));
        }
        double mid = key.logScale() && x > 0 && y > 0 ? Math.sqrt(x) * Math.sqrt(y) : x / 2 + y / 2;
        double rounded = new BigDecimal(mid, SIGNIFICANT).doubleValue();
        if (rounded <= Math.min(x, y) || rounded >= Math.max(x, y)) {
            return null;
        }
        return key.parse(new BigDecimal(mid, SIGNIFICANT).stripTrailingZeros().toPlainString());
    }

    private static double number(Object v) {
        return ((Number) Objects.requireNonNull(v, "an axis value")).doubleValue();
    }
}
