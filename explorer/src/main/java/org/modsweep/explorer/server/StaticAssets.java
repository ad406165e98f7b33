package org.modsweep.explorer.server;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.modsweep.explorer.api.ApiException;

/**
 * The page, its script and style (classpath {@code explorer/}) and Plotly.js from its WebJar. Nothing is fetched
 * from a CDN: the app works offline. Plotly's 11 MB unminified bundle is gzip-compressed once (about 3 MB) and
 * served with a long cache lifetime under a versioned URL.
 */
public final class StaticAssets {

    private static final String ROOT = "explorer/";
    /** Asset names are flat: letters, digits, dash, underscore and one dot-extension; no path can be formed. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+\\.(js|css|html|png|svg)");

    private final String plotlyVersion;
    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();
    private volatile byte[] plotlyGzip;

    public StaticAssets() {
        Properties versions = new Properties();
        try (InputStream in = resource(ROOT + "versions.properties")) {
            versions.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.plotlyVersion = versions.getProperty("plotly.version");
    }

    public String plotlyVersion() {
        return plotlyVersion;
    }

    /** URL path of the Plotly bundle, versioned so that browsers may cache it for good. */
    public String plotlyPath() {
        return "/vendor/plotly-" + plotlyVersion + ".js";
    }

    /** Serves {@code /static/NAME} from the classpath. */
    public void serveAsset(HttpExchange ex, String name) throws IOException {
        if (!NAME.matcher(name).matches()) {
            throw ApiException.notFound("no such asset");
        }
        byte[] bytes = cache.computeIfAbsent(name, n -> {
            try (InputStream in = StaticAssets.class.getClassLoader().getResourceAsStream(ROOT + n)) {
                if (in == null) {
                    return new byte[0];
                }
                byte[] b = in.readAllBytes();
                // the page names the versioned Plotly bundle
                return n.equals("index.html")
                        ? new String(b, java.nio.charset.StandardCharsets.UTF_8)
                                .replace("{{PLOTLY_PATH}}", plotlyPath())
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8)
                        : b;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        if (bytes.length == 0) {
            throw ApiException.notFound("no such asset");
        }
        ex.getResponseHeaders().set("Cache-Control", "no-cache");
        Http.send(ex, 200, Http.contentType(name), bytes);
    }

    /** Serves the Plotly bundle, gzip-compressed (every browser accepts gzip; others get it plain). */
    public void servePlotly(HttpExchange ex) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "application/javascript; charset=utf-8");
        ex.getResponseHeaders().set("Cache-Control", "public, max-age=31536000, immutable");
        ex.getResponseHeaders().add("Vary", "Accept-Encoding");
        if (Http.acceptsGzip(ex)) {
            ex.getResponseHeaders().set("Content-Encoding", "gzip");
            Http.sendRaw(ex, 200, plotlyGzip());
        } else {
            Http.sendRaw(ex, 200, plotlyPlain());
        }
    }

    private byte[] plotlyGzip() {
        byte[] g = plotlyGzip;
        if (g == null) {
            synchronized (this) {
                if (plotlyGzip == null) {
                    plotlyGzip = Http.gzip(plotlyPlain());
                }
                g = plotlyGzip;
            }
        }
        return g;
    }

    private byte[] plotlyPlain() {
        String path = "META-INF/resources/webjars/plotly.js-dist/" + plotlyVersion + "/plotly.js";
        try (InputStream in = resource(path)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(String path) throws IOException {
        InputStream in = StaticAssets.class.getClassLoader().getResourceAsStream(path);
        if (in == null) {
            throw new IOException("resource " + path + " is missing from the classpath");
        }
        return in;
    }
}
