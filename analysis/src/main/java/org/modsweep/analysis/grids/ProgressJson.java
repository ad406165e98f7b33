package org.modsweep.analysis.grids;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.modsweep.core.grid.GridManifest;

/** {@code progress.json} (grids.md §5): the progress measures of every run with test data, checkpoint by checkpoint. */
final class ProgressJson {

    static final String FILE = "progress.json";

    private ProgressJson() {}

    static ObjectNode of(GridManifest grid, double keyShare, List<RunProgress> runs) {
        ObjectNode root = GridJson.object();
        root.put("grid", grid.id());
        root.put("key_share", keyShare);
        ArrayNode rs = root.putArray("runs");
        for (RunProgress r : runs) {
            ObjectNode n = rs.addObject();
            n.put("id", r.run().id());
            ArrayNode keys = n.putArray("key_frequencies");
            r.keys().forEach(keys::add);
            ArrayNode epochs = n.putArray("epoch");
            r.points().forEach(pt -> epochs.add(pt.epoch()));
            series(n, "restricted_loss", r, ProgressMeasures.Point::restrictedLoss);
            series(n, "excluded_loss", r, ProgressMeasures.Point::excludedLoss);
            series(n, "gini_in", r, ProgressMeasures.Point::giniIn);
            series(n, "gini_out", r, ProgressMeasures.Point::giniOut);
            series(n, "weight_norm", r, ProgressMeasures.Point::weightNorm);
        }
        return root;
    }

    private static void series(ObjectNode n, String name, RunProgress r, ToDoubleFunction<ProgressMeasures.Point> f) {
        GridJson.doubles(n.putArray(name), r.points().stream().mapToDouble(f).toArray());
    }
}
