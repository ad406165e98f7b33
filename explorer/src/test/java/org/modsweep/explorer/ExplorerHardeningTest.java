package org.modsweep.explorer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modsweep.core.store.ResultsStore;
import org.modsweep.explorer.server.AllowedHosts;
import org.modsweep.explorer.server.BindPolicy;

/**
 * The explorer against hostile input, over real HTTP on 127.0.0.1: store files served only as PNG or JSON, nosniff
 * on every response, Host and Origin checked against the allowed hosts, slow clients cut off, a bounded thread
 * pool, and a store it cannot read refused at start.
 */
class ExplorerHardeningTest {

    /** ExplorerServer.MAX_REQUEST_SECONDS, with room for the JDK server's one-second timer and a busy machine. */
    static final long CUT_OFF_MS = 10_000 + 10_000;

    static final String NAME = "explorer.example";

    @TempDir
    static java.nio.file.Path dir;

    static ResultsStore store;
    static Explorer explorer;

    @BeforeAll
    static void start() throws IOException {
        store = ResultsStore.open(dir.resolve("store").toString());
        ResultFixtures.write(store, 23);
        // what someone with write access to a shared bucket could drop next to real results
        Path p23 = new Path(store.layout().resultsRoot(), "p_023");
        store.writeString(new Path(p23, "p023_evil.html"), "<script>fetch('/api/jobs')</script>");
        store.writeString(new Path(p23, "p023_evil.js"), "alert(1)");
        store.writeString(new Path(p23, "p023_evil.svg"), "<svg onload='alert(1)'/>");
        store.writeString(new Path(p23, "p023_notes.txt"), "text");
        store.writeString(new Path(store.layout().summaryDir(), "evil.html"), "<script>alert(1)</script>");
        store.writeString(new Path(store.layout().summaryDir(), "cells.json"), "[{\"p\": 23}]");
        explorer = Explorer.start(store, new BindPolicy("127.0.0.1", 0, true, List.of(NAME)), 5, (p, cap, progress) -> {
            throw new IllegalStateException("this test never trains");
        });
    }

    @AfterAll
    static void stop() {
        explorer.close();
    }

    @Test
    void storeFilesAreServedOnlyAsPngOrJson() throws Exception {
        Raw png = get("/api/result?p=23&name=dft_heatmap_in.png");
        assertEquals(200, png.status);
        assertEquals("image/png", png.headers.get("content-type"));
        Raw json = get("/api/result?p=23&name=overview.json");
        assertEquals(200, json.status);
        assertEquals("application/json; charset=utf-8", json.headers.get("content-type"));
        assertEquals(200, get("/api/summary-file?name=cells.json").status);
        for (String path : List.of(
                "/api/result?p=23&name=evil.html",
                "/api/result?p=23&name=evil.js",
                "/api/result?p=23&name=evil.svg",
                "/api/result?p=23&name=notes.txt",
                "/api/result?p=23&name=EVIL.HTML",
                "/api/summary-file?name=evil.html")) {
            Raw r = get(path);
            assertEquals(404, r.status, path);
            assertFalse(r.body.contains("alert") || r.body.contains("<script"), r.body);
            assertEquals("application/json; charset=utf-8", r.headers.get("content-type"), path);
        }
    }

    @Test
    void everyResponseCarriesNosniff() throws Exception {
        List<String> requests = List.of(
                "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n",
                "GET /static/app.js HTTP/1.1\r\nHost: 127.0.0.1\r\n",
                "HEAD /vendor/plotly-3.3.1.js HTTP/1.1\r\nHost: 127.0.0.1\r\n",
                "GET /api/info HTTP/1.1\r\nHost: 127.0.0.1\r\n",
                "GET /api/result?p=23&name=dft_heatmap_in.png HTTP/1.1\r\nHost: 127.0.0.1\r\n",
                "GET /api/result?p=23&name=evil.html HTTP/1.1\r\nHost: 127.0.0.1\r\n",
                "GET /api/result?p=23&name=%2Fetc%2Fx.json HTTP/1.1\r\nHost: 127.0.0.1\r\n",
                "GET /api/result?p=8&name=x.json HTTP/1.1\r\nHost: 127.0.0.1\r\n",
                "GET /api/moduli HTTP/1.1\r\nHost: evil.example\r\n",
                "PUT /api/moduli HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n",
                "POST /api/jobs HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\n{}",
                "GET /api/jobs/events?id=job-none HTTP/1.1\r\nHost: 127.0.0.1\r\n",
                "HEAD /favicon.ico HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        List<Integer> statuses = new ArrayList<>();
        for (String req : requests) {
            Raw r = raw(req.contains("\r\n\r\n") ? req : req + "\r\n");
            statuses.add(r.status);
            assertEquals("nosniff", r.headers.get("x-content-type-options"), req + " -> " + r.status);
        }
        assertEquals(List.of(200, 200, 200, 200, 200, 404, 403, 400, 403, 405, 415, 404, 204), statuses);
    }

    @Test
    void hostAndOriginMustNameAnAllowedHost() throws Exception {
        int port = explorer.port();
        assertEquals(200, raw("GET /api/moduli HTTP/1.1\r\nHost: " + NAME + ":" + port + "\r\n\r\n").status);
        assertEquals(200, raw("GET /api/moduli HTTP/1.1\r\nHost: EXPLORER.Example\r\n\r\n").status);
        assertEquals(200, raw("GET /api/moduli HTTP/1.1\r\nHost: localhost:" + port + "\r\n\r\n").status);
        assertEquals(200, raw("GET /api/moduli HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n\r\n").status);
        for (String host : List.of(
                "evil.example",
                NAME + ".evil.example",
                "evil.example:" + port,
                NAME + ":x",
                NAME + "@evil.example",
                "[::2]:" + port)) {
            assertEquals(403, raw("GET /api/moduli HTTP/1.1\r\nHost: " + host + "\r\n\r\n").status, host);
        }
        String named = "Host: " + NAME + ":" + port + "\r\n";
        assertEquals(
                200,
                raw("GET /api/moduli HTTP/1.1\r\n" + named + "Origin: http://" + NAME + ":" + port + "\r\n\r\n")
                        .status);
        for (String origin : List.of(
                "http://evil.example",
                "null",
                "https://" + NAME,
                "http://" + NAME + ".evil.example",
                "file://",
                "http://user@" + NAME)) {
            assertEquals(
                    403, raw("GET /api/moduli HTTP/1.1\r\n" + named + "Origin: " + origin + "\r\n\r\n").status, origin);
        }
        // a state change needs its own origin, by an allowed name
        String body = "{\"p\": 23}";
        Raw ok = raw("POST /api/jobs HTTP/1.1\r\n" + named + "Origin: http://" + NAME + ":" + port
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);
        assertEquals(200, ok.status, ok.body);
        assertTrue(ok.body.contains("already exist"), ok.body);
        Raw other = raw("POST /api/jobs HTTP/1.1\r\n" + named + "Origin: http://localhost:" + port
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);
        assertEquals(403, other.status, other.body);
    }

    @Test
    void allowedHostsDefaultToTheBoundHost() throws Exception {
        AllowedHosts specific = AllowedHosts.of(InetAddress.getByName("10.1.2.3"), "10.1.2.3", List.of());
        assertEquals(List.of("10.1.2.3"), List.copyOf(specific.names()));
        assertTrue(specific.allowsHost("10.1.2.3:7860") && specific.allowsHost("localhost:7860"));
        assertFalse(specific.allowsHost("rebind.evil.example:7860"));

        AllowedHosts wildcard = AllowedHosts.of(InetAddress.getByName("0.0.0.0"), "0.0.0.0", List.of());
        String machine = InetAddress.getLocalHost().getHostName().toLowerCase(Locale.ROOT);
        assertTrue(wildcard.allowsHost(machine + ":7860"), wildcard.names() + " has " + machine);
        assertFalse(wildcard.allowsHost("rebind.evil.example"), wildcard.names().toString());

        AllowedHosts given = AllowedHosts.of(InetAddress.getByName("0.0.0.0"), "0.0.0.0", List.of("Svc-Explorer"));
        assertEquals(List.of("svc-explorer"), List.copyOf(given.names()));
        assertFalse(given.allowsHost(machine), "given names replace the default");

        for (String bad : List.of("http://x.example", "x.example:80", "x example", "", "x.example/path")) {
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class, () -> new BindPolicy("0.0.0.0", 0, true, List.of(bad)), bad);
            assertTrue(e.getMessage().startsWith("--allowed-host '" + bad + "' is not a host name"), e.getMessage());
        }
    }

    @Test
    void slowRequestsAreCutOffAndTheServerKeepsServing() throws Exception {
        try (Socket headers = new Socket("127.0.0.1", explorer.port());
                Socket body = new Socket("127.0.0.1", explorer.port())) {
            long t0 = System.currentTimeMillis();
            headers.getOutputStream()
                    .write("GET /api/moduli HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
            body.getOutputStream()
                    .write(("POST /api/jobs HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                                    + "Content-Length: 100\r\n\r\n{\"p\"")
                            .getBytes(StandardCharsets.US_ASCII));
            assertEquals(200, get("/api/info").status, "others are served meanwhile");
            assertCutOff(headers, t0);
            assertCutOff(body, t0);
        }
        assertEquals(200, get("/api/info").status);
    }

    @Test
    void theThreadPoolIsBounded() throws Exception {
        // requests whose body never comes hold a thread or a queue slot each (16 + 64); once all are taken, the next
        // connection is closed at once instead of waiting in an unbounded queue
        List<Socket> stuck = new ArrayList<>();
        int refusedAt = -1;
        long t0 = System.currentTimeMillis();
        try {
            for (int i = 0; i < 120 && refusedAt < 0; i++) {
                Socket s = new Socket("127.0.0.1", explorer.port());
                stuck.add(s);
                s.getOutputStream()
                        .write(("POST /api/jobs HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                                        + "Content-Length: 100\r\n\r\n{")
                                .getBytes(StandardCharsets.US_ASCII));
                if (i >= 16 + 64) { // give the server time to take each one, then see whether it kept it
                    s.setSoTimeout(500);
                    try {
                        if (readOrEnd(s.getInputStream()) == -1) {
                            refusedAt = i;
                        }
                    } catch (SocketTimeoutException e) {
                        // kept: waiting for its body
                    }
                }
            }
            assertTrue(
                    refusedAt >= 16 + 64,
                    "a connection was refused once every thread and slot was taken: " + refusedAt);
            for (Socket s : stuck.subList(0, refusedAt)) {
                assertCutOff(s, t0);
            }
        } finally {
            for (Socket s : stuck) {
                s.close();
            }
        }
        assertEquals(200, get("/api/info").status, "serves again once the stuck requests were cut off");
    }

    @Test
    void aStoreThatCannotBeReadIsRefusedAtStart() throws Exception {
        java.nio.file.Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> Explorer.start(
                        ResultsStore.open(file.toString()), BindPolicy.loopback(0), null, (p, cap, progress) -> {}));
        assertTrue(e.getMessage().matches("store .*not-a-folder is a file, not a folder"), e.getMessage());
        // a store that does not exist yet is simply empty
        try (Explorer empty = Explorer.start(
                ResultsStore.open(dir.resolve("new-store").toString()),
                BindPolicy.loopback(0),
                null,
                (p, cap, progress) -> {})) {
            assertTrue(empty.port() > 0);
        }
    }

    private static void assertCutOff(Socket s, long since) throws IOException {
        s.setSoTimeout((int) CUT_OFF_MS);
        String response = new String(readAll(s.getInputStream()), StandardCharsets.US_ASCII);
        long took = System.currentTimeMillis() - since;
        assertTrue(took < CUT_OFF_MS, "cut off after " + took + " ms");
        assertFalse(response.startsWith("HTTP/1.1 2"), "no success for an incomplete request: " + response);
    }

    private static int readOrEnd(InputStream in) throws IOException {
        try {
            return in.read();
        } catch (SocketException e) {
            return -1; // reset by the server: closed as well
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        try {
            return in.readAllBytes();
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server kept the connection open", e);
        } catch (SocketException e) {
            return new byte[0];
        }
    }

    record Raw(int status, Map<String, String> headers, String body) {}

    static Raw get(String path) throws IOException {
        return raw("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    }

    /** One request on its own connection ({@code Connection: close} added), the whole response read. */
    static Raw raw(String request) throws IOException {
        int end = request.indexOf("\r\n\r\n");
        String withClose = request.substring(0, end + 2) + "Connection: close\r\n" + request.substring(end + 2);
        try (Socket s = new Socket("127.0.0.1", explorer.port())) {
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            out.write(withClose.getBytes(StandardCharsets.UTF_8));
            out.flush();
            String all = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int split = all.indexOf("\r\n\r\n");
            String[] head = all.substring(0, split).split("\r\n");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < head.length; i++) {
                int c = head[i].indexOf(':');
                headers.put(
                        head[i].substring(0, c).trim().toLowerCase(Locale.ROOT),
                        head[i].substring(c + 1).trim());
            }
            return new Raw(Integer.parseInt(head[0].substring(9, 12)), headers, all.substring(split + 4));
        }
    }
}
