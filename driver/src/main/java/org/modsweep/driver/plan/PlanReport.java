package org.modsweep.driver.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.modsweep.core.Cell;
import org.modsweep.driver.monitor.SweepProgress;

/**
 * What {@code sweep --plan} prints: every run of the plan with its epochs, hidden width and state, and the wall time
 * its pending runs should take on the master's task slots under a {@link CostModel}.
 */
public final class PlanReport {

    private static final Pattern LOCAL = Pattern.compile("local(?:\\[(\\*|\\d+)(?:\\s*,\\s*\\d+)?])?");

    private PlanReport() {}

    /** Estimated wall time of the plan's pending runs, in seconds, spread over {@code slots} task slots. */
    public static double seconds(SweepPlan plan, CostModel model, int slots) {
        double total = 0;
        for (Cell c : plan.pending()) {
            total += model.seconds(c, plan.plannedEpochs(c));
        }
        return total / Math.max(1, slots);
    }

    /**
     * The task slots a master offers, as far as it can be told without starting Spark: local[N] gives N, local[*]
     * this machine's cores, a cluster master {@code spark.cores.max} or executors × cores when set (else 1); each
     * divided by {@code spark.task.cpus}.
     */
    public static int slots(String master, Map<String, String> conf) {
        int cpusPerTask = Math.max(1, intOf(conf.get("spark.task.cpus"), 1));
        Matcher m = LOCAL.matcher(master.trim());
        int cores;
        if (m.matches()) {
            String n = m.group(1);
            cores = n == null ? 1 : n.equals("*") ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(n);
        } else if (conf.containsKey("spark.cores.max")) {
            cores = intOf(conf.get("spark.cores.max"), 1);
        } else {
            cores = intOf(conf.get("spark.executor.instances"), 1) * intOf(conf.get("spark.executor.cores"), 1);
        }
        return Math.max(1, cores / cpusPerTask);
    }

    /** The lines to print. */
    public static List<String> lines(SweepPlan plan, CostModel model, String master, int slots, String grid) {
        List<String> out = new ArrayList<>();
        out.add("plan: " + plan.describe());
        if (grid != null) {
            out.add("grid: " + grid);
        }
        int width = Math.max(
                3, plan.grid().stream().mapToInt(c -> c.id().length()).max().orElse(3));
        out.add(String.format("  %-" + width + "s  %7s  %6s  %9s  %s", "run", "epochs", "d_mlp", "est. time", "state"));
        Set<String> pending = plan.pending().stream().map(Cell::id).collect(java.util.stream.Collectors.toSet());
        for (Cell c : plan.grid()) {
            int epochs = plan.plannedEpochs(c);
            String state = !pending.contains(c.id())
                    ? "committed"
                    : plan.retrain().contains(c.id()) ? "retrain (fewer epochs stored)" : "to train";
            out.add(String.format(
                    "  %-" + width + "s  %7d  %6d  %9s  %s",
                    c.id(),
                    epochs,
                    c.dMlp(),
                    SweepProgress.duration(model.seconds(c, epochs)),
                    state));
        }
        double seconds = seconds(plan, model, slots);
        out.add(String.format(
                "estimated wall time: %s for %d run%s on %d task slot%s (%s); %s",
                SweepProgress.duration(seconds),
                plan.pending().size(),
                plan.pending().size() == 1 ? "" : "s",
                slots,
                slots == 1 ? "" : "s",
                master,
                model.describe()));
        out.add("nothing written (--plan): run the same command without --plan to train");
        return out;
    }

    private static int intOf(String v, int fallback) {
        try {
            return v == null ? fallback : Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
