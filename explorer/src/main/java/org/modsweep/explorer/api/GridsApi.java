package org.modsweep.explorer.api;

import com.sun.net.httpserver.HttpExchange;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.modsweep.core.Cell;
import org.modsweep.core.Errors;
import org.modsweep.core.grid.GridManifest;
import org.modsweep.core.parquet.EpochMetrics;
import org.modsweep.core.parquet.MetricsParquet;
import org.modsweep.explorer.server.Http;

/**
 * Read-only endpoints over the store's grids ({@code results/grids/<id>/}, docs/grids.md):
 * <ul>
 *   <li>{@code GET /api/grids}: every grid with a grid.json: its id, axes, epoch cap, run count and files;</li>
 *   <li>{@code GET /api/grid-file?id=G&name=phases.json}: one file of a grid (JSON or PNG only, as
 *       {@link ResultsApi});</li>
 *   <li>{@code GET /api/grid-run?id=G&run=R}: the per-epoch curves of one committed run of the grid, read from its
 *       metrics Parquet file (every request reads it again, so a run committed meanwhile appears).</li>
 * </ul>
 * A grid id must be a grid id ({@link GridManifest#checkId}) and a run id a run of that grid's manifest: nothing a
 * request names reaches the file system unchecked.
 */
public final class GridsApi {

    private static final Logger LOG = LogManager.getLogger(GridsApi.class);

    /** Curves are thinned to about this many epochs (the last one always kept): a 40000-epoch run stays light. */
    static final int MAX_POINTS = 1500;

    /** A readable run id ({@code p023-grokking-seed7-weight_decay0.5}) or a hashed one ({@code ...-h0123abcd4567}). */
    private static final Pattern RUN_ID = Pattern.compile("p\\d{1,4}-[a-z_]{1,40}(-[A-Za-z0-9_.+-]{1,200})?");

    private static final Pattern HASHED = Pattern.compile(".*-h[0-9a-f]{12}");

    private final ResultFiles files;
    private final ResultsApi results;

    public GridsApi(ResultFiles files, ResultsApi results) {
        this.files = files;
        this.results = results;
    }

    public void list(HttpExchange ex) throws IOException {
        List<Map<String, Object>> grids = new ArrayList<>();
        for (String id : GridManifest.list(files.store())) {
            try {
                GridManifest.checkId(id);
            } catch (IllegalArgumentException e) {
                continue; // a folder no sweep made: its name could not be asked for anyway
            }
            Map<String, Object> g = new LinkedHashMap<>();
            g.put("id", id);
            try {
                GridManifest m = GridManifest.read(files.store(), id);
                Map<String, Object> axes = new LinkedHashMap<>();
                m.axes()
                        .forEach((k, vs) -> axes.put(
                                k.key(),
                                vs.stream()
                                        .map(v -> v instanceof Number ? v : k.format(v))
                                        .toList()));
                g.put("axes", axes);
                g.put("epochs", m.epochs());
                g.put("runs", m.runs().size());
            } catch (IOException e) {
                LOG.warn("grid {}: {}", id, Errors.firstLine(e));
                g.put("error", Errors.firstLine(e));
            }
            g.put("files", files.list(ResultFiles.gridFolder(id)));
            grids.add(g);
        }
        Http.sendJson(ex, 200, Map.of("grids", grids));
    }

    public void file(HttpExchange ex) throws IOException {
        Map<String, String> q = Http.query(ex);
        results.sendFile(ex, ResultFiles.gridPath(q.get("id"), q.get("name")), q.get("name"));
    }

    public void run(HttpExchange ex) throws IOException {
        Map<String, String> q = Http.query(ex);
        String id = q.get("id");
        ResultFiles.gridFolder(id); // checks the id before the store is touched
        GridManifest grid = manifest(id);
        Cell cell = runOf(grid, q.get("run"));
        List<EpochMetrics> rows;
        try {
            // study run or run with overrides alike: the file its commit names, in the one store
            rows = MetricsParquet.read(files.store().conf(), files.store().metricsFile(cell));
        } catch (FileNotFoundException e) {
            throw ApiException.notFound("run " + cell.id() + " is not committed (yet)");
        }
        Http.sendJson(ex, 200, curves(cell, rows));
    }

    private GridManifest manifest(String id) throws IOException {
        try {
            return GridManifest.read(files.store(), id);
        } catch (IOException e) {
            if (!files.store()
                    .fs()
                    .exists(new org.apache.hadoop.fs.Path(GridManifest.dir(files.store(), id), GridManifest.FILE))) {
                throw ApiException.notFound("no grid " + id);
            }
            throw new ApiException(500, Errors.firstLine(e)); // names the grid's file and what is wrong with it
        }
    }

    /** The run {@code raw} names, checked: a run id (Cell.parse; hashed ids by lookup) of one of the grid's runs. */
    static Cell runOf(GridManifest grid, String raw) {
        if (raw == null || !RUN_ID.matcher(raw).matches()) {
            throw ApiException.badRequest("no valid run id given");
        }
        Cell cell;
        if (HASHED.matcher(raw).matches()) {
            cell = grid.runs().stream()
                    .filter(c -> c.id().equals(raw))
                    .findFirst()
                    .orElse(null);
        } else {
            try {
                cell = Cell.parse(raw);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest(e.getMessage());
            }
        }
        if (cell == null || !grid.runs().contains(cell)) {
            throw ApiException.notFound("run " + raw + " is not part of grid " + grid.id());
        }
        return cell;
    }

    /** The run's loss and accuracy curves, thinned to about {@link #MAX_POINTS} epochs (the last one kept). */
    static Map<String, Object> curves(Cell cell, List<EpochMetrics> rows) {
        int stride = Math.max(1, (rows.size() + MAX_POINTS - 1) / MAX_POINTS);
        List<Integer> epoch = new ArrayList<>();
        List<Double> trainLoss = new ArrayList<>();
        List<Double> testLoss = new ArrayList<>();
        List<Double> trainAcc = new ArrayList<>();
        List<Double> testAcc = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (i % stride != 0 && i != rows.size() - 1) {
                continue;
            }
            EpochMetrics m = rows.get(i);
            epoch.add(m.epoch());
            trainLoss.add(finite(m.trainLoss()));
            testLoss.add(finite(m.testLoss()));
            trainAcc.add(finite(m.trainAcc()));
            testAcc.add(finite(m.testAcc()));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("run", cell.id());
        out.put("epochs_run", rows.size());
        out.put("stride", stride);
        out.put("epoch", epoch);
        out.put("train_loss", trainLoss);
        out.put("test_loss", testLoss);
        out.put("train_acc", trainAcc);
        out.put("test_acc", testAcc);
        return out;
    }

    /** JSON has no NaN: a full-data run's test columns (or a diverged loss) become null. */
    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
