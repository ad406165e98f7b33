package org.modsweep.explorer.jobs;

import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.modsweep.core.Errors;
import org.modsweep.core.Modulus;
import org.modsweep.explorer.api.ResultFiles;

/**
 * One job's turn on the queue's worker: runs the trainer, passes its progress lines to the job (saved every few
 * seconds), and records how it ended: done, cancelled, failed with one line for the page, or left unfinished on
 * disk when the explorer itself is stopping (the next start resumes it).
 */
final class JobRun {

    private static final Logger LOG = LogManager.getLogger(JobRun.class);
    private static final long PERSIST_EVERY_MS = 3000;

    private final TrainingJob job;
    private final ResultFiles files;
    private final JobStore store;
    private final OnDemandTrainer trainer;
    private final BooleanSupplier closing;

    JobRun(TrainingJob job, ResultFiles files, JobStore store, OnDemandTrainer trainer, BooleanSupplier closing) {
        this.job = job;
        this.files = files;
        this.store = store;
        this.trainer = trainer;
        this.closing = closing;
    }

    void run() {
        Modulus p = Modulus.of(job.p());
        GridJob grid = job.grid();
        job.transition(JobState.RUNNING, null);
        job.line(grid == null ? "Running pipeline for p=" + p + " ..." : "Running grid " + grid.id() + " ...");
        store.save(job);
        long[] lastPersist = {System.currentTimeMillis()};
        OnDemandTrainer.Progress progress = new OnDemandTrainer.Progress() {
            @Override
            public void line(String line) {
                job.line(line);
                long now = System.currentTimeMillis();
                if (now - lastPersist[0] > PERSIST_EVERY_MS) {
                    lastPersist[0] = now;
                    store.save(job);
                }
            }

            @Override
            public void sparkUi(String url) {
                job.sparkUi(url);
            }

            @Override
            public boolean cancelled() {
                return job.cancelRequested() || closing.getAsBoolean();
            }
        };
        try {
            String done;
            if (grid == null) {
                trainer.train(p, job.epochCap(), progress);
                done = "Done! Generated " + files.countResultFiles(p) + " files for p=" + p + ".";
            } else {
                trainer.trainGrid(grid, progress);
                done = gridDone(grid);
            }
            if (job.cancelRequested()) {
                throw new CancellationException();
            }
            job.line("");
            job.line(done);
            job.transition(JobState.DONE, done);
            store.save(job);
        } catch (Throwable e) {
            finishAfterError(grid == null ? "training p=" + p : "grid " + grid.id(), e);
        }
    }

    /** The last line of a grid's job; a sweep that wrote no phase diagram did not finish the grid. */
    private String gridDone(GridJob grid) throws java.io.IOException {
        String folder = ResultFiles.gridFolder(grid.id());
        if (files.read(ResultFiles.gridPath(grid.id(), ResultFiles.PHASES)).isEmpty()) {
            throw new IllegalStateException("the sweep ended without writing " + folder + "/" + ResultFiles.PHASES);
        }
        return "Done! Generated " + files.list(folder).size() + " files for grid " + grid.id() + ".";
    }

    private void finishAfterError(String what, Throwable e) {
        if (closing.getAsBoolean() && !job.cancelRequestedByUser()) {
            // the explorer is stopping: keep the job unfinished on disk so the next start re-queues it
            job.line("(explorer stopped while training; the job resumes on the next start)");
            store.save(job);
            return;
        }
        if (e instanceof CancellationException) {
            job.line("Cancelled.");
            job.transition(JobState.CANCELLED, "cancelled");
        } else {
            if (job.cancelRequested()) {
                job.line("Cancelled.");
                job.transition(JobState.CANCELLED, "cancelled");
            } else {
                // the full trace goes to the server log only; the page gets one line
                LOG.error("on-demand {} failed", what, e);
                String msg = oneLine(e);
                job.line("[ERROR] " + what + " failed: " + msg);
                job.transition(JobState.FAILED, msg);
            }
        }
        store.save(job);
    }

    static String oneLine(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t instanceof java.util.concurrent.ExecutionException) {
            t = t.getCause();
        }
        String m = Errors.firstLine(t);
        return m.length() > 300 ? m.substring(0, 300) + "…" : m;
    }
}
