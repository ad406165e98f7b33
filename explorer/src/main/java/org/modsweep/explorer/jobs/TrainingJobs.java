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
import java.util.concurrent.CancellationException;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.modsweep.core.Errors;
import org.modsweep.core.Json;
import org.modsweep.core.Modulus;
import org.modsweep.explorer.api.ApiException;
import org.modsweep.explorer.api.ResultFiles;

/**
 * The on-demand training queue: one job runs at a time on a single worker thread, the others wait in order.
 * Each job's state and lines are persisted under {@code _explorer/jobs/} in the store whenever its state changes
 * (and every few seconds while it runs), so a restarted explorer shows past jobs and re-queues unfinished ones;
 * the sweep then resumes, keeping every cell already committed. The store stays the truth about results.
 */
public final class TrainingJobs implements AutoCloseable {

    private static final Logger LOG = LogManager.getLogger(TrainingJobs.class);
    public static final String JOBS_DIR = "_explorer/jobs";
    /** The original app treats a results folder with more than five files as "results exist". */
    static final int EXISTING_RESULTS_MIN = 6;
    private static final long PERSIST_EVERY_MS = 3000;
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final ResultFiles files;
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
                if (j.p() == p.p() && !j.state().finished()) {
                    return new Submission(j, "p=" + p + " is already " + j.state().name().toLowerCase());
                }
            }
            String id = "job-" + ID_TIME.format(Instant.now()) + "-" + String.format("%04d", seq.incrementAndGet()) + "-p" + p.padded();
            TrainingJob job = new TrainingJob(id, p.p(), epochCap, Instant.now().toString());
            job.line("Queued: training all configurations of p=" + p
                    + (epochCap == null ? " (the study's epochs)" : " (epochs capped at " + epochCap + ")"));
            jobs.put(id, job);
            queue.addLast(job);
            persist(job);
            return new Submission(job, "Queued p=" + p);
        }
    }

    /** Result of {@link #submit}: the job (null when results already exist) and a status line. */
    public record Submission(TrainingJob job, String message) {
    }

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
                runJob(job);
            } finally {
                current = null;
            }
        }
    }

    private void runJob(TrainingJob job) {
        Modulus p = Modulus.of(job.p());
        job.transition(JobState.RUNNING, null);
        job.line("Running pipeline for p=" + p + " ...");
        persist(job);
        long[] lastPersist = {System.currentTimeMillis()};
        OnDemandTrainer.Progress progress = new OnDemandTrainer.Progress() {
            @Override
            public void line(String line) {
                job.line(line);
                long now = System.currentTimeMillis();
                if (now - lastPersist[0] > PERSIST_EVERY_MS) {
                    lastPersist[0] = now;
                    persist(job);
                }
            }

            @Override
            public void sparkUi(String url) {
                job.sparkUi(url);
            }

            @Override
            public boolean cancelled() {
                return job.cancelRequested() || closed;
            }
        };
        try {
            trainer.train(p, job.epochCap(), progress);
            if (job.cancelRequested()) {
                throw new CancellationException();
            }
            int n = files.countResultFiles(p);
            job.line("");
            job.line("Done! Generated " + n + " files for p=" + p + ".");
            job.transition(JobState.DONE, "Done! Generated " + n + " files for p=" + p + ".");
            persist(job);
        } catch (Throwable e) {
            finishAfterError(job, p, e);
        }
    }

    private void finishAfterError(TrainingJob job, Modulus p, Throwable e) {
        if (closed && !job.cancelRequestedByUser()) {
            // the explorer is stopping: keep the job unfinished on disk so the next start re-queues it
            job.line("(explorer stopped while training; the job resumes on the next start)");
            persist(job);
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
                LOG.error("on-demand training of p={} failed", p, e);
                String msg = oneLine(e);
                job.line("[ERROR] training p=" + p + " failed: " + msg);
                job.transition(JobState.FAILED, msg);
            }
        }
        persist(job);
    }

    static String oneLine(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t instanceof java.util.concurrent.ExecutionException) {
            t = t.getCause();
        }
        String m = Errors.firstLine(t);
        return m.length() > 300 ? m.substring(0, 300) + "…" : m;
    }

    private void persist(TrainingJob job) {
        try {
            Path file = new Path(files.store().root(), JOBS_DIR + "/" + job.id() + ".json");
            files.store().writeString(file, Json.compact(job.persisted()));
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not persist job {}: {}", job.id(), e.getMessage());
        }
    }

    private void restore() {
        Path dir = new Path(files.store().root(), JOBS_DIR);
        try {
            if (!files.store().fs().exists(dir)) {
                return;
            }
            List<TrainingJob.Persisted> found = new ArrayList<>();
            for (FileStatus st : files.store().fs().listStatus(dir)) {
                if (!st.getPath().getName().endsWith(".json")) {
                    continue;
                }
                try {
                    found.add(Json.MAPPER.readValue(files.store().readString(st.getPath()), TrainingJob.Persisted.class));
                } catch (IOException | RuntimeException e) {
                    LOG.warn("ignoring unreadable job file {}: {}", st.getPath().getName(), e.getMessage());
                }
            }
            found.sort(Comparator.comparing(TrainingJob.Persisted::id));
            synchronized (jobs) {
                for (TrainingJob.Persisted s : found) {
                    TrainingJob job = TrainingJob.restore(s);
                    jobs.put(job.id(), job);
                    if (s.unfinished()) {
                        job.line("(explorer restarted: job re-queued; committed runs are kept and not retrained)");
                        job.transition(JobState.QUEUED, null);
                        queue.addLast(job);
                        persist(job);
                    }
                }
            }
            seq.set(found.size());
        } catch (IOException e) {
            LOG.warn("could not read persisted jobs: {}", e.getMessage());
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
