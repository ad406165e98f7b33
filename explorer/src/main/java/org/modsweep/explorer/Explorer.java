package org.modsweep.explorer;

import java.io.IOException;
import org.modsweep.core.config.EpochCap;
import org.modsweep.core.store.ResultsStore;
import org.modsweep.explorer.api.ResultFiles;
import org.modsweep.explorer.jobs.OnDemandTrainer;
import org.modsweep.explorer.jobs.TrainingJobs;
import org.modsweep.explorer.server.BindPolicy;
import org.modsweep.explorer.server.ExplorerServer;

/** A running explorer: the HTTP server over a store and its on-demand training queue. */
public final class Explorer implements AutoCloseable {

    private final ExplorerServer server;
    private final TrainingJobs jobs;

    private Explorer(ExplorerServer server, TrainingJobs jobs) {
        this.server = server;
        this.jobs = jobs;
    }

    /**
     * Checks the store can be read, restores the job queue from it and starts serving.
     *
     * @param epochCap cap on the epochs of on-demand trainings, null for the study's
     */
    public static Explorer start(ResultsStore store, BindPolicy bind, Integer epochCap, OnDemandTrainer trainer)
            throws IOException {
        EpochCap.check(epochCap);
        ResultFiles files = new ResultFiles(store);
        bind.address(); // refuse a bad bind address before anything starts
        files.checkReadable(); // and a store it cannot see
        // jobs are restored before the first request can list them
        TrainingJobs jobs = new TrainingJobs(files, trainer, epochCap).start();
        try {
            return new Explorer(ExplorerServer.start(bind, files, jobs, epochCap), jobs);
        } catch (IOException | RuntimeException e) {
            jobs.close();
            throw e;
        }
    }

    public String url() {
        return server.url();
    }

    public int port() {
        return server.port();
    }

    public TrainingJobs jobs() {
        return jobs;
    }

    @Override
    public void close() {
        jobs.close();
        server.close();
    }
}
