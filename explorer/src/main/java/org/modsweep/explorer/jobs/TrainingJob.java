package org.modsweep.explorer.jobs;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One on-demand training: of a modulus (its five configurations), or of a small grid ({@link GridJob}); its state
 * and the progress lines it has produced. Thread-safe: the job runner appends, the page's streams read; readers
 * wait on the job's monitor for news.
 */
public final class TrainingJob {

    /** Lines kept in memory (and in the persisted log); the page shows the last 200. */
    static final int MAX_LINES = 5000;

    private final String id;
    private final int p;
    private final Integer epochCap;
    private final String created;
    /** The grid this job trains, or null for a modulus's five configurations. */
    private final GridJob grid;

    private JobState state = JobState.QUEUED;
    private String started;
    private String finished;
    private String error;
    private String message;
    private String sparkUi;
    /** How often an explorer restart found this job running and resumed it. */
    private int restarts;

    private volatile boolean cancelRequested;
    private volatile boolean cancelledByUser;
    /** Index of lines.get(0) in the job's whole output (older lines were dropped). */
    private long firstLine;

    private final List<String> lines = new ArrayList<>();
    /** Bumped on every change (line, state, Spark UI), so that streams wake for any news. */
    private long version;

    TrainingJob(String id, int p, Integer epochCap, String created) {
        this(id, p, epochCap, created, null);
    }

    TrainingJob(String id, int p, Integer epochCap, String created, GridJob grid) {
        this.id = id;
        this.p = p;
        this.epochCap = epochCap;
        this.created = created;
        this.grid = grid;
    }

    public String id() {
        return id;
    }

    public int p() {
        return p;
    }

    public Integer epochCap() {
        return epochCap;
    }

    /** The grid this job trains, or null when it trains a modulus. */
    public GridJob grid() {
        return grid;
    }

    public synchronized JobState state() {
        return state;
    }

    public synchronized String error() {
        return error;
    }

    public synchronized String sparkUi() {
        return sparkUi;
    }

    boolean cancelRequested() {
        return cancelRequested;
    }

    void requestCancel() {
        cancelRequested = true;
    }

    void markCancelledByUser() {
        cancelledByUser = true;
    }

    boolean cancelRequestedByUser() {
        return cancelledByUser;
    }

    synchronized void line(String line) {
        lines.add(line);
        if (lines.size() > MAX_LINES) {
            lines.remove(0);
            firstLine++;
        }
        version++;
        notifyAll();
    }

    synchronized void transition(JobState next, String why) {
        state = next;
        String now = Instant.now().toString();
        if (next == JobState.RUNNING) {
            started = now;
            cancelRequested = false;
        } else if (next.finished()) {
            finished = now;
            sparkUi = null;
        }
        if (next == JobState.FAILED) {
            error = why;
        } else if (why != null) {
            message = why;
        }
        version++;
        notifyAll();
    }

    /** Counts one more resume after a restart interrupted this job; returns the count. */
    synchronized int countRestart() {
        return ++restarts;
    }

    synchronized void sparkUi(String url) {
        sparkUi = url;
        version++;
        notifyAll();
    }

    /** Changes so far; pass it to {@link #awaitChange}. */
    public synchronized long version() {
        return version;
    }

    /** Total lines produced so far (the next line's index). */
    public synchronized long lineCount() {
        return firstLine + lines.size();
    }

    /** Lines from index {@code from} on (clamped to what is kept). */
    public synchronized List<String> linesFrom(long from) {
        int start = (int) Math.max(0, Math.min(lines.size(), from - firstLine));
        return new ArrayList<>(lines.subList(start, lines.size()));
    }

    /** Waits until the job changes after {@code seenVersion} (a line, its state, its Spark UI) or the timeout. */
    public synchronized void awaitChange(long seenVersion, long timeoutMs) throws InterruptedException {
        long end = System.currentTimeMillis() + timeoutMs;
        while (version == seenVersion) {
            long left = end - System.currentTimeMillis();
            if (left <= 0) {
                return;
            }
            wait(left);
        }
    }

    /** What the page and the persisted job file show (no lines; those stream separately). */
    public synchronized Map<String, Object> view(int queuePosition) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("kind", grid == null ? "modulus" : "grid");
        m.put("p", p);
        m.put("epoch_cap", epochCap);
        if (grid != null) {
            m.put("grid", grid.view());
        }
        m.put("state", state.name().toLowerCase());
        m.put("created", created);
        m.put("started", started);
        m.put("finished", finished);
        m.put("error", error);
        m.put("message", message);
        m.put("spark_ui", sparkUi);
        m.put("lines", lineCount());
        if (queuePosition > 0) {
            m.put("queue_position", queuePosition);
        }
        return m;
    }

    /** The persisted form: view plus the kept lines. */
    synchronized Persisted persisted() {
        return new Persisted(
                id,
                p,
                epochCap,
                state.name(),
                created,
                started,
                finished,
                error,
                message,
                firstLine,
                new ArrayList<>(lines),
                restarts,
                grid);
    }

    static TrainingJob restore(Persisted s) {
        TrainingJob j = new TrainingJob(s.id(), s.p(), s.epochCap(), s.created(), s.grid());
        j.state = JobState.valueOf(s.state());
        j.started = s.started();
        j.finished = s.finished();
        j.error = s.error();
        j.message = s.message();
        j.firstLine = s.firstLine();
        j.restarts = s.restarts();
        if (s.lines() != null) {
            j.lines.addAll(s.lines());
        }
        return j;
    }

    /** JSON form under {@code _explorer/jobs/ID.json} in the store. */
    record Persisted(
            @JsonProperty("id") String id,
            @JsonProperty("p") int p,
            @JsonProperty("epoch_cap") Integer epochCap,
            @JsonProperty("state") String state,
            @JsonProperty("created") String created,
            @JsonProperty("started") String started,
            @JsonProperty("finished") String finished,
            @JsonProperty("error") String error,
            @JsonProperty("message") String message,
            @JsonProperty("first_line") long firstLine,
            @JsonProperty("lines") List<String> lines,
            @JsonProperty("restarts") int restarts,
            @JsonProperty("grid") GridJob grid) {}
}
