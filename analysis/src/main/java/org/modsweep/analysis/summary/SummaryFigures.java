package org.modsweep.analysis.summary;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.modsweep.analysis.plots.ColorMap;
import org.modsweep.analysis.plots.Figure;
import org.modsweep.analysis.plots.Heatmap;
import org.modsweep.analysis.plots.Palette;
import org.modsweep.analysis.plots.Plot;
import org.modsweep.analysis.plots.Style;

/** Figures of the cross-p summary. */
public final class SummaryFigures {

    private SummaryFigures() {}

    /** moduli.png: six panels of per-p quantities against p (standard navy, grokking dark red). */
    public static Figure moduli(Map<Integer, JsonNode> perP) {
        Figure f = Figure.inches(15, 8.5);
        int w = f.width() / 3;
        int h = (f.height() - Style.px(0.5)) / 2;
        String[][] panels = {
            {"Final Train Loss", "final_train_loss", "Loss"},
            {"Epochs to 100% Train Accuracy", "epochs_to_full_train_acc", "Epoch"},
            {"Grokking Delay (Stage II)", "grokking_delay", "Epochs"},
            {"Final Avg. IPR", "final_ipr", "IPR"},
            {"Key Frequencies", "key_frequencies", "Frequencies (≥ 1% of neurons)"},
            {"Mean Phase Misalignment |D|", "mean_phase_misalignment", "Radians"}
        };
        for (int i = 0; i < panels.length; i++) {
            XYChart c = Style.xy(w, h);
            c.setTitle(panels[i][0]);
            c.getStyler().setChartTitleFont(Style.font(13));
            c.setXAxisTitle("p");
            c.setYAxisTitle(panels[i][2]);
            c.getStyler().setMarkerSize((int) Style.pt(5));
            boolean any = false;
            for (String run : List.of("standard", "grokking")) {
                List<Double> xs = new ArrayList<>();
                List<Double> ys = new ArrayList<>();
                for (Map.Entry<Integer, JsonNode> e : perP.entrySet()) {
                    JsonNode v = e.getValue().path(run).path(panels[i][1]);
                    if (v.isNumber() && Double.isFinite(v.asDouble())) {
                        xs.add((double) e.getKey());
                        ys.add(v.asDouble());
                    }
                }
                if (!xs.isEmpty()) {
                    Plot.line(
                            c,
                            run.equals("standard") ? "Standard" : "Grokking",
                            xs.stream().mapToDouble(Double::doubleValue).toArray(),
                            ys.stream().mapToDouble(Double::doubleValue).toArray(),
                            run.equals("standard") ? Palette.NAVY : Palette.DARK_RED,
                            Style.stroke(1.5),
                            SeriesMarkers.CIRCLE);
                    any = true;
                }
            }
            if (panels[i][1].equals("key_frequencies") && !perP.isEmpty()) {
                double[] xs =
                        perP.keySet().stream().mapToDouble(Integer::doubleValue).toArray();
                double[] ks = perP.values().stream()
                        .mapToDouble(n -> n.path("frequencies").asDouble())
                        .toArray();
                Plot.line(c, "K = (p−1)/2", xs, ks, Palette.GREY, Style.dashed(1.2), null);
                any = true;
            }
            if (!any) {
                Plot.line(c, "no data", new double[] {0, 1}, new double[] {0, 0}, Color.WHITE, Style.stroke(0.1), null);
            }
            Style.grid(c, 0.3, false);
            Plot.legend(c, Styler.LegendPosition.InsideNE, 10);
            f.add(c, (i % 3) * w, Style.px(0.5) + (i / 3) * h, w, h);
        }
        f.text("Across Moduli", 18, f.width() / 2, (int) (Style.px(0.5) * 0.75));
        return f;
    }

    /** frequency_census_RUN.png: per p a frequency × checkpoint image of neuron counts. */
    public static Figure census(Map<Integer, JsonNode> perP, String run) {
        List<Integer> ps = new ArrayList<>();
        for (Map.Entry<Integer, JsonNode> e : perP.entrySet()) {
            if (e.getValue().path(run).path("census").path("counts").size() > 0) {
                ps.add(e.getKey());
            }
        }
        int cols = Math.max(1, Math.min(3, ps.size()));
        int rows = Math.max(1, (ps.size() + cols - 1) / cols);
        Figure f = Figure.inches(Math.max(8, 6 * cols), 4 * rows + 0.5);
        int w = f.width() / cols;
        int h = (f.height() - Style.px(0.5)) / rows;
        for (int i = 0; i < ps.size(); i++) {
            JsonNode c = perP.get(ps.get(i)).path(run).path("census");
            JsonNode counts = c.path("counts");
            JsonNode epochs = c.path("epochs");
            int n = counts.size();
            int k = counts.get(0).size() - 1;
            double[][] m = new double[k][n];
            double max = 1;
            for (int t = 0; t < n; t++) {
                for (int q = 1; q <= k; q++) {
                    m[q - 1][t] = counts.get(t).get(q).asDouble();
                    max = Math.max(max, m[q - 1][t]);
                }
            }
            int step = Math.max(1, n / 8);
            new Heatmap(m, ColorMap.sequential(0, max))
                    .title("p = " + ps.get(i) + " (" + run + ")", 13)
                    .axes("Checkpoint Epoch", "Frequency", 11)
                    .ticks(
                            t -> t % step == 0 ? Integer.toString(epochs.get(t).asInt()) : Plot.blank(t),
                            q -> Integer.toString(q + 1),
                            9,
                            90)
                    .place(f, (i % cols) * w, Style.px(0.5) + (i / cols) * h, w, h);
        }
        String title = "Neurons per Dominant Frequency over Training (" + run + ")";
        if (ps.isEmpty()) {
            XYChart c = Style.xy(f.width(), f.height() - Style.px(0.5));
            c.setTitle("no " + run + " runs in the store");
            Plot.line(c, null, new double[] {0, 1}, new double[] {0, 0}, Color.LIGHT_GRAY, Style.stroke(1), null);
            f.add(c, 0, Style.px(0.5), f.width(), f.height() - Style.px(0.5));
        }
        f.text(title, 13, f.width() / 2, (int) (Style.px(0.5) * 0.75));
        return f;
    }
}
