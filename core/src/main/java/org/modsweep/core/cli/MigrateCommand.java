package org.modsweep.core.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.modsweep.core.store.ResultsStore;
import org.modsweep.core.store.StoreMigration;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code modsweep migrate}: a store written by an earlier version into the current layout and schema. */
@Command(
        name = "migrate",
        mixinStandardHelpOptions = true,
        description = {
            "Brings a store written by an earlier modsweep into the current layout and schema: runs with overrides "
                    + "move from overrides/<run id>/ into the one store beside the study's runs, and metrics and "
                    + "weights files gain the run and axis columns (the epoch's learning rate becomes epoch_lr).",
            "Each run is published as a training's commit is (its _DONE last, with the new sizes and checksums), "
                    + "so readers never see a half-migrated run. Safe to rerun, also after it was killed: a rerun "
                    + "finishes what was left and otherwise has nothing to do. Run it while no sweep of an earlier "
                    + "version writes the store.",
            "Prints one line per run migrated and a total; exit 1 if a run could not be migrated (it is left as it "
                    + "was and named)."
        })
public final class MigrateCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The store to migrate: it must exist (a missing one is a usage error, nothing is created). */
    @Option(names = "--store", required = true, paramLabel = "URI", description = "The store to migrate.")
    String store;

    @Mixin
    StoreConfOptions storeConf = new StoreConfOptions();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        ResultsStore s = storeConf.open(store, true);
        StoreMigration.Result r = StoreMigration.run(s, line -> {
            out.println(line);
            out.flush();
        });
        if (r.migrated() == 0 && r.failures().isEmpty()) {
            out.println("migrate: nothing to do (every run is in the current layout and schema)");
        } else {
            out.println(
                    "migrate: " + r.migrated() + " run" + (r.migrated() == 1 ? "" : "s") + " migrated in " + s.uri());
        }
        out.flush();
        if (!r.failures().isEmpty()) {
            PrintWriter err = spec.commandLine().getErr();
            r.failures().forEach(f -> err.println("modsweep migrate: " + f));
            err.println("modsweep migrate: error: " + r.failures().size() + " run(s) could not be migrated (left as "
                    + "they were; see above)");
            err.flush();
            return 1;
        }
        return 0;
    }
}
