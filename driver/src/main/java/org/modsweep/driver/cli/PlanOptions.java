package org.modsweep.driver.cli;

import java.io.IOException;
import java.io.PrintWriter;
import org.apache.spark.SparkConf;
import org.modsweep.core.grid.GridManifest;
import org.modsweep.core.store.ResultsStore;
import org.modsweep.driver.SweepRequest;
import org.modsweep.driver.grid.StoredGrid;
import org.modsweep.driver.plan.CostModel;
import org.modsweep.driver.plan.PlanReport;
import org.modsweep.driver.plan.SweepPlan;
import org.modsweep.driver.spark.HadoopConfs;
import org.modsweep.driver.spark.SparkSetup;
import picocli.CommandLine.Option;

/** {@code sweep --plan} (or {@code --dry-run}): the runs and an estimated wall time, read-only, without Spark. */
public final class PlanOptions {

    @Option(
            names = {"--plan", "--dry-run"},
            description = "Print the runs (id, epochs, d_mlp, committed or to train) and an estimated wall time from"
                    + " a cost model fitted to the store's own measured ms/epoch, then stop: nothing is written and"
                    + " Spark does not start.")
    boolean plan;

    public boolean requested() {
        return plan;
    }

    /** Prints the plan of {@code req}; reads the store (its committed runs, a grid of the same id), writes nothing. */
    public static void print(PrintWriter out, SweepRequest req) throws IOException {
        SparkConf conf = SparkSetup.conf(req.master(), req.sparkConf(), "modsweep sweep --plan");
        ResultsStore store = ResultsStore.open(req.storeUri(), HadoopConfs.from(conf));
        GridManifest grid =
                req.grid() == null ? null : StoredGrid.resume(store, req.grid().manifest());
        SweepPlan plan = SweepPlan.make(store, grid == null ? req.cells() : grid.runs(), req.epochCap());
        String master = conf.get("spark.master");
        String gridLine = grid == null
                ? null
                : grid.id() + " (" + grid.axes().keySet()
                        + (req.grid().refine() > 0
                                ? "; refinement may add up to " + req.grid().refine() + " grid points, not estimated"
                                : "")
                        + ")";
        CostModel model = CostModel.of(store);
        int slots = PlanReport.slots(
                master,
                java.util.Arrays.stream(conf.getAll())
                        .collect(java.util.stream.Collectors.toMap(t -> t._1(), t -> t._2(), (a, b) -> b)));
        PlanReport.lines(plan, model, master, slots, gridLine).forEach(out::println);
        out.flush();
    }
}
