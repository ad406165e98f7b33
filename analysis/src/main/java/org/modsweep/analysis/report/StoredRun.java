package org.modsweep.analysis.report;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntPredicate;
import org.apache.hadoop.fs.Path;
import org.modsweep.analysis.grokking.TrainingSplit;
import org.modsweep.core.Cell;
import org.modsweep.core.config.ConfigJson;
import org.modsweep.core.config.RunConfig;
import org.modsweep.core.parquet.Checkpoint;
import org.modsweep.core.parquet.EpochMetrics;
import org.modsweep.core.parquet.MetricsParquet;
import org.modsweep.core.parquet.WeightsParquet;
import org.modsweep.core.run.RunRecord;
import org.modsweep.core.store.ResultsStore;

/**
 * One committed run as the analyses read it: its per-epoch curves (metrics Parquet), its checkpoint epochs and a
 * streaming view of its weights (weights Parquet), its split and its training log. Checkpoint tensors are never all
 * held at once; {@link #forEachCheckpoint} streams them.
 */
public final class StoredRun {

    private final ResultsStore store;
    private final Cell cell;
    private final RunRecord record;
    private final RunConfig config;
    private final Curves curves;
    private final int[] checkpointEpochs;

    private StoredRun(
            ResultsStore store, Cell cell, RunRecord record, RunConfig config, Curves curves, int[] checkpointEpochs) {
        this.store = store;
        this.cell = cell;
        this.record = record;
        this.config = config;
        this.curves = curves;
        this.checkpointEpochs = checkpointEpochs;
    }

    /** Loads a committed run's metadata and curves; throws FileNotFoundException when the cell is not committed. */
    public static StoredRun load(ResultsStore store, Cell cell) throws IOException {
        if (!store.isCommitted(cell)) {
            throw new FileNotFoundException("run " + cell.id() + " is not committed in " + store.uri());
        }
        RunRecord rec = store.readRun(cell);
        RunConfig cfg = rec.config() == null ? cell.config() : trainedConfig(cell, rec);
        List<EpochMetrics> rows = MetricsParquet.read(store.conf(), store.metricsFile(cell));
        int[] epochs = WeightsParquet.checkpointEpochs(store.conf(), store.weightsFile(cell));
        return new StoredRun(store, cell, rec, cfg, Curves.of(rows), epochs);
    }

    /**
     * The configuration run.json records: num_epochs there is the count the run trained (an epoch cap lowers it),
     * so a record that does not parse fails the run rather than falling back to the study's uncapped count.
     */
    private static RunConfig trainedConfig(Cell cell, RunRecord rec) throws IOException {
        try {
            return ConfigJson.fromMap(rec.config());
        } catch (RuntimeException e) {
            throw new IOException(
                    "run " + cell.id() + ": run.json has an unreadable config (" + e.getMessage()
                            + "); its num_epochs (the epoch cap) would be lost",
                    e);
        }
    }

    public Cell cell() {
        return cell;
    }

    public RunRecord record() {
        return record;
    }

    /** The configuration the run trained with (run.json; num_epochs is the possibly capped count). */
    public RunConfig config() {
        return config;
    }

    public Curves curves() {
        return curves;
    }

    /** Numbered checkpoint epochs, ascending. */
    public int[] checkpointEpochs() {
        return checkpointEpochs.clone();
    }

    public int checkpointCount() {
        return checkpointEpochs.length;
    }

    /** Hidden width from run.json, or the weights' shape when absent. */
    public int dMlp() {
        return record.dMlp() > 0 ? record.dMlp() : cell.modulus().dMlp();
    }

    /** Streams the wanted numbered checkpoints in epoch order, then (if asked) the final weights. */
    public void forEachCheckpoint(IntPredicate wantEpoch, boolean includeFinal, Consumer<Checkpoint> sink)
            throws IOException {
        WeightsParquet.forEach(store.conf(), store.weightsFile(cell), wantEpoch, includeFinal, sink);
    }

    /** Final weights; falls back to the largest numbered checkpoint (science.md §5). */
    public Checkpoint finalWeights() throws IOException {
        Checkpoint[] last = new Checkpoint[2];
        int lastEpoch = checkpointEpochs.length == 0 ? -1 : checkpointEpochs[checkpointEpochs.length - 1];
        forEachCheckpoint(e -> e == lastEpoch, true, c -> last[c.isFinal() ? 0 : 1] = c);
        if (last[0] != null) {
            return last[0];
        }
        if (last[1] != null) {
            return last[1];
        }
        throw new IOException("run " + cell.id() + " has no weights");
    }

    /** The stored split, or null when split.json is missing. */
    public TrainingSplit split() throws IOException {
        Path f = store.layout().splitJson(cell);
        if (!store.fs().exists(f)) {
            return null;
        }
        return TrainingSplit.parse(cell.p(), store.readString(f));
    }

    /** training_log.txt verbatim (final newline included, as the study reads it), or null when absent. */
    public String trainingLogText() throws IOException {
        Path f = store.layout().trainingLog(cell);
        if (!store.fs().exists(f)) {
            return null;
        }
        return store.readString(f);
    }
}
