package org.modsweep.driver.cli;

import org.modsweep.driver.plan.LanePacking;
import picocli.CommandLine.Option;

/** {@code --lanes K|auto} (issue 13): how many same-shape runs one training task trains as lanes of one batch. */
public final class LaneOptions {

    @Option(
            names = "--lanes",
            paramLabel = "K|auto",
            defaultValue = "1",
            description = {
                "Train runs of the same shape (same p, d_mlp, act_type, optimizer, init_type) as lanes of one batched"
                        + " computation, up to K per Spark task; each lane is still committed as its own run with the"
                        + " same results. auto: as many as keep a batch's activations within "
                        + (org.modsweep.worker.lanes.LaneLoop.MAX_TENSOR_BYTES >> 20)
                        + " MB and its memory within " + (LanePacking.AUTO_MEMORY_BYTES >> 30) + " GB, at most "
                        + LanePacking.AUTO_MAX_LANES
                        + ". Default: ${DEFAULT-VALUE} (one run per task). auto sizes batches for a CPU's caches;"
                        + " on a GPU give K (64 or more)."
            })
    String lanes = "1";

    /** The packing, checked: a bad value is one line naming it. */
    public LanePacking packing() {
        return LanePacking.parse(lanes);
    }
}
