package org.modsweep.explorer.api;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import org.modsweep.core.Json;
import org.modsweep.explorer.jobs.JobState;
import org.modsweep.explorer.jobs.TrainingJob;
import org.modsweep.explorer.jobs.TrainingJobs;
import org.modsweep.explorer.server.Http;

/**
 * On-demand training endpoints:
 * <ul>
 *   <li>{@code GET /api/jobs}: every job with state and queue position, plus the running sweep's Spark UI;</li>
 *   <li>{@code POST /api/jobs} {@code {"p": 41}}: queue a training (odd 3 ≤ p ≤ 99);</li>
 *   <li>{@code POST /api/jobs/grid} {@code {"p": 23, "config": "grokking", "grid": "seed=1..3", "epochs": 2000}}:
 *       queue a small grid ({@link org.modsweep.explorer.jobs.GridJob});</li>
 *   <li>{@code POST /api/jobs/cancel?id=...}: cancel;</li>
 *   <li>{@code GET /api/jobs/events?id=...}: server-sent events, one {@code line} event per progress line (the
 *       event id is the line's index, so a reconnecting browser resumes where it left off) and a {@code state}
 *       event whenever the job's state changes; the stream ends when the job does.</li>
 * </ul>
 */
public final class JobsApi {

    private static final long KEEPALIVE_MS = 15_000;
    /** Open event streams hold an HTTP thread each; half the server's threads stay for everything else. */
    public static final int MAX_STREAMS = 8;

    private final TrainingJobs jobs;
    private final Semaphore streams = new Semaphore(MAX_STREAMS);

    public JobsApi(TrainingJobs jobs) {
        this.jobs = jobs;
    }

    public void list(HttpExchange ex) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("jobs", jobs.views());
        body.put("spark_ui", jobs.sparkUi().orElse(null));
        Http.sendJson(ex, 200, body);
    }

    public void submit(HttpExchange ex) throws IOException {
        Map<String, Object> req = Http.jsonBody(ex);
        reply(ex, jobs.submit(req.get("p")));
    }

    private void reply(HttpExchange ex, TrainingJobs.Submission s) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", s.message());
        body.put("job", s.job() == null ? null : s.job().view(jobs.position(s.job())));
        Http.sendJson(ex, s.job() == null ? 200 : 202, body);
    }

    public void submitGrid(HttpExchange ex) throws IOException {
        reply(ex, jobs.submitGrid(Http.jsonBody(ex)));
    }

    public void cancel(HttpExchange ex) throws IOException {
        TrainingJob job = jobs.cancel(jobId(ex));
        Http.sendJson(ex, 200, job.view(jobs.position(job)));
    }

    public void events(HttpExchange ex) throws IOException {
        TrainingJob job = jobs.get(jobId(ex)).orElseThrow(() -> ApiException.notFound("no such job"));
        if (!streams.tryAcquire()) {
            throw new ApiException(503, "too many open event streams (at most " + MAX_STREAMS + ")");
        }
        try {
            stream(ex, job);
        } finally {
            streams.release();
        }
    }

    private void stream(HttpExchange ex, TrainingJob job) throws IOException {
        long next = 0;
        String lastId = ex.getRequestHeaders().getFirst("Last-Event-ID");
        if (lastId != null) {
            try {
                next = Long.parseLong(lastId.trim()) + 1;
            } catch (NumberFormatException e) {
                next = 0;
            }
        }
        ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.getResponseHeaders().set("X-Accel-Buffering", "no");
        ex.sendResponseHeaders(200, 0);
        try (OutputStream out = ex.getResponseBody()) {
            JobState sentState = null;
            String sentUi = null;
            while (true) {
                long seen = job.version();
                JobState state = job.state();
                String ui = job.sparkUi();
                List<String> lines = job.linesFrom(next);
                StringBuilder b = new StringBuilder();
                for (String line : lines) {
                    b.append("id: ").append(next).append('\n');
                    b.append("event: line\n");
                    b.append("data: ")
                            .append(line.replace("\r", "").replace("\n", " "))
                            .append("\n\n");
                    next++;
                }
                if (state != sentState || !java.util.Objects.equals(ui, sentUi)) {
                    b.append("event: state\ndata: ")
                            .append(Json.compact(job.view(jobs.position(job))))
                            .append("\n\n");
                    sentState = state;
                    sentUi = ui;
                }
                if (b.length() > 0) {
                    out.write(b.toString().getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
                if (state.finished() && job.lineCount() <= next) {
                    out.write("event: end\ndata: {}\n\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    return;
                }
                job.awaitChange(seen, KEEPALIVE_MS);
                if (job.version() == seen) {
                    out.write(": keepalive\n\n".getBytes(StandardCharsets.UTF_8)); // detects a closed browser
                    out.flush();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the browser went away; nothing to clean up
        } finally {
            ex.close();
        }
    }

    private static String jobId(HttpExchange ex) {
        String id = Http.query(ex).get("id");
        if (id == null || !id.matches("job-[0-9A-Za-z-]{1,80}")) {
            throw ApiException.badRequest("no valid job id given");
        }
        return id;
    }
}
