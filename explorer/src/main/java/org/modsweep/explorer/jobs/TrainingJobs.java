package org.modsweep.explorer.jobs;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.modsweep.core.Modulus;
import org.modsweep.explorer.api.ApiException;
import org.modsweep.explorer.api.ResultFiles;

/**
 * The on-demand training queue (moduli and small grids): one job runs at a time on a single worker thread, the others wait in order.
 * Each job is saved to the {@link JobStore} whenever its state changes (and every few seconds while it runs), so a
 * restarted explorer shows past jobs and re-queues unfinished ones; the sweep then resumes, keeping every cell
 * already committed (a job that explorer restarts keep interrupting fails after {@link #MAX_RESTARTS} resumes instead of
 * crash-looping). The store stays the truth about results; the newest {@link #MAX_FINISHED} finished jobs are
 * kept as history. {@link JobRun} runs each job's turn.
 */
public final class TrainingJobs implements AutoCloseable {

    /** The original app treats a results folder with more than five files as "results exist". */
    static final int EXISTING_RESULTS_MIN = 6;
    /** Resumes of a job that an explorer restart interrupted; one more and it fails instead of crash-looping. */
    static final int MAX_RESTARTS = 3;
    /** Finished jobs kept in the list and the store; the oldest go first. */
    static final int MAX_FINISHED = 100;

    private static final DateTimeFormatter ID_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final ResultFiles files;
    private final JobStore store;
    private final OnDemandTrainer trainer;
    private final Integer epochCap;
    private final Map<String, TrainingJob> jobs = new LinkedHashMap<>();
    private final LinkedBlockingDeque<TrainingJob> queue = new LinkedBlockingDeque<>();
    private final AtomicInteger seq = new AtomicInteger();
    private final Thread worker;
    private volatile TrainingJob current;
    private volatile boolean closed;

    public TrainingJobs(ResultFiles files, OnDemandTrainer trainer, Integer epochCap) {
        this.files = files;
        this.store = new JobStore(files.store());
        this.trainer = trainer;
        this.epochCap = epochCap;
        this.worker = new Thread(this::runLoop, "explorer-training");
        this.worker.setDaemon(true);
    }

    /** Loads persisted jobs (re-queueing unfinished ones) and starts the worker. */
    public TrainingJobs start() {
        restore();
        worker.start();
        return this;
    }

    /**
     * Queues a training of {@code p}; returns the job, or a result saying the results already exist, or the job
     * already queued or running for that p.
     */
    public Submission submit(Object rawP) throws IOException {
        Modulus p = TrainingRequest.modulus(rawP);
        int existing = files.countResultFiles(p);
        if (existing >= EXISTING_RESULTS_MIN) {
            return new Submission(null, "Results for p=" + p + " already exist (" + existing + " files)");
        }
        synchronized (jobs) {
            if (closed) {
                throw new ApiException(503, "the explorer is shutting down");
            }
            for (TrainingJob j : jobs.values()) {
                if (j.grid() == null && j.p() == p.p() && !j.state().finished()) {
                    return new Submission(
                            j, "p=" + p + " is already " + j.state().name().toLowerCase());
                }
            }
            String id = "job-" + ID_TIME.format(Instant.now()) + "-" + String.format("%04d", seq.incrementAndGet())
                    + "-p" + p.padded();
            TrainingJob job = new TrainingJob(id, p.p(), epochCap, Instant.now().toString());
            job.line("Queued: training all configurations of p=" + p
                    + (epochCap == null ? " (the study's epochs)" : " (epochs capped at " + epochCap + ")"));
            jobs.put(id, job);
            queue.addLast(job);
            persist(job);
            return new Submission(job, "Queued p=" + p);
        }
    }

    /**
     * Queues a small grid ({@link GridJob#of} checks the request); returns the job, or a result saying the grid's
     * results already exist, or the job already queued or running for that grid.
     */
    public Submission submitGrid(Map<String, Object> request) throws IOException {
        GridJob grid = GridJob.of(request, epochCap);
        if (files.gridComplete(grid.id())) {
            return new Submission(null, "Results for grid " + grid.id() + " already exist");
        }
        synchronized (jobs) {
            if (closed) {
                throw new ApiException(503, "the explorer is shutting down");
            }
            for (TrainingJob j : jobs.values()) {
                if (j.grid() != null
                        && j.grid().id().equals(grid.id())
                        && !j.state().finished()) {
                    return new Submission(
                            j,
                            "grid " + grid.id() + " is already "
                                    + j.state().name().toLowerCase());
                }
            }
            String id = "job-" + ID_TIME.format(Instant.now()) + "-" + String.format("%04d", seq.incrementAndGet())
                    + "-grid";
            TrainingJob job =
                    new TrainingJob(id, grid.p(), grid.epochs(), Instant.now().toString(), grid);
            job.line("Queued: grid " + grid.id() + ", " + grid.runs() + " runs of p=" + grid.p() + " " + grid.config()
                    + " over " + grid.grid() + " (" + grid.epochs() + " epochs each)");
            jobs.put(id, job);
            queue.addLast(job);
            persist(job);
            return new Submission(job, "Queued grid " + grid.id());
        }
    }

    /** Result of {@link #submit}: the job (null when results already exist) and a status line. */
    public record Submission(TrainingJob job, String message) {}

    public Optional<TrainingJob> get(String id) {
        synchronized (jobs) {
            return Optional.ofNullable(jobs.get(id));
        }
    }

    /** 1-based position among the waiting jobs; 0 when not waiting. */
    public int position(TrainingJob job) {
        int i = 1;
        for (TrainingJob q : queue) {
            if (q == job) {
                return i;
            }
            i++;
        }
        return 0;
    }

    /** All jobs, newest first, with queue positions. */
    public List<Map<String, Object>> views() {
        List<TrainingJob> all;
        synchronized (jobs) {
            all = new ArrayList<>(jobs.values());
        }
        all.sort(Comparator.comparing(TrainingJob::id).reversed());
        List<Map<String, Object>> out = new ArrayList<>();
        for (TrainingJob j : all) {
            out.add(j.view(position(j)));
        }
        return out;
    }

    /** The Spark UI of the sweep now running, if any. */
    public Optional<String> sparkUi() {
        TrainingJob c = current;
        return c == null ? Optional.empty() : Optional.ofNullable(c.sparkUi());
    }

    /** Cancels a queued job at once, or asks the running one to stop. */
    public TrainingJob cancel(String id) {
        TrainingJob job = get(id).orElseThrow(() -> ApiException.notFound("no job " + id));
        if (job.state().finished()) {
            return job;
        }
        if (queue.remove(job)) {
            job.line("Cancelled before it started.");
            job.transition(JobState.CANCELLED, "cancelled");
            persist(job);
            pruneHistory();
        } else if (job == current) {
            job.requestCancel();
            job.markCancelledByUser();
            job.line("Cancelling ...");
            trainer.cancel();
        }
        return job;
    }

    private void runLoop() {
        while (!closed) {
            TrainingJob job;
            try {
                // polls rather than blocks: close() never interrupts this thread, because Spark (running here
                // during a job) does not survive an interrupt while it starts its context
                job = queue.pollFirst(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (job == null || closed) {
                if (job != null) {
                    queue.addFirst(job);
                }
                continue;
            }
            current = job;
            try {
                new JobRun(job, files, store, trainer, () -> closed).run();
            } finally {
                current = null;
            }
            pruneHistory();
        }
    }

    private void persist(TrainingJob job) {
        store.save(job);
    }

    private void restore() {
        List<TrainingJob> found = store.load();
        synchronized (jobs) {
            for (TrainingJob job : found) {
                jobs.put(job.id(), job);
                if (job.state() == JobState.RUNNING && job.countRestart() > MAX_RESTARTS) {
                    // it was running each time the explorer went down: stop resuming what may be bringing it down
                    String what = job.grid() == null
                            ? "p=" + job.p()
                            : "grid " + job.grid().id();
                    String why = "interrupted by " + MAX_RESTARTS + " explorer restarts; not resumed again"
                            + " (submit " + what + " again to retry)";
                    job.line("[ERROR] " + why);
                    job.transition(JobState.FAILED, why);
                    persist(job);
                } else if (!job.state().finished()) {
                    job.line("(explorer restarted: job re-queued; committed runs are kept and not retrained)");
                    job.transition(JobState.QUEUED, null);
                    queue.addLast(job);
                    persist(job);
                }
            }
            pruneHistory();
        }
        seq.set(found.size());
    }

    /** Keeps the newest {@link #MAX_FINISHED} finished jobs; older ones leave the list and the store. */
    private void pruneHistory() {
        List<TrainingJob> finished;
        synchronized (jobs) {
            finished = new ArrayList<>(
                    jobs.values().stream().filter(j -> j.state().finished()).toList());
            finished.sort(Comparator.comparing(TrainingJob::id));
            for (TrainingJob old : finished.subList(0, Math.max(0, finished.size() - MAX_FINISHED))) {
                jobs.remove(old.id());
                store.delete(old);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        TrainingJob c = current;
        if (c != null) {
            c.requestCancel();
            trainer.cancel();
        }
        try {
            // let a cancelled sweep wind down (it releases Spark) before the caller goes on
            worker.join(60_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
