package org.modsweep.app.explore;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The explorer page driven by Debian's headless Chromium through Selenium (both paths explicit, so Selenium Manager
 * never tries the network). Knows how to tell that a Plotly chart was drawn with data and that a PNG decoded.
 */
final class ExplorerPage implements AutoCloseable {

    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    final ChromeDriver driver;
    final JavascriptExecutor js;
    final Path shots;

    ExplorerPage(Path screenshotDir) throws IOException {
        if (!Files.isExecutable(Path.of(CHROMIUM)) || !Files.isExecutable(Path.of(CHROMEDRIVER))) {
            throw new IllegalStateException("the browser test needs Debian's chromium and chromium-driver: "
                    + "apt-get install -y chromium chromium-driver (.ci/run does this)");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-dev-shm-usage",
                "--disable-gpu",
                "--window-size=1400,1000",
                "--hide-scrollbars");
        org.openqa.selenium.logging.LoggingPreferences logs = new org.openqa.selenium.logging.LoggingPreferences();
        logs.enable(org.openqa.selenium.logging.LogType.BROWSER, java.util.logging.Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(CHROMEDRIVER).toFile())
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        js = driver;
        shots = screenshotDir;
        Files.createDirectories(shots);
    }

    void open(String url) {
        driver.get(url);
        waitFor(Duration.ofSeconds(60), "page loaded", () -> "true"
                .equals(js.executeScript("return document.body.dataset.loaded")));
    }

    void tab(String name) {
        driver.findElement(By.cssSelector(".tabs button[data-tab='" + name + "']"))
                .click();
        waitFor(Duration.ofSeconds(10), "tab " + name + " shown", () -> driver.findElement(By.id("tab-" + name))
                .isDisplayed());
    }

    /** True when the chart div holds Plotly's svg.main-svg and at least one trace with data points. */
    boolean chartDrawn(String id) {
        Object ok = js.executeScript(
                "const d = document.getElementById(arguments[0]);"
                        + "if (!d || !d.querySelector('svg.main-svg') || !d.data || !d.data.length) return false;"
                        + "const n = (t) => (t.z && t.z.length) || (t.y && t.y.length) || 0;"
                        + "const drawn = d.querySelectorAll('g.trace, g.hm, g.heatmaplayer image, .barlayer .point').length;"
                        + "return d.data.some(t => n(t) > 0) && drawn > 0;",
                id);
        return Boolean.TRUE.equals(ok);
    }

    void assertChart(String id) {
        waitFor(Duration.ofSeconds(30), "chart " + id + " drawn with data", () -> chartDrawn(id));
    }

    String chartTitle(String id) {
        return (String) js.executeScript(
                "const t = document.querySelector('#' + arguments[0] + ' .gtitle'); return t ? t.textContent : null;",
                id);
    }

    /** Every result image inside the tab decoded (naturalWidth > 0); returns their names. */
    List<String> assertImagesDecoded(String tab) {
        waitFor(
                Duration.ofSeconds(30),
                "images of " + tab + " loaded",
                () -> Boolean.TRUE.equals(js.executeScript(
                        "return Array.from(document.querySelectorAll('#tab-' + arguments[0] + ' img.result'))"
                                + ".every(i => i.dataset.state === 'loaded' || i.dataset.state === 'missing');",
                        tab)));
        List<String> names = new ArrayList<>();
        for (WebElement img : driver.findElements(By.cssSelector("#tab-" + tab + " img.result"))) {
            String name = img.getAttribute("data-name");
            Object w = js.executeScript("return arguments[0].complete ? arguments[0].naturalWidth : 0;", img);
            assertTrue(((Number) w).intValue() > 0, "image " + name + " of tab " + tab + " decoded (naturalWidth > 0)");
            names.add(name);
        }
        return names;
    }

    /** Console errors since the last call (a CSP violation or a script error shows up here). */
    List<String> consoleErrors() {
        List<String> out = new ArrayList<>();
        for (org.openqa.selenium.logging.LogEntry e :
                driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER)) {
            if (e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue()) {
                out.add(e.getMessage());
            }
        }
        return out;
    }

    void screenshot(String name) throws IOException {
        byte[] png = driver.getScreenshotAs(OutputType.BYTES);
        Files.write(shots.resolve(name + ".png"), png);
    }

    /** A full-page screenshot (the window is grown to the document's height first). */
    void fullScreenshot(String name) throws IOException {
        Number h = (Number) js.executeScript("return document.documentElement.scrollHeight;");
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(1400, Math.min(6000, h.intValue() + 40)));
        js.executeScript("window.dispatchEvent(new Event('resize'));");
        sleep(400);
        screenshot(name);
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(1400, 1000));
    }

    interface Check {
        boolean ok() throws Exception;
    }

    void waitFor(Duration timeout, String what, Check check) {
        long end = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (System.nanoTime() < end) {
            try {
                if (check.ok()) {
                    return;
                }
            } catch (Exception e) {
                last = e;
            }
            sleep(100);
        }
        throw new AssertionError("timed out waiting for " + what + (last == null ? "" : ": " + last));
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
