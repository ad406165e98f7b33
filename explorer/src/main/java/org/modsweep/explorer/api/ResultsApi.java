package org.modsweep.explorer.api;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.modsweep.core.Modulus;
import org.modsweep.core.store.StoreLayout;
import org.modsweep.explorer.server.Http;

/**
 * Read-only endpoints over {@code results/}:
 * <ul>
 *   <li>{@code GET /api/moduli}: moduli present, ascending, and the default (the largest);</li>
 *   <li>{@code GET /api/result?p=23&name=overview.json}: {@code results/p_023/p023_overview.json};</li>
 *   <li>{@code GET /api/summary}: names in {@code results/summary/};</li>
 *   <li>{@code GET /api/summary-file?name=cells.json}: one of them.</li>
 * </ul>
 * Every file name is resolved against the store by {@link StorePaths} and refused if it leaves its folder, and only
 * the two kinds of file the pages show are served, each as its own type: PNG figures and JSON data. Anything else a
 * store may hold ({@code x.html}, {@code x.js}, {@code x.svg}) is 404 and never reaches the browser as active
 * content, whoever can write the store.
 */
public final class ResultsApi {

    private final ResultFiles files;

    public ResultsApi(ResultFiles files) {
        this.files = files;
    }

    public void moduli(HttpExchange ex) throws IOException {
        List<Integer> moduli = files.moduli();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("moduli", moduli);
        body.put("default", moduli.isEmpty() ? null : moduli.get(moduli.size() - 1));
        Http.sendJson(ex, 200, body);
    }

    public void result(HttpExchange ex) throws IOException {
        Map<String, String> q = Http.query(ex);
        Modulus p = ResultFiles.modulus(q.get("p"));
        String rel = ResultFiles.resultPath(p, q.get("name"));
        sendFile(ex, rel, q.get("name"));
    }

    public void summaryList(HttpExchange ex) throws IOException {
        Http.sendJson(ex, 200, Map.of("files", files.list(StoreLayout.RESULTS + "/" + StoreLayout.SUMMARY)));
    }

    public void summaryFile(HttpExchange ex) throws IOException {
        Map<String, String> q = Http.query(ex);
        String rel = ResultFiles.summaryPath(q.get("name"));
        sendFile(ex, rel, q.get("name"));
    }

    void sendFile(HttpExchange ex, String relative, String name) throws IOException {
        String type = servedType(relative);
        if (type == null) {
            throw ApiException.notFound("no file " + name);
        }
        byte[] bytes = files.read(relative).orElseThrow(() -> ApiException.notFound("no file " + name));
        // results change when jobs finish; a short revalidation window keeps tab switches cheap
        ex.getResponseHeaders().set("Cache-Control", "no-cache");
        Http.send(ex, 200, type, bytes);
    }

    /** The content type a store file is served as, or null when the pages never show that kind of file. */
    static String servedType(String relative) {
        String n = relative.toLowerCase(java.util.Locale.ROOT);
        if (n.endsWith(".png")) {
            return "image/png";
        }
        return n.endsWith(".json") ? "application/json; charset=utf-8" : null;
    }
}
