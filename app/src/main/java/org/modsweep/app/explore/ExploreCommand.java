package org.modsweep.app.explore;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.modsweep.core.Errors;
import org.modsweep.core.cli.StoreConfOptions;
import org.modsweep.core.config.EpochCap;
import org.modsweep.core.store.ResultsStore;
import org.modsweep.core.store.StoreSettings;
import org.modsweep.core.store.StoreUris;
import org.modsweep.driver.cli.SparkConfOptions;
import org.modsweep.explorer.Explorer;
import org.modsweep.explorer.server.BindPolicy;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code modsweep explore --store S}: serves the explorer web app over a results store until interrupted. */
@Command(
        name = "explore",
        mixinStandardHelpOptions = true,
        description = {
            "Serves the explorer web app over a results store (the study's nine tabs, a cross-p Sweep tab, a Grids"
                    + " tab, and on-demand training of new moduli and small grids). Prints its address and opens"
                    + " nothing.",
            "Stop it with Ctrl-C."
        })
public final class ExploreCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--store",
            defaultValue = "results",
            paramLabel = "URI",
            description =
                    "Results store: a local directory or a Hadoop URI such as s3a://bucket/prefix (default: ${DEFAULT-VALUE}).")
    String store;

    @Option(
            names = "--host",
            paramLabel = "HOST",
            description = "Address to listen on (default " + BindPolicy.DEFAULT_HOST + "). A non-loopback address is"
                    + " used only when given here explicitly: anyone who reaches it can start trainings.")
    String host;

    @Option(
            names = "--allowed-host",
            paramLabel = "NAME",
            description = "Host name that browsers may use to reach the explorer (repeatable), e.g. the name of its"
                    + " Service or proxy. Requests naming any other host in Host or Origin are refused (DNS"
                    + " rebinding). Loopback names always work; default: the --host address (for 0.0.0.0, this"
                    + " machine's name and addresses).")
    List<String> allowedHosts = new ArrayList<>();

    @Option(
            names = "--port",
            defaultValue = "" + BindPolicy.DEFAULT_PORT,
            paramLabel = "PORT",
            description = "TCP port to listen on, 0 for any free port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(
            names = "--epochs",
            paramLabel = "N",
            description = "Cap the epochs of on-demand trainings (quick looks, tests); default: the study's epochs"
                    + " (a small grid's own epochs, at most 5000, are capped too).")
    Integer epochs;

    @Option(
            names = "--master",
            defaultValue = "local[*]",
            paramLabel = "MASTER",
            description = "Spark master for on-demand trainings (default: ${DEFAULT-VALUE}).")
    String master;

    /** --conf-dir and --conf: the store's settings, also given to on-demand sweeps (never a credential). */
    @Mixin
    StoreConfOptions storeConf = new StoreConfOptions();

    @Override
    public void run() {
        EpochCap.check(epochs);
        StoreSettings settings = storeConf.settings();
        Map<String, String> sparkConf = SparkConfOptions.check(settings.sparkProperties());
        BindPolicy bind = host == null
                ? new BindPolicy(BindPolicy.DEFAULT_HOST, port, false, allowedHosts)
                : new BindPolicy(host, port, true, allowedHosts);
        // the explorer reads the store with the same settings the on-demand sweeps get
        ResultsStore results;
        try {
            StoreUris.refuseUserInfo(store);
            results = ResultsStore.open(store, settings.hadoop());
        } catch (java.io.IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot open store " + store + ": " + Errors.firstLine(e));
        }
        Explorer explorer;
        try {
            // fails with one line (exit 2) when the store cannot be reached or read
            explorer = Explorer.start(results, bind, epochs, new SweepTrainer(store, master, sparkConf));
        } catch (java.net.BindException e) {
            throw new IllegalArgumentException("cannot listen on " + bind.host() + ":" + port + ": " + e.getMessage());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e.getMessage(), e);
        }
        Thread hook = new Thread(explorer::close, "explorer-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        spec.commandLine().getOut().println("modsweep explorer serving store " + store + " at " + explorer.url());
        spec.commandLine().getOut().println("(Ctrl-C to stop)");
        spec.commandLine().getOut().flush();
        try {
            new CountDownLatch(1).await(); // serves until the JVM stops (Ctrl-C) or this thread is interrupted
        } catch (InterruptedException e) {
            Runtime.getRuntime().removeShutdownHook(hook);
            explorer.close();
            Thread.currentThread().interrupt();
        }
    }
}
