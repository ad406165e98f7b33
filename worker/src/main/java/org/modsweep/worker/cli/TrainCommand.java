package org.modsweep.worker.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.modsweep.core.Cell;
import org.modsweep.core.Modulus;
import org.modsweep.core.cli.CliBounds;
import org.modsweep.core.cli.StoreConfOptions;
import org.modsweep.core.config.Overrides;
import org.modsweep.core.config.StudyConfigs;
import org.modsweep.core.run.RunRecord;
import org.modsweep.core.store.ResultsStore;
import org.modsweep.core.store.StoreLayout;
import org.modsweep.worker.CellTrainer;
import org.modsweep.worker.TrainOptions;
import org.modsweep.worker.TrainOutcome;
import org.modsweep.worker.TrainingListener;
import org.modsweep.worker.train.ProgressText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code modsweep train}: trains one cell into a results store, without Spark. */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description = {
            "Trains one cell (a modulus p and one of the study's five configurations) with DJL on the "
                    + "PyTorch engine and commits its metrics, weights and run.json into a results store.",
            "A cell already committed in the store is skipped unless --force.",
            "--set overrides a key of the configuration (a new run with its own id, e.g. p023-grokking-seed7; "
                    + "stored beside the study's run of its p and configuration, with every axis as a column)."
        })
public final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--p", required = true, paramLabel = "P", description = "The modulus: an odd integer >= 3.")
    int p;

    @Option(
            names = "--config",
            required = true,
            paramLabel = "NAME",
            description = "The configuration: standard, grokking (p >= 19), quad_random, quad_single_freq or "
                    + "relu_single_freq.")
    String config;

    @Option(
            names = "--set",
            paramLabel = "KEY=VALUE",
            description = {
                "Override a key of the configuration (repeatable), with the study's key names: seed "
                        + "(0 <= seed < 2^32), lr (> 0), weight_decay (>= 0), frac_train (0 < f <= 1, leaving a test pair "
                        + "when < 1), init_scale (> 0), d_mlp (>= 1), num_epochs (>= 1), act_type (ReLU, Quad), optimizer "
                        + "(AdamW, SGD), init_type (random, single-freq). Example: --set seed=7 --set weight_decay=0.5"
            })
    List<String> set = new ArrayList<>();

    @Option(
            names = "--store",
            required = true,
            paramLabel = "URI",
            description = "Results store: a local directory or a Hadoop URI such as s3a://bucket/prefix.")
    String store;

    @Option(
            names = "--epochs",
            paramLabel = "N",
            description = "Cap the epoch count for a quick trial (default: the study's, e.g. 5000 for standard).")
    Integer epochs;

    @Option(
            names = "--threads",
            paramLabel = "N",
            defaultValue = "1",
            description = "Engine intra-op threads (default: ${DEFAULT-VALUE}; a Spark executor runs one training "
                    + "per core).")
    int threads;

    @Option(
            names = "--device",
            paramLabel = "DEV",
            defaultValue = "cpu",
            description = "cpu (default) or gpu:N (needs a CUDA libtorch via PYTORCH_LIBRARY_PATH).")
    String device;

    @Option(names = "--force", description = "Retrain and replace a cell that is already committed.")
    boolean force;

    @Mixin
    StoreConfOptions storeConf = new StoreConfOptions();

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Cell cell = new Cell(Modulus.of(p), StudyConfigs.byKey(config).with(Overrides.parse(set)));
        CliBounds.epochs(epochs);
        CliBounds.threads(threads);
        TrainOptions opts = new TrainOptions(epochs, threads, device, force);
        ResultsStore results = storeConf.open(store, false);
        TrainingListener progress = System.console() != null
                ? new ProgressBar(out)
                : new ProgressText(line -> {
                    out.println(line);
                    out.flush();
                });
        TrainOutcome outcome = CellTrainer.train(results, cell, opts, progress);
        if (outcome.skipped()) {
            out.println(cell.id() + " is already committed in " + results.uri() + "; skipped (use --force to retrain)");
            return 0;
        }
        RunRecord r = outcome.record();
        StoreLayout layout = results.layout();
        out.printf(
                "committed %s: %d epochs in %.1f s (%.2f ms/epoch, %s, %d thread%s)%n",
                cell.id(),
                r.epochsRun(),
                r.wallSeconds(),
                r.msPerEpoch(),
                r.device(),
                r.threads(),
                r.threads() == 1 ? "" : "s");
        out.println("  metrics: " + layout.metricsFile(cell));
        out.println("  weights: " + layout.weightsFile(cell));
        out.println("  run:     " + layout.runJson(cell));
        return 0;
    }
}
