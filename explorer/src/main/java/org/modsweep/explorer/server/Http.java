package org.modsweep.explorer.server;

import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.modsweep.core.Json;
import org.modsweep.explorer.api.ApiException;

/** Small helpers over the JDK's {@link HttpExchange}: query parsing, JSON and byte responses, gzip. */
public final class Http {

    /** Bodies larger than this are gzip-compressed when the browser accepts it. */
    private static final int GZIP_MIN = 1024;

    private static final int MAX_BODY = 64 * 1024;

    private Http() {}

    /** Query parameters of the request (first value wins), URL-decoded. */
    public static Map<String, String> query(HttpExchange ex) {
        Map<String, String> out = new LinkedHashMap<>();
        String raw = ex.getRequestURI().getRawQuery();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                out.putIfAbsent(
                        URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("malformed query string");
            }
        }
        return out;
    }

    /** Reads a small JSON request body into a map. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> jsonBody(HttpExchange ex) throws IOException {
        try (InputStream in = ex.getRequestBody()) {
            byte[] body = readBody(in);
            if (body.length > MAX_BODY) {
                throw new ApiException(413, "request body too large");
            }
            if (body.length == 0) {
                return new LinkedHashMap<>();
            }
            Object o = Json.MAPPER.readValue(body, Object.class);
            if (!(o instanceof Map)) {
                throw ApiException.badRequest("expected a JSON object");
            }
            return (Map<String, Object>) o;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw ApiException.badRequest("request body is not valid JSON");
        }
    }

    /** At most MAX_BODY + 1 bytes; a client cut off while sending (ExplorerServer's time limit) is its problem. */
    private static byte[] readBody(InputStream in) {
        try {
            return in.readNBytes(MAX_BODY + 1);
        } catch (IOException e) {
            throw new ApiException(408, "request body not received in time");
        }
    }

    public static void sendJson(HttpExchange ex, int status, Object body) throws IOException {
        byte[] bytes = Json.compact(body).getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        send(ex, status, "application/json; charset=utf-8", bytes);
    }

    public static void sendError(HttpExchange ex, int status, String message) throws IOException {
        sendJson(ex, status, Map.of("error", message));
    }

    /** Sends bytes, gzip-compressed when large, compressible and accepted. HEAD gets headers only. */
    public static void send(HttpExchange ex, int status, String contentType, byte[] bytes) throws IOException {
        ex.getResponseHeaders().set("Content-Type", contentType);
        byte[] body = bytes;
        if (bytes.length >= GZIP_MIN && compressible(contentType) && acceptsGzip(ex)) {
            body = gzip(bytes);
            ex.getResponseHeaders().set("Content-Encoding", "gzip");
            ex.getResponseHeaders().add("Vary", "Accept-Encoding");
        }
        sendRaw(ex, status, body);
    }

    /** Sends an already encoded body as is. */
    public static void sendRaw(HttpExchange ex, int status, byte[] body) throws IOException {
        boolean head = "HEAD".equals(ex.getRequestMethod());
        try {
            ex.sendResponseHeaders(status, head ? -1 : (body.length == 0 ? -1 : body.length));
            if (!head && body.length > 0) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(body);
                }
            }
        } catch (IOException e) {
            throw new ClientGone(e);
        }
        ex.close();
    }

    /** The client closed its connection before the response was written: its choice, not a server error. */
    public static final class ClientGone extends java.io.UncheckedIOException {
        ClientGone(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    public static boolean acceptsGzip(HttpExchange ex) {
        List<String> enc = ex.getRequestHeaders().get("Accept-Encoding");
        return enc != null && enc.stream().anyMatch(v -> v.toLowerCase().contains("gzip"));
    }

    static boolean compressible(String contentType) {
        return contentType.startsWith("text/")
                || contentType.startsWith("application/json")
                || contentType.startsWith("application/javascript")
                || contentType.startsWith("image/svg");
    }

    public static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(bytes.length / 3 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(buf, 64 * 1024)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new IllegalStateException(e); // in-memory streams do not fail
        }
        return buf.toByteArray();
    }

    public static String contentType(String name) {
        String n = name.toLowerCase();
        if (n.endsWith(".json")) {
            return "application/json; charset=utf-8";
        } else if (n.endsWith(".png")) {
            return "image/png";
        } else if (n.endsWith(".js")) {
            return "application/javascript; charset=utf-8";
        } else if (n.endsWith(".css")) {
            return "text/css; charset=utf-8";
        } else if (n.endsWith(".html")) {
            return "text/html; charset=utf-8";
        } else if (n.endsWith(".svg")) {
            return "image/svg+xml";
        } else if (n.endsWith(".csv")) {
            return "text/csv; charset=utf-8";
        } else if (n.endsWith(".txt") || n.endsWith(".md")) {
            return "text/plain; charset=utf-8";
        }
        return "application/octet-stream";
    }
}
