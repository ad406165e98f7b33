package org.modsweep.analysis.grids;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.modsweep.core.Cell;
import org.modsweep.core.grid.GridManifest;

/** {@code phases.json}: every run's outcome and phase (grids.md §2) and every grid point's majority phase (§3). */
final class PhasesJson {

    static final String FILE = "phases.json";

    private PhasesJson() {}

    static ObjectNode of(
            GridManifest grid, PhaseThresholds t, List<GridRun> runs, List<GridPoint> points, List<Cell> missing) {
        ObjectNode root = GridJson.object();
        root.put("grid", grid.id());
        ObjectNode axes = root.putObject("axes");
        grid.axes().forEach((k, vs) -> {
            ArrayNode a = axes.putArray(k.key());
            vs.forEach(v -> GridJson.add(a, k, v));
        });
        root.set("thresholds", GridJson.thresholds(t));
        ArrayNode rs = root.putArray("runs");
        for (GridRun r : runs) {
            ObjectNode n = rs.addObject();
            n.put("id", r.cell().id());
            n.put("p", r.cell().p());
            n.put("config", r.cell().config().key());
            GridJson.putAll(n, r.point());
            RunOutcome o = r.outcome();
            n.put("epochs_run", o.epochsRun());
            GridJson.putNullable(n, "t_train", o.tTrain());
            GridJson.putNullable(n, "t_test", o.tTest());
            GridJson.putNullable(n, "delay", o.delay());
            n.put("phase", o.phase().label());
            GridJson.putFinite(n, "final_train_acc", r.finalTrainAcc());
            GridJson.putFinite(n, "final_test_acc", o.finalTestAcc());
        }
        ArrayNode ps = root.putArray("points");
        for (GridPoint p : points) {
            ObjectNode n = ps.addObject();
            n.put("p", p.p());
            n.put("config", p.config());
            GridJson.putAll(n, p.values());
            PhaseCounts counts = p.phases();
            n.put("phase", counts.majority().label());
            ObjectNode c = n.putObject("counts");
            counts.counts().forEach((phase, count) -> c.put(phase.label(), count));
            ArrayNode seeds = n.putArray("seeds");
            p.seeds().forEach(seeds::add);
            ArrayNode ids = n.putArray("runs");
            p.runs().forEach(r -> ids.add(r.cell().id()));
        }
        ArrayNode miss = root.putArray("missing");
        missing.forEach(c -> miss.add(c.id()));
        return root;
    }
}
