package org.modsweep.driver.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.modsweep.core.Cell;
import org.modsweep.core.config.Overrides;
import org.modsweep.core.config.RunConfig;
import org.modsweep.core.store.ResultsStore;
import org.modsweep.driver.CellResult;
import org.modsweep.driver.Sweep;
import org.modsweep.driver.SweepListener;
import org.modsweep.driver.SweepRequest;
import org.modsweep.driver.monitor.ProgressListener;
import org.modsweep.driver.plan.LanePacking;
import org.modsweep.driver.plan.SweepPlan;
import org.modsweep.driver.spark.HadoopConfs;
import org.modsweep.driver.spark.SparkSetup;
import org.modsweep.driver.spark.TrainingStage;

/**
 * The training stage of a sweep over N seeds of every cell ({@code bench sweep --seeds N}), timed as a sweep is: a
 * fresh Spark session, the stage, the cleanup. Seeds give the same-shape runs that lanes pack (what
 * {@code sweep --grid 'seed=1..N' --lanes K --no-reduce} trains).
 */
final class SeedRunsBench {

    /** Wall seconds of the whole stage (session start to stop) and how each run ended. */
    record Timed(double seconds, int slots, List<CellResult> results) {}

    private SeedRunsBench() {}

    /** Every cell of the request's moduli × configurations, once per seed 1..n. */
    static List<Cell> runs(SweepRequest req, int seeds) {
        List<Cell> out = new ArrayList<>();
        for (Cell c : SweepPlan.grid(req.moduli(), req.configs())) {
            for (int s = 1; s <= seeds; s++) {
                RunConfig seeded = c.config().with(Overrides.parse(List.of("seed=" + s)));
                out.add(new Cell(c.modulus(), seeded));
            }
        }
        return out;
    }

    static Timed train(SweepRequest req, List<Cell> runs, LanePacking packing, SweepListener listener)
            throws IOException {
        long t0 = System.nanoTime();
        SparkConf conf = SparkSetup.conf(req.master(), req.sparkConf(), "modsweep bench sweep");
        ResultsStore store = Sweep.openStore(req.storeUri(), HadoopConfs.from(conf));
        List<Cell> pending = new ArrayList<>(runs);
        pending.sort(SweepPlan.largestFirst(req.epochCap()));
        SweepPlan plan = new SweepPlan(runs, List.of(), pending, Set.of(), req.epochCap());
        SparkContext sc = SparkSetup.acquire(conf);
        try {
            sc.setLocalProperty(ProgressListener.SWEEP_PROPERTY, "modsweep-bench-seeds");
            List<CellResult> results = new TrainingStage(sc, req, plan, store, listener, () -> false, packing).run();
            store.discardStaleAttempts();
            return new Timed((System.nanoTime() - t0) / 1e9, SparkSetup.slots(sc), results);
        } finally {
            sc.setLocalProperty(ProgressListener.SWEEP_PROPERTY, null);
            SparkSetup.release(sc);
        }
    }
}
