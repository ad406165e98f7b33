package org.modsweep.worker.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.modsweep.core.Cell;
import org.modsweep.core.Modulus;
import org.modsweep.core.ModulusList;
import org.modsweep.core.cli.CliBounds;
import org.modsweep.core.config.RunConfig;
import org.modsweep.core.config.StudyConfigs;
import org.modsweep.core.run.Platform;
import org.modsweep.core.run.RunRecord;
import org.modsweep.core.store.ResultsStore;
import org.modsweep.worker.CellTrainer;
import org.modsweep.worker.Platforms;
import org.modsweep.worker.TrainOptions;
import org.modsweep.worker.TrainingListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code modsweep bench train}: ms/epoch of every configuration through the real training path (all metrics every
 * epoch, checkpoints every 200 epochs into Parquet, commit), for each modulus and thread count.
 */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description = {
            "Times training: ms/epoch for each configuration, modulus and thread count, and the total for "
                    + "one modulus's five trainings. Every epoch computes all metrics and every 200th writes a checkpoint, "
                    + "exactly as a real run (it is one: each training is committed into a scratch store)."
        })
public final class BenchTrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(
            names = "--p",
            defaultValue = "23,41",
            paramLabel = "LIST",
            description = "Moduli (default: ${DEFAULT-VALUE}).")
    String moduli;

    @Option(
            names = "--configs",
            defaultValue = "all",
            paramLabel = "LIST",
            description = "Configurations (default: all five).")
    String configs;

    @Option(
            names = "--threads",
            defaultValue = "1,2",
            paramLabel = "LIST",
            split = ",",
            description = "Intra-op thread counts to try (default: ${DEFAULT-VALUE}).")
    List<Integer> threads;

    @Option(
            names = "--epochs",
            paramLabel = "N",
            description = "Cap every training at N epochs (default: the study's epochs for p <= 23).")
    Integer epochs;

    @Option(
            names = "--large-p-epochs",
            paramLabel = "N",
            defaultValue = "500",
            description = "Epoch cap for p > 23 unless --epochs is given (default: ${DEFAULT-VALUE}); totals for "
                    + "capped runs are extrapolated from ms/epoch to the study's epoch counts.")
    int largePEpochs;

    @Option(names = "--device", paramLabel = "DEV", defaultValue = "cpu", description = "cpu or gpu:N.")
    String device;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        List<Modulus> ps = ModulusList.parse(moduli);
        List<RunConfig> cs = StudyConfigs.parse(configs);
        CliBounds.epochs(epochs);
        CliBounds.range("--large-p-epochs", largePEpochs, 1, CliBounds.MAX_EPOCHS);
        threads.forEach(CliBounds::threads);
        Path scratch = Files.createTempDirectory("modsweep-bench-");
        Platform machine = Platforms.current();
        out.println("machine: " + (machine.cpuModel() == null ? machine.arch() : machine.cpuModel()) + ", "
                + Runtime.getRuntime().availableProcessors() + " cores; " + "load average before: "
                + BenchClock.loadAverage());
        out.println("ms/epoch = wall time of the epoch loop / epochs (run.json); cpu ms/epoch = CPU time of the whole "
                + "training (init, loop, Parquet, commit) / epochs: the training thread's for 1 thread, the process's "
                + "otherwise. On a loaded machine trust the cpu column.");
        out.printf(
                "%-4s %-17s %7s %7s %6s %9s %13s %8s%n",
                "p", "config", "threads", "epochs", "capped", "ms/epoch", "cpu ms/epoch", "wall s");
        try {
            ResultsStore store = ResultsStore.open(scratch.toString());
            for (Modulus p : ps) {
                Integer cap = epochs != null ? epochs : (p.p() > 23 ? Integer.valueOf(largePEpochs) : null);
                for (int t : threads) {
                    double total = 0;
                    boolean extrapolated = false;
                    List<String> skipped = new ArrayList<>();
                    for (RunConfig c : cs) {
                        if (!StudyConfigs.appliesTo(c, p)) {
                            skipped.add(c.key());
                            continue;
                        }
                        Cell cell = new Cell(p, c);
                        long cpu0 = cpuNanos(t);
                        RunRecord r = CellTrainer.train(
                                        store, cell, new TrainOptions(cap, t, device, true), TrainingListener.NONE)
                                .record();
                        double cpuMs = (cpuNanos(t) - cpu0) / 1e6 / r.epochsRun();
                        boolean capped = r.epochCap() != null;
                        out.printf(
                                "%-4d %-17s %7d %7d %6s %9.3f %13.3f %8.1f%n",
                                p.p(),
                                c.key(),
                                t,
                                r.epochsRun(),
                                capped ? "yes" : "no",
                                r.msPerEpoch(),
                                cpuMs,
                                r.wallSeconds());
                        out.flush();
                        if (capped) {
                            total += r.msPerEpoch() * c.numEpochs() / 1000.0;
                            extrapolated = true;
                        } else {
                            total += r.wallSeconds();
                        }
                    }
                    out.printf(
                            "p=%d threads=%d: five trainings %s %.1f s%s%n",
                            p.p(),
                            t,
                            extrapolated ? "(extrapolated to the study's epochs)" : "total",
                            total,
                            skipped.isEmpty() ? "" : " (not applicable: " + String.join(", ", skipped) + ")");
                    out.flush();
                }
            }
            out.println("load average after: " + BenchClock.loadAverage());
        } finally {
            try (Stream<Path> walk = Files.walk(scratch)) {
                walk.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        return 0;
    }

    private static long cpuNanos(int threads) {
        return threads == 1 ? BenchClock.threadCpuNanos() : BenchClock.processCpuNanos();
    }
}
