package org.modsweep.worker.cli;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.modsweep.core.Cell;
import org.modsweep.core.Modulus;
import org.modsweep.core.ModulusList;
import org.modsweep.core.config.RunConfig;
import org.modsweep.core.config.StudyConfigs;
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
@Command(name = "lanes", mixinStandardHelpOptions = true,
        description = {"Times lanes: run-epochs per second for K runs of one configuration (seeds 42, 43, ...) trained "
                + "as one batch, and for one solo run, for each modulus and K; one thread; the loop only (metrics "
                + "every epoch, checkpoints computed but not written)."})
public final class BenchLanesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--p", defaultValue = "11,23,41", paramLabel = "LIST",
            description = "Moduli (default: ${DEFAULT-VALUE}).")
    String moduli;

    @Option(names = "--lanes", defaultValue = "1,4,16,64", paramLabel = "LIST", split = ",",
            description = "Lane counts K (default: ${DEFAULT-VALUE}).")
    List<Integer> laneCounts;

    @Option(names = "--config", defaultValue = "standard", paramLabel = "KEY",
            description = "Configuration of every lane (default: ${DEFAULT-VALUE}).")
    String config;

    @Option(names = "--run-epochs", defaultValue = "1600", paramLabel = "N",
            description = "Run-epochs per measurement at p <= 23, split over the K lanes, at least 20 epochs each "
                    + "(default: ${DEFAULT-VALUE}); a tenth of it above.")
    int runEpochs;

    @Option(names = "--memory-mb", defaultValue = "1500", paramLabel = "MB",
            description = "Skip a batch whose activations would exceed this (default: ${DEFAULT-VALUE}).")
    long memoryMb;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Engines.setThreads(1);
        out.println("load average before: " + BenchTrainCommand.loadAverage());
        out.printf("%-4s %5s %7s %12s %12s %14s %9s%n", "p", "K", "epochs", "cpu s", "wall s", "run-epochs/s",
                "vs solo");
        measure(Modulus.of(7), 1, 20, false); // warm-up: engine, JIT
        for (Modulus p : ModulusList.parse(moduli)) {
            int budget = p.p() > 23 ? Math.max(20, runEpochs / 10) : runEpochs;
            double[] solo = measure(p, 1, Math.max(20, budget), false);
            out.printf("%-4d %5s %7d %12.2f %12.2f %14.1f %9s%n", p.p(), "solo", Math.max(20, budget), solo[0],
                    solo[1], solo[2], "1.00");
            for (int k : laneCounts) {
                long bytes = 4L * k * p.p() * p.p() * p.dMlp() * 4;
                if (bytes > memoryMb << 20) {
                    out.printf("%-4d %5d   skipped: ~%d MB of activations > --memory-mb %d%n", p.p(), k, bytes >> 20,
                            memoryMb);
                    continue;
                }
                int epochs = Math.max(20, budget / k);
                double[] r = measure(p, k, epochs, true);
                out.printf("%-4d %5d %7d %12.2f %12.2f %14.1f %8.2fx%n", p.p(), k, epochs, r[0], r[1], r[2],
                        r[2] / solo[2]);
                out.flush();
            }
        }
        out.println("load average after: " + BenchTrainCommand.loadAverage());
        return 0;
    }

    /** {cpu s, wall s, run-epochs per wall second} of K lanes (or one solo run) of {@code epochs} epochs. */
    private double[] measure(Modulus p, int k, int epochs, boolean lanes) throws IOException {
        RunConfig base = StudyConfigs.byKey(config);
        List<LaneLoop.Lane> batch = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            RunConfig c = new RunConfig(base.key(), base.act(), base.initType(), base.initScale(), base.optimizer(),
                    base.lr(), base.weightDecay(), base.fracTrain(), epochs, false, base.minP(), base.saveEvery(),
                    base.seed() + i);
            InitialWeights init;
            DataSplit split;
            SeedLock.LOCK.lock();
            try {
                init = Initializer.draw(c, p.p(), p.dMlp());
                split = DataSplit.of(c, p.p(), init.torchDraws());
            } finally {
                SeedLock.LOCK.unlock();
            }
            batch.add(new LaneLoop.Lane(new Cell(p, c), c, init, split, checkpoint -> { }));
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu0 = threads.getCurrentThreadCpuTime();
        long wall0 = System.nanoTime();
        try (NDManager manager = NDManager.newBaseManager(Engines.PYTORCH)) {
            if (lanes) {
                new LaneLoop(batch, TrainingListener.NONE).run(manager);
            } else {
                LaneLoop.Lane l = batch.get(0);
                new TrainingLoop(l.cell(), l.config(), TrainingListener.NONE).run(manager, l.init(), l.split(),
                        l.sink());
            }
        }
        double cpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
        double wall = (System.nanoTime() - wall0) / 1e9;
        return new double[] {cpu, wall, (double) k * epochs / wall};
    }
}
