package org.modsweep.explorer.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.modsweep.core.config.StudyConfigs;
import org.modsweep.explorer.api.ApiException;
import org.modsweep.explorer.api.GridsApi;
import org.modsweep.explorer.api.JobsApi;
import org.modsweep.explorer.api.ResultFiles;
import org.modsweep.explorer.api.ResultsApi;
import org.modsweep.explorer.jobs.GridJob;
import org.modsweep.explorer.jobs.TrainingJobs;

/**
 * The explorer's HTTP server.
 *
 * <p>Why the JDK's built-in {@code com.sun.net.httpserver}: it is part of every JDK 17, adds no dependency, and so
 * cannot clash with the Jetty that Spark 4 shades and the Jackson/Netty versions Spark pins; the explorer runs
 * Spark in the same JVM for on-demand training. Its feature set (plain handlers, chunked streaming for server-sent
 * events, a pluggable executor) is all a single-user local app needs. Javalin would bring its own Jetty 11/12
 * and Kotlin runtime next to Spark's.
 *
 * <p>Every response carries a Content-Security-Policy (scripts, styles, images and connections from this origin
 * only; no eval) and {@code nosniff}, and errors reach the browser as one JSON line, never a stack trace. Requests
 * must name an allowed host in Host and Origin ({@link AllowedHosts}; defeats DNS rebinding), and state-changing
 * requests must be JSON POSTs from this origin (defeats cross-site form posts).
 *
 * <p>Hostile clients: a request's line, headers and body must arrive within {@link #MAX_REQUEST_SECONDS} (the JDK
 * server's {@code sun.net.httpserver.maxReqTime}; the response time stays unlimited, event streams last as long as
 * a training), bodies are capped by {@link Http}, and requests are served by at most {@link #THREADS} threads with
 * {@link #WAITING} more queued; beyond that the JDK server closes the connection at once.
 */
public final class ExplorerServer implements AutoCloseable {

    private static final Logger LOG = LogManager.getLogger(ExplorerServer.class);

    /** Plotly injects its own style elements; scripts stay strictly same-origin and eval-free. */
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data: blob:; connect-src 'self'; font-src 'self' data:; object-src 'none'; "
            + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /** Time to send a request's line, headers and body; a trickling client is cut off after it. */
    static final int MAX_REQUEST_SECONDS = 10;

    static final int THREADS = 16;
    static final int WAITING = 64;

    static {
        // read once, when the JDK's server classes load; an operator's own -D setting wins
        setIfAbsent("sun.net.httpserver.maxReqTime", Integer.toString(MAX_REQUEST_SECONDS));
        setIfAbsent("sun.net.httpserver.idleInterval", "30");
        setIfAbsent("sun.net.httpserver.maxReqHeaders", "100");
    }

    private final HttpServer http;
    private final ExecutorService executor;
    private final StaticAssets assets = new StaticAssets();
    private final ResultsApi results;
    private final GridsApi grids;
    private final JobsApi jobsApi;
    private final Map<String, Object> info;
    private final AllowedHosts allowed;

    private ExplorerServer(
            HttpServer http,
            ExecutorService executor,
            ResultFiles files,
            TrainingJobs jobs,
            AllowedHosts allowed,
            Integer epochCap) {
        this.http = http;
        this.executor = executor;
        this.results = new ResultsApi(files);
        this.grids = new GridsApi(files, results);
        this.jobsApi = new JobsApi(jobs);
        this.allowed = allowed;
        this.info = new LinkedHashMap<>();
        info.put("store", files.store().uri());
        info.put("epoch_cap", epochCap);
        info.put("plotly", assets.plotlyPath());
        info.put("max_p_on_demand", org.modsweep.explorer.jobs.TrainingRequest.MAX_P_ON_DEMAND);
        info.put("max_grid_runs", GridJob.MAX_RUNS);
        info.put("max_grid_epochs", GridJob.MAX_EPOCHS);
        info.put("default_grid_epochs", GridJob.DEFAULT_EPOCHS);
        info.put("configs", StudyConfigs.keys());
    }

    /** Binds per the policy (refusing a non-loopback address unless asked) and starts serving. */
    public static ExplorerServer start(BindPolicy bind, ResultFiles files, TrainingJobs jobs, Integer epochCap)
            throws IOException {
        InetAddress addr = bind.address();
        HttpServer http = HttpServer.create(new InetSocketAddress(addr, bind.port()), 0);
        AtomicInteger n = new AtomicInteger();
        // bounded: an event stream holds its thread (JobsApi caps them below THREADS), the rest are short requests
        ThreadPoolExecutor executor =
                new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(WAITING), r -> {
                    Thread t = new Thread(r, "explorer-http-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        executor.allowCoreThreadTimeOut(true);
        http.setExecutor(executor);
        AllowedHosts allowed = bind.allowed(addr);
        if (!addr.isLoopbackAddress()) {
            LOG.info("serving requests that name loopback or {}", allowed.names());
        }
        ExplorerServer server = new ExplorerServer(http, executor, files, jobs, allowed, epochCap);
        http.createContext("/", server::handle);
        http.start();
        return server;
    }

    public int port() {
        return http.getAddress().getPort();
    }

    /** The address to print, e.g. {@code http://127.0.0.1:7860/}. */
    public String url() {
        InetSocketAddress a = http.getAddress();
        String host = a.getAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return "http://" + host + ":" + a.getPort() + "/";
    }

    private void handle(HttpExchange ex) {
        try {
            securityHeaders(ex);
            checkHost(ex);
            route(ex);
        } catch (ApiException e) {
            reply(ex, e.status(), e.getMessage());
        } catch (IllegalArgumentException e) {
            reply(ex, 400, e.getMessage());
        } catch (Http.ClientGone e) {
            LOG.debug(
                    "client left during {} {}: {}",
                    ex.getRequestMethod(),
                    ex.getRequestURI().getRawPath(),
                    e.getMessage());
        } catch (Throwable e) {
            LOG.error(
                    "request {} {} failed",
                    ex.getRequestMethod(),
                    ex.getRequestURI().getRawPath(),
                    e);
            reply(ex, 500, "internal error: " + e.getClass().getSimpleName() + " (details in the explorer's log)");
        } finally {
            ex.close();
        }
    }

    private void route(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getRawPath();
        String method = ex.getRequestMethod().toUpperCase(Locale.ROOT);
        boolean read = method.equals("GET") || method.equals("HEAD");
        if (path.startsWith("/api/jobs") && method.equals("POST")) {
            checkPost(ex);
            switch (path) {
                case "/api/jobs" -> jobsApi.submit(ex);
                case "/api/jobs/cancel" -> jobsApi.cancel(ex);
                case "/api/jobs/grid" -> jobsApi.submitGrid(ex);
                default -> throw ApiException.notFound("no such endpoint");
            }
            return;
        }
        if (!read) {
            throw new ApiException(405, "method " + method + " not allowed here");
        }
        switch (path) {
            case "/", "/index.html" -> assets.serveAsset(ex, "index.html");
            case "/api/info" -> Http.sendJson(ex, 200, info);
            case "/favicon.ico" -> Http.sendRaw(ex, 204, new byte[0]);
            case "/api/moduli" -> results.moduli(ex);
            case "/api/result" -> results.result(ex);
            case "/api/summary" -> results.summaryList(ex);
            case "/api/summary-file" -> results.summaryFile(ex);
            case "/api/grids" -> grids.list(ex);
            case "/api/grid-file" -> grids.file(ex);
            case "/api/grid-run" -> grids.run(ex);
            case "/api/jobs" -> jobsApi.list(ex);
            case "/api/jobs/events" -> jobsApi.events(ex);
            default -> {
                if (path.equals(assets.plotlyPath())) {
                    assets.servePlotly(ex);
                } else if (path.startsWith("/static/")) {
                    assets.serveAsset(ex, path.substring("/static/".length()));
                } else {
                    throw ApiException.notFound("not found");
                }
            }
        }
    }

    private static void securityHeaders(HttpExchange ex) {
        var h = ex.getResponseHeaders();
        h.set("Content-Security-Policy", CSP);
        h.set("X-Content-Type-Options", "nosniff");
        h.set("X-Frame-Options", "DENY");
        h.set("Referrer-Policy", "no-referrer");
        h.set("Cross-Origin-Opener-Policy", "same-origin");
        h.set("Cross-Origin-Resource-Policy", "same-origin");
    }

    /** Only allowed names in Host and Origin: a rebinding DNS name pointing at this server gets nothing. */
    private void checkHost(HttpExchange ex) {
        String host = ex.getRequestHeaders().getFirst("Host");
        if (host != null && !allowed.allowsHost(host)) { // no Host at all: HTTP/1.0, not a browser
            throw ApiException.forbidden("unexpected Host header");
        }
        String origin = ex.getRequestHeaders().getFirst("Origin");
        if (origin != null && !allowed.allowsOrigin(origin)) {
            throw ApiException.forbidden("cross-origin request refused");
        }
    }

    /** State changes only as JSON from this origin: a cross-site page can send neither without CORS consent. */
    private static void checkPost(HttpExchange ex) {
        String type = ex.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new ApiException(415, "expected Content-Type application/json");
        }
        String origin = ex.getRequestHeaders().getFirst("Origin");
        String host = ex.getRequestHeaders().getFirst("Host");
        if (origin != null && host != null && !origin.equalsIgnoreCase("http://" + host)) {
            throw ApiException.forbidden("cross-origin request refused");
        }
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    private static void reply(HttpExchange ex, int status, String message) {
        try {
            String m = message == null ? "error" : message;
            Http.sendError(ex, status, m);
        } catch (IOException | RuntimeException e) {
            // response already started (e.g. a broken event stream): nothing more to say
        }
    }

    @Override
    public void close() {
        http.stop(0);
        executor.shutdownNow();
    }
}
