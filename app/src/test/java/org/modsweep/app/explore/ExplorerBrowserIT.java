package org.modsweep.app.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modsweep.core.Json;
import org.modsweep.core.Modulus;
import org.modsweep.core.config.StudyConfigs;
import org.modsweep.core.store.ResultsStore;
import org.modsweep.driver.Sweep;
import org.modsweep.driver.SweepListener;
import org.modsweep.driver.SweepRequest;
import org.modsweep.driver.SweepResult;
import org.modsweep.explorer.Explorer;
import org.modsweep.explorer.GridFixtures;
import org.modsweep.explorer.server.BindPolicy;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The explorer end to end: a short real sweep (p = 19, every configuration, capped epochs, local Spark, the real
 * reduce) fills a store; headless Chromium then visits every tab, checks every chart drew data and every PNG
 * decoded, moves the neuron inspector, the pair explorer and the epoch slider and sees the charts change, trains a
 * new p on demand while watching its log stream, queues and cancels another, sees a failed job's error, and finally
 * restarts the explorer to find every finished job and result still there. Screenshots go to
 * {@code target/explorer-screenshots/}.
 */
class ExplorerBrowserIT {

    private static final Logger LOG = LogManager.getLogger(ExplorerBrowserIT.class);
    /** Enough epochs for three grokking checkpoints (0, 200, 400): the slider has somewhere to move. */
    static final int SWEEP_EPOCHS = 600;
    /** On-demand trainings in the test are capped hard: they prove the path, not the science. */
    static final int ON_DEMAND_EPOCHS = 200;

    static final String MASTER = "local[2]";
    /** p = 3 fails for real inside its Spark tasks (the driver's test fault switch): the page must show why. */
    static final Map<String, String> FAULTS = Map.of("modsweep.test.failAlways", "p003-standard");

    static final List<String> TABS = List.of(
            "overview",
            "fourier",
            "phase",
            "logits",
            "lottery",
            "grokking",
            "gradient",
            "decoupled",
            "log",
            "sweep",
            "grids");

    @TempDir
    static Path dir;

    static String storeUri;
    static final Path SHOTS = Path.of("target", "explorer-screenshots");

    @BeforeAll
    static void realSweep() throws Exception {
        storeUri = dir.resolve("store").toString();
        long t0 = System.nanoTime();
        SweepResult r = new Sweep()
                .run(
                        new SweepRequest(
                                List.of(Modulus.of(19)), StudyConfigs.ALL, storeUri, MASTER, SWEEP_EPOCHS, Map.of()),
                        new SweepListener() {
                            @Override
                            public void onLine(String line) {
                                LOG.info("sweep: {}", line);
                            }
                        });
        assertTrue(r.ok(), "the sweep succeeded: " + r);
        LOG.info("sweep p=19 ({} epochs) took {} s", SWEEP_EPOCHS, (System.nanoTime() - t0) / 1e9);
    }

    @Test
    void everyTabRendersAndOnDemandTrainingStreamsItsLog() throws Exception {
        ResultsStore store = ResultsStore.open(storeUri);
        Explorer explorer = Explorer.start(
                store, BindPolicy.loopback(0), ON_DEMAND_EPOCHS, new SweepTrainer(storeUri, MASTER, FAULTS));
        try (ExplorerPage page = new ExplorerPage(SHOTS)) {
            page.open(explorer.url());
            assertEquals(List.of("19"), options(page, "p-select"));
            assertTrue(
                    page.driver
                            .findElement(By.id("info-bar"))
                            .getText()
                            .startsWith("p = 19 | d_mlp = 512 | Train Acc = "),
                    page.driver.findElement(By.id("info-bar")).getText());

            visitEveryTab(page);
            neuronInspectorChangesTheChart(page);
            logitExplorerChangesTheChart(page);
            epochSliderChangesTheGrid(page);
            trainingLogFollowsTheRunSelector(page);
            onDemandTraining(page);
            failedJobShowsItsError(page);
            sweepTabShowsEveryModulus(page);
            // a job running when the explorer stops is resumed by the next start
            postJob(explorer, 9);
            waitForJob(explorer, 9, "running", Duration.ofSeconds(30));
        } finally {
            explorer.close();
        }
        restartKeepsJobsAndResumesUnfinished(store);
    }

    /**
     * The Grids tab over a grid planted as a grid sweep and its reduce leave it (the explorer's GridFixtures: 12 runs
     * of p = 19, 6 grid points, one run missing): the phase diagram has one cell per grid point, a click on a cell
     * draws its seeds' band with each run's curve (read from the runs' metrics Parquet files), its progress measures
     * and its delay; the delay curves, critical values and the grid's PNGs are there; no console errors.
     */
    @Test
    void gridsTabDrawsThePhaseDiagramAndAPointsSeeds() throws Exception {
        ResultsStore store = ResultsStore.open(storeUri);
        GridFixtures.write(store, 19);
        try (Explorer explorer = Explorer.start(
                        store, BindPolicy.loopback(0), ON_DEMAND_EPOCHS, new SweepTrainer(storeUri, MASTER, FAULTS));
                ExplorerPage page = new ExplorerPage(SHOTS)) {
            page.open(explorer.url());
            page.tab("grids");
            page.waitFor(Duration.ofSeconds(30), "grid loaded", () -> "true"
                    .equals(page.js.executeScript("return document.body.dataset.gridLoaded")));
            assertEquals(List.of(GridFixtures.ID), options(page, "grid-select"));
            assertEquals(
                    "weight_decay", page.driver.findElement(By.id("grid-x")).getAttribute("value"));
            assertEquals("frac_train", page.driver.findElement(By.id("grid-y")).getAttribute("value"));
            page.assertChart("chart-grid-phases");
            assertEquals(
                    GridFixtures.POINTS,
                    ((Number) page.js.executeScript("return document.getElementById('chart-grid-phases').data[0].z"
                                    + ".flat().filter(v => v !== null).length;"))
                            .intValue(),
                    "one coloured cell per grid point");
            String hover = (String) page.js.executeScript(
                    "const t = document.getElementById('chart-grid-phases').data[0].text; return t[1][1];");
            assertTrue(
                    hover.contains("weight_decay = 1")
                            && hover.contains("frac_train = 0.5")
                            && hover.contains(
                                    "seeds per phase: confusion 0, memorization 0, grokking 1, comprehension 1")
                            && hover.contains("delay: "),
                    hover);
            page.assertChart("chart-grid-delay");
            assertEquals(
                    3,
                    page.driver
                            .findElements(By.cssSelector("#grid-critical tbody tr"))
                            .size());
            page.waitFor(
                    Duration.ofSeconds(20),
                    "the grid's PNGs decoded",
                    () -> Boolean.TRUE.equals(
                            page.js.executeScript("const i = Array.from(document.querySelectorAll('#grid-images img'));"
                                    + "return i.length === 3 && i.every(x => x.complete && x.naturalWidth > 0);")));
            clickCell(page, "1", "0.5");
            page.waitFor(
                    Duration.ofSeconds(20),
                    "the point's band and both runs drawn",
                    () -> page.driver.findElement(By.id("grid-point")).isDisplayed()
                            && "2"
                                    .equals(page.js.executeScript(
                                            "return document.getElementById('chart-grid-band').dataset.runs")));
            page.assertChart("chart-grid-band");
            Object traces = page.js.executeScript("return document.getElementById('chart-grid-band').data"
                    + ".map(t => (t.fill || '') + ':' + (t.meta || t.name) + ':' + t.y.length);");
            assertEquals(
                    List.of(
                            ":mean + std:60",
                            "tonexty:mean ± std:60",
                            ":mean of 2 seeds:60",
                            ":p019-grokking-seed1-weight_decay1.0-frac_train0.5:" + GridFixtures.EPOCHS,
                            ":p019-grokking-seed2-weight_decay1.0-frac_train0.5:" + GridFixtures.EPOCHS),
                    traces,
                    "mean ± std band (seeds.json) and each run's own curve (its metrics Parquet)");
            page.assertChart("chart-grid-progress");
            assertEquals(
                    2,
                    page.driver
                            .findElements(By.cssSelector("#grid-point-runs tbody tr"))
                            .size());
            assertTrue(
                    page.driver.findElement(By.id("grid-point-delay")).getText().startsWith("Delay t_test − t_train: "),
                    page.driver.findElement(By.id("grid-point-delay")).getText());
            page.fullScreenshot("12-grids-point");
            assertEquals(List.of(), page.consoleErrors(), "no script errors, no Content-Security-Policy violations");
            smallGridOnDemand(page);
            List<String> errors = page.consoleErrors();
            assertTrue(
                    errors.size() == 1
                            && errors.get(0)
                                    .contains("/api/jobs/grid - Failed to load resource: the server"
                                            + " responded with a status of 400"),
                    "the refused grid's 400 is the only console line: " + errors);
        }
    }

    /**
     * The form trains a real small grid (the driver's grid sweep and reduce through SweepTrainer): a grid too large is
     * refused with one line; 4 runs of p = 19 are trained, their log streams, and the tab then shows the new grid.
     */
    private void smallGridOnDemand(ExplorerPage page) throws Exception {
        page.driver.findElement(By.cssSelector("#grid-generate summary")).click();
        type(page, "grid-new-p", "19");
        type(page, "grid-new-axes", "seed=1..40");
        type(page, "grid-new-epochs", "200");
        page.driver.findElement(By.id("grid-train-btn")).click();
        page.waitFor(Duration.ofSeconds(10), "the size refusal", () -> page.driver
                .findElement(By.id("grid-gen-status"))
                .getText()
                .equals("Error: a grid trained on demand has at most 32 runs; this one has 40 (train larger grids with"
                        + " modsweep sweep --grid)"));
        type(page, "grid-new-axes", "seed=3,4;frac_train=0.5,0.75");
        page.driver.findElement(By.id("grid-train-btn")).click();
        page.waitFor(
                Duration.ofSeconds(300),
                "the grid trained, reduced and selected",
                () -> page.driver
                                .findElement(By.id("grid-gen-status"))
                                .getText()
                                .startsWith("Success: Done! Generated ")
                        && page.driver
                                .findElement(By.id("grid-select"))
                                .getAttribute("value")
                                .matches("grokking-seed-frac_train-[0-9a-f]{8}")
                        && "true".equals(page.js.executeScript("return document.body.dataset.gridLoaded")));
        String log = page.driver.findElement(By.id("grid-log")).getText();
        assertTrue(log.contains("Done! Generated ") && log.contains("grid: grokking-seed-frac_train-"), log);
        assertEquals("frac_train", page.driver.findElement(By.id("grid-x")).getAttribute("value"));
        page.assertChart("chart-grid-phases");
        assertEquals(
                2,
                ((Number) page.js.executeScript("return document.getElementById('chart-grid-phases').data[0].z"
                                + ".flat().filter(v => v !== null).length;"))
                        .intValue());
        clickCell(page, "0.5", "(all)");
        page.waitFor(Duration.ofSeconds(30), "the new grid's point with both seeds", () -> "2"
                .equals(page.js.executeScript("return document.getElementById('chart-grid-band').dataset.runs")));
        page.assertChart("chart-grid-band");
        page.fullScreenshot("13-grids-on-demand");
    }

    private static void type(ExplorerPage page, String id, String text) {
        WebElement input = page.driver.findElement(By.id(id));
        input.clear();
        input.sendKeys(text);
    }

    /** A real click on the heat-map cell at category values (x, y), where Plotly's axes put it on the page. */
    private static void clickCell(ExplorerPage page, String x, String y) {
        WebElement chart = page.driver.findElement(By.id("chart-grid-phases"));
        page.js.executeScript("arguments[0].scrollIntoView({block: 'center'});", chart); // a pointer needs it in view
        @SuppressWarnings("unchecked")
        List<Number> at = (List<Number>) page.js.executeScript(
                "const d = document.getElementById('chart-grid-phases'), fl = d._fullLayout, r = d.getBoundingClientRect();"
                        + "const xi = d.data[0].x.indexOf(arguments[0]), yi = d.data[0].y.indexOf(arguments[1]);"
                        + "return [fl._size.l + fl.xaxis.l2p(xi) - r.width / 2, fl._size.t + fl.yaxis.l2p(yi) - r.height / 2];",
                x,
                y);
        new org.openqa.selenium.interactions.Actions(page.driver)
                .moveToElement(chart, at.get(0).intValue(), at.get(1).intValue())
                .click()
                .perform();
    }

    private void visitEveryTab(ExplorerPage page) throws Exception {
        Map<String, List<String>> charts = Map.of(
                "overview", List.of("chart-std-loss", "chart-grokk-loss-overview", "chart-grokk-ipr"),
                "fourier", List.of("chart-neuron"),
                "logits", List.of("chart-logits"),
                "grokking", List.of("chart-grokk-loss", "chart-grokk-acc", "chart-acc-grid"),
                "sweep", List.of("chart-summary"));
        int images = 0;
        for (String tab : TABS) {
            page.tab(tab);
            for (String chart : charts.getOrDefault(tab, List.of())) {
                page.assertChart(chart);
            }
            images += page.assertImagesDecoded(tab).size();
            page.fullScreenshot(String.format("%02d-%s", TABS.indexOf(tab) + 1, tab));
        }
        assertEquals(23, images, "every PNG the study's app shows for p >= 19 decoded");
        assertEquals(List.of(), page.consoleErrors(), "no script errors, no Content-Security-Policy violations");
    }

    private void neuronInspectorChangesTheChart(ExplorerPage page) {
        page.tab("fourier");
        String before = page.chartTitle("chart-neuron");
        assertTrue(before.startsWith("Neuron neuron_0 (dominant freq="), before);
        new Select(page.driver.findElement(By.id("neuron-select"))).selectByValue("neuron_1");
        page.waitFor(Duration.ofSeconds(10), "neuron_1 drawn", () -> page.chartTitle("chart-neuron")
                .startsWith("Neuron neuron_1 "));
        page.driver.findElement(By.id("neuron-next")).click();
        page.waitFor(Duration.ofSeconds(10), "neuron_2 drawn", () -> page.chartTitle("chart-neuron")
                .startsWith("Neuron neuron_2 "));
        page.assertChart("chart-neuron");
    }

    private void logitExplorerChangesTheChart(ExplorerPage page) {
        page.tab("logits");
        assertEquals("Logits for (0, 0) -- correct = 0", page.chartTitle("chart-logits"));
        new Select(page.driver.findElement(By.id("pair-select"))).selectByValue("(5, 0)");
        page.waitFor(Duration.ofSeconds(10), "pair (5, 0) drawn", () -> "Logits for (5, 0) -- correct = 5"
                .equals(page.chartTitle("chart-logits")));
    }

    private void epochSliderChangesTheGrid(ExplorerPage page) throws Exception {
        page.tab("grokking");
        WebElement slider = page.driver.findElement(By.id("epoch-slider"));
        assertTrue(slider.isDisplayed());
        assertEquals("Accuracy Grid at Epoch 0", page.chartTitle("chart-acc-grid"));
        assertEquals("Epoch: 0", page.driver.findElement(By.id("epoch-label")).getText());
        Object z0 =
                page.js.executeScript("return JSON.stringify(document.getElementById('chart-acc-grid').data[0].z);");
        slider.sendKeys(Keys.ARROW_RIGHT);
        page.waitFor(Duration.ofSeconds(10), "slider moved to snapshot 1", () -> !"Accuracy Grid at Epoch 0"
                .equals(page.chartTitle("chart-acc-grid")));
        assertEquals("1", slider.getAttribute("value"));
        String title = page.chartTitle("chart-acc-grid");
        assertTrue(title.matches("Accuracy Grid at Epoch [1-9]\\d*"), title);
        WebElement bold = page.driver.findElement(By.cssSelector("#epoch-label b"));
        assertEquals(title.replace("Accuracy Grid at Epoch ", "Epoch: "), bold.getText());
        Object z1 =
                page.js.executeScript("return JSON.stringify(document.getElementById('chart-acc-grid').data[0].z);");
        assertNotEquals(z0, z1, "the grid itself changed with the epoch");
        page.assertChart("chart-acc-grid");
        page.driver.findElement(By.id("epoch-slider-row")).click();
        page.screenshot("grokking-slider-moved");
    }

    private void trainingLogFollowsTheRunSelector(ExplorerPage page) {
        page.tab("log");
        assertEquals(
                List.of("standard", "grokking", "quad_random", "quad_single_freq", "relu_single_freq"),
                options(page, "run-select"));
        assertTrue(page.driver.findElement(By.id("run-log")).getText().contains("Training Log: p=19, run=standard"));
        new Select(page.driver.findElement(By.id("run-select"))).selectByValue("grokking");
        page.waitFor(
                Duration.ofSeconds(10),
                "grokking log shown",
                () -> page.driver.findElement(By.id("run-log")).getText().contains("Training Log: p=19, run=grokking"));
        assertTrue(page.driver.findElement(By.id("run-config")).getText().contains("Weight Decay: 2.0"));
    }

    private void onDemandTraining(ExplorerPage page) throws Exception {
        page.tab("overview");
        page.driver.findElement(By.cssSelector("#generate summary")).click();
        WebElement input = page.driver.findElement(By.id("new-p"));
        // refused before anything is queued
        input.sendKeys("4");
        page.driver.findElement(By.id("generate-btn")).click();
        page.waitFor(Duration.ofSeconds(10), "validation error", () -> page.driver
                .findElement(By.id("gen-status"))
                .getText()
                .equals("Error: p must be an odd number >= 3, got 4"));
        input.clear();
        input.sendKeys("5");
        page.driver.findElement(By.id("generate-btn")).click();
        // its log streams while it runs
        page.waitFor(
                Duration.ofSeconds(60),
                "log lines streaming while p=5 runs, with its Spark UI linked",
                () -> logLines(page) >= 4
                        && jobState(page, 5).startsWith("running")
                        && page.driver
                                .findElement(By.cssSelector("#spark-ui-gen a.spark-ui-link"))
                                .getAttribute("href")
                                .matches("http://127\\.0\\.0\\.1:\\d+/?"));
        int early = logLines(page);
        page.screenshot("on-demand-streaming");
        // a second request queues behind the first, shows its position, and is cancelled
        input.clear();
        input.sendKeys("7");
        page.driver.findElement(By.id("generate-btn")).click();
        page.waitFor(Duration.ofSeconds(10), "p=7 queued at #1", () -> jobState(page, 7)
                .equals("queued (#1 in queue)"));
        page.waitFor(
                Duration.ofSeconds(10),
                "status shows the queue position",
                () -> page.driver.findElement(By.id("gen-status")).getText().contains("position 1 in the queue"));
        page.screenshot("on-demand-queued");
        clickWhenPresent(page, "tr[data-job$='-p007'] button.cancel");
        page.waitFor(
                Duration.ofSeconds(10), "p=7 cancelled", () -> jobState(page, 7).equals("cancelled"));
        // back to p=5's log: the replay plus whatever arrived meanwhile
        clickWhenPresent(page, "tr[data-job$='-p005'] button.show-log");
        // done: the new p is in the selector and selected, its tabs load
        page.waitFor(
                Duration.ofSeconds(300),
                "p=5 done and selected",
                () -> options(page, "p-select").contains("5")
                        && "5".equals(page.driver.findElement(By.id("p-select")).getAttribute("value"))
                        && "true".equals(page.js.executeScript("return document.body.dataset.loaded")));
        assertEquals(List.of("5", "19"), options(page, "p-select"));
        assertTrue(
                page.driver.findElement(By.id("gen-status")).getText().startsWith("Success: Done! Generated "),
                page.driver.findElement(By.id("gen-status")).getText());
        String log = page.driver.findElement(By.id("pipeline-log")).getText();
        assertTrue(log.contains("Done! Generated ") && log.contains("sweep: 4 cells (p = 5)"), log);
        assertTrue(logLines(page) > early, "lines kept arriving after the first " + early);
        assertTrue(page.driver.findElement(By.id("info-bar")).getText().startsWith("p = 5 | d_mlp = 512"));
        page.assertChart("chart-std-loss");
        page.screenshot("on-demand-done");
        page.tab("grokking");
        assertFalse(page.driver.findElement(By.id("epoch-slider")).isDisplayed(), "no grokking below p = 19");
        assertEquals(
                23 - 5,
                page.assertImagesDecoded("overview").size()
                        + page.assertImagesDecoded("fourier").size()
                        + page.assertImagesDecoded("phase").size()
                        + page.assertImagesDecoded("logits").size()
                        + page.assertImagesDecoded("lottery").size()
                        + page.assertImagesDecoded("gradient").size()
                        + page.assertImagesDecoded("decoupled").size());
    }

    private static int logLines(ExplorerPage page) {
        String text = page.driver.findElement(By.id("pipeline-log")).getText();
        return text.isEmpty() ? 0 : text.split("\n").length;
    }

    /** The jobs table is redrawn when jobs change: find and click in one retried step. */
    private static void clickWhenPresent(ExplorerPage page, String css) {
        page.waitFor(Duration.ofSeconds(10), "click " + css, () -> {
            page.driver.findElement(By.cssSelector(css)).click();
            return true;
        });
    }

    private static String jobState(ExplorerPage page, int p) {
        List<WebElement> rows =
                page.driver.findElements(By.cssSelector("tr[data-job$='-p" + String.format("%03d", p) + "']"));
        return rows.isEmpty()
                ? ""
                : rows.get(0).findElements(By.tagName("td")).get(1).getText();
    }

    private void failedJobShowsItsError(ExplorerPage page) throws Exception {
        WebElement input = page.driver.findElement(By.id("new-p"));
        input.clear();
        input.sendKeys("3");
        page.driver.findElement(By.id("generate-btn")).click();
        page.waitFor(
                Duration.ofSeconds(180), "p=3 failed", () -> jobState(page, 3).equals("failed"));
        page.waitFor(
                Duration.ofSeconds(10),
                "error shown",
                () -> page.driver.findElement(By.id("gen-status")).getText().startsWith("Error: p003-standard: "));
        String status = page.driver.findElement(By.id("gen-status")).getText();
        assertTrue(status.contains("injected fault"), status);
        assertFalse(status.contains("\tat ") || status.contains("Exception:"), "no stack trace: " + status);
        assertTrue(page.driver.findElement(By.id("pipeline-log")).getText().contains("[ERROR] training p=3 failed"));
        page.screenshot("on-demand-failed");
        assertEquals(List.of("5", "19"), options(page, "p-select"), "a failed p does not appear");
    }

    private void sweepTabShowsEveryModulus(ExplorerPage page) throws Exception {
        page.tab("sweep");
        page.assertChart("chart-summary");
        page.waitFor(
                Duration.ofSeconds(10),
                "summary over p = 5 and 19",
                () -> Boolean.TRUE.equals(page.js.executeScript(
                        "const xs = document.getElementById('chart-summary').data.flatMap(t => Array.from(t.x));"
                                + "return xs.includes(5) && xs.includes(19);")));
        page.fullScreenshot("11-sweep-after-on-demand");
    }

    private void restartKeepsJobsAndResumesUnfinished(ResultsStore store) throws Exception {
        try (Explorer again = Explorer.start(
                store, BindPolicy.loopback(0), ON_DEMAND_EPOCHS, new SweepTrainer(storeUri, MASTER, FAULTS))) {
            assertEquals("[5,19]", get(again, "api/moduli").get("moduli").toString());
            JsonNode job9 = waitForJob(again, 9, "done", Duration.ofSeconds(180));
            assertTrue(job9.get("lines").asInt() > 5);
            assertEquals("[5,9,19]", get(again, "api/moduli").get("moduli").toString());
            List<String> states = new java.util.ArrayList<>();
            get(again, "api/jobs").get("jobs").forEach(j -> {
                if (!j.get("kind").asText().equals("grid")) { // the Grids test's job may be there too
                    states.add(j.get("p").asInt() + ":" + j.get("state").asText());
                }
            });
            assertEquals(List.of("9:done", "3:failed", "7:cancelled", "5:done"), states);
            assertTrue(Files.isDirectory(Path.of(storeUri, "_explorer", "jobs")));
        }
    }

    private static JsonNode get(Explorer explorer, String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(explorer.url() + path))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return Json.MAPPER.readTree(r.body());
    }

    private static void postJob(Explorer explorer, int p) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(explorer.url() + "api/jobs"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"p\": " + p + "}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(202, r.statusCode(), r.body());
    }

    private static JsonNode waitForJob(Explorer explorer, int p, String state, Duration timeout) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < end) {
            for (JsonNode j : get(explorer, "api/jobs").get("jobs")) {
                if (j.get("p").asInt() == p) {
                    last = j;
                    if (j.get("state").asText().equals(state)) {
                        return j;
                    }
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("job p=" + p + " never reached " + state + ": " + last);
    }

    private static List<String> options(ExplorerPage page, String selectId) {
        return new Select(page.driver.findElement(By.id(selectId)))
                .getOptions().stream().map(o -> o.getAttribute("value")).toList();
    }
}
