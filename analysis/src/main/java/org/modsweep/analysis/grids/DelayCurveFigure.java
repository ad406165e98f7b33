package org.modsweep.analysis.grids;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.modsweep.analysis.plots.Figure;
import org.modsweep.analysis.plots.Palette;
import org.modsweep.analysis.plots.Plot;
import org.modsweep.analysis.plots.Style;
import org.modsweep.analysis.report.Panels;
import org.modsweep.core.config.ConfigKey;

/**
 * {@code delay_<axis>.png} (grids.md §4): t_train, t_test and the delay against one axis's value, one line per
 * combination of the other axes: the mean over the seeds that reached the threshold with its 95% bootstrap interval
 * as an error bar, and each seed that never reached it as a cross at its run's budget (epochs run), so a curve that
 * stops generalising is seen stopping, not silently shortened. Log x for lr, weight_decay and init_scale when every
 * value is positive.
 */
final class DelayCurveFigure {

    /** @param needsTest whether the outcome exists only for runs with a test split */
    private record Outcome(String title, Function<RunOutcome, Integer> value, boolean needsTest) {}

    private static final List<Outcome> OUTCOMES = List.of(
            new Outcome("t_train", RunOutcome::tTrain, false),
            new Outcome("t_test", RunOutcome::tTest, true),
            new Outcome("delay (t_test − t_train)", RunOutcome::delay, true));

    private DelayCurveFigure() {}

    static Figure of(ConfigKey axis, Map<GridSlices.Context, List<GridRun>> slices, PhaseThresholds t) {
        GridSlices.Varying varying = GridSlices.Varying.of(slices.keySet());
        boolean log = GridSlices.logScale(
                axis, slices.values().stream().flatMap(List::stream).toList());
        Figure f = Figure.inches(15, 4.8);
        int w = f.width() / 3;
        int h = f.height() - Style.px(0.45);
        for (int o = 0; o < OUTCOMES.size(); o++) {
            Outcome out = OUTCOMES.get(o);
            XYChart c = Panels.xy(w, h, out.title(), axis.key() + (log ? " (log scale)" : ""), "Epoch");
            if (log) {
                logTicks(c);
            }
            c.getStyler().setMarkerSize((int) Style.pt(5));
            double[] unreached = null;
            int s = 0;
            for (Map.Entry<GridSlices.Context, List<GridRun>> e : slices.entrySet()) {
                Color color = Palette.COLORS[s++ % Palette.COLORS.length];
                String name = slices.size() == 1 ? "seed mean" : e.getKey().label(varying);
                double[] miss = slice(c, axis, log, e.getValue(), out, color, name);
                unreached = unreached == null ? miss : unreached;
            }
            if (unreached != null) {
                // the legend's entry, drawn over one of the crosses it explains
                Plot.scatter(
                        c,
                        "never reached (at its budget)",
                        new double[] {unreached[0]},
                        new double[] {unreached[1]},
                        Palette.GREY,
                        SeriesMarkers.CROSS);
            }
            if (c.getSeriesMap().isEmpty()) {
                Plot.line(
                        c,
                        "no run reached it",
                        new double[] {0, 1},
                        new double[] {0, 0},
                        Color.WHITE,
                        Style.stroke(0.1),
                        null);
            }
            Style.grid(c, 0.3, false);
            Plot.legend(c, Styler.LegendPosition.InsideNW, 9);
            f.add(c, o * w, Style.px(0.45), w, h);
        }
        f.text(
                "Along " + axis.key() + " (threshold " + t.accuracy() + ", seed mean ± 95% interval)",
                13,
                f.width() / 2,
                (int) (Style.px(0.45) * 0.75));
        return f;
    }

    /** One slice's mean line with error bars and its unreached seeds; returns where one was drawn, or null. */
    private static double[] slice(
            XYChart c, ConfigKey axis, boolean log, List<GridRun> runs, Outcome out, Color color, String name) {
        Map<Double, List<GridRun>> byX = new TreeMap<>();
        for (GridRun r : runs) {
            if (out.needsTest() && r.cell().config().fullData()) {
                continue; // no test split: t_test and the delay do not exist, they are not "never reached"
            }
            double x = GridSlices.x(r, axis);
            byX.computeIfAbsent(log ? Math.log10(x) : x, k -> new ArrayList<>()).add(r);
        }
        List<Double> xs = new ArrayList<>();
        List<Double> means = new ArrayList<>();
        List<Double> missX = new ArrayList<>();
        List<Double> missY = new ArrayList<>();
        for (Map.Entry<Double, List<GridRun>> e : byX.entrySet()) {
            List<Integer> values = new ArrayList<>();
            for (GridRun r : e.getValue()) {
                Integer v = out.value().apply(r.outcome());
                values.add(v);
                if (v == null) {
                    missX.add(e.getKey());
                    missY.add((double) r.outcome().epochsRun());
                }
            }
            OutcomeStatistics st = OutcomeStatistics.of(values);
            if (st.mean() != null) {
                xs.add(e.getKey());
                means.add(st.mean());
                Plot.vline(c, e.getKey(), st.low(), st.high(), color, Style.stroke(1.2));
            }
        }
        if (!xs.isEmpty()) {
            Plot.line(c, name, doubles(xs), doubles(means), color, Style.stroke(1.5), SeriesMarkers.CIRCLE);
        }
        if (!missX.isEmpty()) {
            Plot.scatter(c, null, doubles(missX), doubles(missY), color, SeriesMarkers.CROSS);
        }
        return missX.isEmpty() ? null : new double[] {missX.get(0), missY.get(0)};
    }

    /**
     * A log axis is drawn as log10 of the values on a linear axis, each tick labelled with 10^tick to two significant
     * digits (XChart's own log axis labels only powers of 10, none at all within a decade).
     */
    private static void logTicks(XYChart c) {
        c.setCustomXAxisTickLabelsFormatter(v -> new java.math.BigDecimal(Math.pow(10, v))
                .round(new java.math.MathContext(2))
                .stripTrailingZeros()
                .toPlainString());
    }

    private static double[] doubles(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
