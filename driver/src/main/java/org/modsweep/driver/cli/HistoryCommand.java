package org.modsweep.driver.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.modsweep.core.cli.CliBounds;
import org.modsweep.core.cli.StoreConfOptions;
import org.modsweep.core.store.ResultsStore;
import org.modsweep.core.store.StoreSettings;
import org.modsweep.driver.spark.EventLogs;
import org.modsweep.driver.spark.HistoryService;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code modsweep history --store S}: Spark's History Server over the event logs the store's sweeps wrote. */
@Command(
        name = "history",
        mixinStandardHelpOptions = true,
        description = {
            "Serves Spark's History Server (the Spark UI of finished sweeps: jobs, stages, tasks,"
                    + " executors, failures) over the event logs in <store>/" + EventLogs.DIR + "/, on 127.0.0.1.",
            "Sweeps write these logs by default; --conf spark.eventLog.enabled=false on a sweep turns that off."
                    + " Stop it with Ctrl-C."
        })
public final class HistoryCommand implements Callable<Integer> {

    public static final int DEFAULT_PORT = 18080;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--store",
            paramLabel = "URI",
            defaultValue = "results",
            description = "Results store: a directory or a Hadoop URI such as s3a://bucket/prefix (default:"
                    + " ${DEFAULT-VALUE}).")
    String store;

    @Option(
            names = "--port",
            paramLabel = "PORT",
            defaultValue = "" + DEFAULT_PORT,
            description = "TCP port on 127.0.0.1, 0 for any free port (default: ${DEFAULT-VALUE}).")
    int port;

    @CommandLine.Mixin
    StoreConfOptions storeConf = new StoreConfOptions();

    @Override
    public Integer call() throws Exception {
        CliBounds.port(port);
        StoreSettings settings = storeConf.settings();
        ResultsStore s = StoreConfOptions.open(store, settings, true);
        if (!s.fs().exists(EventLogs.dir(s))) {
            throw new IllegalArgumentException("store " + s.uri() + " has no " + EventLogs.DIR + "/ folder: no sweep"
                    + " wrote an event log there yet");
        }
        HistoryService history;
        try {
            history = HistoryService.start(s, settings.sparkProperties(), HistoryService.LOOPBACK, port);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "cannot serve on " + HistoryService.LOOPBACK + ":" + port + ": " + e.getMessage(), e);
        }
        HistoryService running = history;
        Thread hook = new Thread(running::close, "history-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        PrintWriter out = spec.commandLine().getOut();
        out.println("Spark History Server for " + s.uri() + " at " + history.url() + "   (REST: " + history.url()
                + "/api/v1/applications; Ctrl-C to stop)");
        out.flush();
        try {
            new CountDownLatch(1).await(); // serves until the JVM stops (Ctrl-C) or this thread is interrupted
        } catch (InterruptedException e) {
            Runtime.getRuntime().removeShutdownHook(hook);
            history.close();
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
