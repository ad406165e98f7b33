package org.modsweep.worker.cli;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.modsweep.core.Cell;
import org.modsweep.core.Modulus;
import org.modsweep.core.ModulusList;
import org.modsweep.core.config.RunConfig;
import org.modsweep.core.config.StudyConfigs;
import org.modsweep.worker.Devices;
import org.modsweep.worker.Engines;
import org.modsweep.worker.TrainingListener;
import org.modsweep.worker.init.InitialWeights;
import org.modsweep.worker.init.Initializer;
import org.modsweep.worker.init.SeedLock;
import org.modsweep.worker.lanes.LaneLoop;
import org.modsweep.worker.train.DataSplit;
import org.modsweep.worker.train.TrainingLoop;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code modsweep bench lanes}: run-epochs per second of K runs of one configuration trained as one batch of lanes,
 * against the same K runs trained one after the other, on one thread (the training loop only: every metric of every
 * epoch and the checkpoints, which go nowhere).
 */
@Command(
        name = "lanes",
        mixinStandardHelpOptions = true,
        description = {
            "Times lanes: run-epochs per second for K runs of one configuration (seeds 42, 43, ...) trained "
                    + "as one batch, and for one solo run, for each modulus and K; one thread; the loop only (metrics "
                    + "every epoch, checkpoints computed but not written)."
        })
public final class BenchLanesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(
            names = "--p",
            defaultValue = "11,23,41",
            paramLabel = "LIST",
            description = "Moduli (default: ${DEFAULT-VALUE}).")
    String moduli;

    @Option(
            names = "--lanes",
            defaultValue = "1,4,16,64",
            paramLabel = "LIST",
            split = ",",
            description = "Lane counts K (default: ${DEFAULT-VALUE}).")
    List<Integer> laneCounts;

    @Option(
            names = "--config",
            defaultValue = "standard",
            paramLabel = "KEY",
            description = "Configuration of every lane (default: ${DEFAULT-VALUE}).")
    String config;

    @Option(
            names = "--run-epochs",
            defaultValue = "6400",
            paramLabel = "N",
            description = "Run-epochs per measurement at p <= 23, split over the K lanes, at least 20 epochs each "
                    + "(default: ${DEFAULT-VALUE}); a tenth of it above.")
    int runEpochs;

    @Option(
            names = "--device",
            defaultValue = "cpu",
            paramLabel = "DEV",
            description = "cpu or gpu:N (default: ${DEFAULT-VALUE}). On a GPU every K runs (the CPU's cache limit does"
                    + " not apply) and the wall-time columns are the ones to read.")
    String device;

    @Option(
            names = "--beyond-cache",
            description = "Also run lane counts above LaneLoop.maxLanes (activation tensors over 4 MB: slow on a CPU).")
    boolean beyondCache;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Devices.parse(device); // a bad device is one line before anything runs
        Engines.setThreads(1);
        out.println("load average before: " + BenchClock.loadAverage());
        out.println("run-epochs/s: per wall second; per cpu s: per second of the training thread's CPU time (the "
                + "figure to trust on a loaded machine); vs solo: the same ratio for lanes over one solo run");
        out.printf(
                "%-4s %5s %7s %9s %9s %13s %15s %11s %10s%n",
                "p", "K", "epochs", "cpu s", "wall s", "run-epochs/s", "per cpu s", "vs solo", "(cpu)");
        // warm-up, untimed: the engine and the JIT of both loops (shorter runs than this measure the JIT's work)
        measure(Modulus.of(11), 1, 3000, false);
        measure(Modulus.of(11), 4, 750, true);
        for (Modulus p : ModulusList.parse(moduli)) {
            int budget = p.p() > 23 ? Math.max(20, runEpochs / 10) : runEpochs;
            double[] solo = measure(p, 1, Math.max(20, budget), false);
            out.printf(
                    "%-4d %5s %7d %9.2f %9.2f %13.1f %15.1f %11s %10s%n",
                    p.p(), "solo", Math.max(20, budget), solo[0], solo[1], solo[2], solo[3], "1.00", "1.00");
            for (int k : laneCounts) {
                long bytes = 4L * k * p.p() * p.p() * p.dMlp();
                if (k > LaneLoop.maxLanes(p) && !beyondCache && onCpu()) {
                    out.printf(
                            "%-4d %5d   skipped: %d MB activation tensors, above the %d MB a batch keeps to "
                                    + "(LaneLoop.maxLanes = %d; --beyond-cache runs it)%n",
                            p.p(), k, bytes >> 20, LaneLoop.MAX_TENSOR_BYTES >> 20, LaneLoop.maxLanes(p));
                    continue;
                }
                int epochs = Math.max(20, budget / k);
                double[] r = measure(p, k, epochs, true);
                out.printf(
                        "%-4d %5d %7d %9.2f %9.2f %13.1f %15.1f %10.2fx %9.2fx%n",
                        p.p(), k, epochs, r[0], r[1], r[2], r[3], r[2] / solo[2], r[3] / solo[3]);
                out.flush();
            }
        }
        out.println("load average after: " + BenchClock.loadAverage());
        return 0;
    }

    private boolean onCpu() {
        return ai.djl.Device.cpu().equals(Devices.parse(device));
    }

    /** {cpu s, wall s, run-epochs per wall s, per cpu s} of K lanes (or one solo run) of {@code epochs} epochs. */
    private double[] measure(Modulus p, int k, int epochs, boolean lanes) throws IOException {
        RunConfig base = StudyConfigs.byKey(config);
        List<LaneLoop.Lane> batch = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            RunConfig c = new RunConfig(
                    base.key(),
                    base.act(),
                    base.initType(),
                    base.initScale(),
                    base.optimizer(),
                    base.lr(),
                    base.weightDecay(),
                    base.fracTrain(),
                    epochs,
                    false,
                    base.minP(),
                    base.saveEvery(),
                    base.seed() + i,
                    base.dMlp());
            InitialWeights init;
            DataSplit split;
            SeedLock.LOCK.lock();
            try {
                init = Initializer.draw(c, p.p(), p.dMlp());
                split = DataSplit.of(c, p.p(), init.torchDraws());
            } finally {
                SeedLock.LOCK.unlock();
            }
            batch.add(new LaneLoop.Lane(new Cell(p, c), c, init, split, checkpoint -> {}));
        }
        long cpu0 = BenchClock.threadCpuNanos();
        long wall0 = System.nanoTime();
        try (NDManager manager = Engines.newManager(Devices.parse(device))) {
            if (lanes) {
                new LaneLoop(batch, TrainingListener.NONE).run(manager);
            } else {
                LaneLoop.Lane l = batch.get(0);
                new TrainingLoop(l.cell(), l.config(), TrainingListener.NONE)
                        .run(manager, l.init(), l.split(), l.sink());
            }
        }
        double cpu = (BenchClock.threadCpuNanos() - cpu0) / 1e9;
        double wall = (System.nanoTime() - wall0) / 1e9;
        return new double[] {cpu, wall, (double) k * epochs / wall, (double) k * epochs / cpu};
    }
}
