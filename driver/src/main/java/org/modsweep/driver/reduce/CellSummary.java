package org.modsweep.driver.reduce;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.modsweep.core.Cell;
import org.modsweep.core.parquet.EpochMetrics;
import org.modsweep.core.parquet.MetricsParquet;
import org.modsweep.core.run.RunRecord;
import org.modsweep.core.store.ResultsStore;

/**
 * One row of {@code results/summary/cells.parquet} (every committed run) and {@code cells.json} (the study's runs):
 * how a committed cell's run ended. cells.json's keys come in the order of the components (Jackson writes a record's
 * properties in the order of its canonical constructor), which is the study's format: keep that order.
 *
 * @param cell              cell id, e.g. p023-grokking
 * @param p                 modulus
 * @param config            configuration key
 * @param dMlp              hidden width
 * @param numEpochs         configured epochs of the run (the cap when one was in force)
 * @param epochCap          the --epochs cap the run was trained under, or null
 * @param epochsRun         epochs executed (fewer after grokking's plateau stop)
 * @param stoppedEarly      whether the plateau stop ended the run
 * @param trainLoss         final train loss (last recorded epoch)
 * @param testLoss          final test loss
 * @param trainAcc          final train accuracy
 * @param testAcc           final test accuracy
 * @param paramNorm         final parameter norm
 * @param epochTrain100     first epoch whose train accuracy is 100 %, or null
 * @param epochTest99       grokking only: first epoch whose test accuracy reaches 99 %, or null
 * @param grokkingGap       grokking only: epochTest99 − epochTrain100 (how long generalisation lagged), or null
 * @param wallSeconds       training wall time
 * @param msPerEpoch        wall time per executed epoch
 * @param device            device the run trained on, as the run record states it
 * @param threads           intra-op threads
 * @param finished          when the run was committed (ISO-8601)
 * @param columns           the run's axis values and outcome: cells.parquet only, cells.json stays the study's
 */
public record CellSummary(
        @JsonProperty("cell") String cell,
        @JsonProperty("p") int p,
        @JsonProperty("config") String config,
        @JsonProperty("d_mlp") int dMlp,
        @JsonProperty("num_epochs") int numEpochs,
        @JsonProperty("epoch_cap") Integer epochCap,
        @JsonProperty("epochs_run") int epochsRun,
        @JsonProperty("stopped_early") boolean stoppedEarly,
        @JsonProperty("train_loss") double trainLoss,
        @JsonProperty("test_loss") double testLoss,
        @JsonProperty("train_acc") double trainAcc,
        @JsonProperty("test_acc") double testAcc,
        @JsonProperty("param_norm") double paramNorm,
        @JsonProperty("epoch_train_acc_100") Integer epochTrain100,
        @JsonProperty("epoch_test_acc_99") Integer epochTest99,
        @JsonProperty("grokking_gap") Integer grokkingGap,
        @JsonProperty("wall_seconds") double wallSeconds,
        @JsonProperty("ms_per_epoch") double msPerEpoch,
        @JsonProperty("device") String device,
        @JsonProperty("threads") int threads,
        @JsonProperty("finished") String finished,
        @JsonIgnore GridColumns columns)
        implements Serializable {

    /** Test accuracy at which a grokking run counts as generalised. */
    public static final double GENERALISED = 0.99;

    /** Reads a committed cell's run.json and metrics. */
    public static CellSummary of(ResultsStore store, Cell cell) throws IOException {
        RunRecord run = store.readRun(cell);
        List<EpochMetrics> rows = MetricsParquet.read(store.conf(), store.metricsFile(cell));
        return of(cell, run, rows);
    }

    public static CellSummary of(Cell cell, RunRecord run, List<EpochMetrics> rows) {
        Integer train100 = null;
        Integer test99 = null;
        for (EpochMetrics m : rows) {
            if (train100 == null && m.trainAcc() >= 1.0) {
                train100 = m.epoch();
            }
            if (test99 == null && m.testAcc() >= GENERALISED) {
                test99 = m.epoch();
            }
        }
        boolean grokking = cell.config().key().equals("grokking");
        if (!grokking) {
            test99 = null;
        }
        Integer gap = grokking && train100 != null && test99 != null ? test99 - train100 : null;
        EpochMetrics last = rows.isEmpty() ? null : rows.get(rows.size() - 1);
        Map<String, Double> fin = run.finalMetrics() == null ? Map.of() : run.finalMetrics();
        Object configured = run.config() == null ? null : run.config().get("num_epochs");
        return new CellSummary(
                cell.id(),
                cell.p(),
                cell.config().key(),
                run.dMlp(),
                configured instanceof Number n ? n.intValue() : cell.config().numEpochs(),
                run.epochCap(),
                run.epochsRun(),
                run.stoppedEarly(),
                last != null ? last.trainLoss() : fin.getOrDefault("train_loss", Double.NaN),
                last != null ? last.testLoss() : fin.getOrDefault("test_loss", Double.NaN),
                last != null ? last.trainAcc() : fin.getOrDefault("train_acc", Double.NaN),
                last != null ? last.testAcc() : fin.getOrDefault("test_acc", Double.NaN),
                last != null ? last.paramNorm() : fin.getOrDefault("param_norm", Double.NaN),
                train100,
                test99,
                gap,
                run.wallSeconds(),
                run.msPerEpoch(),
                run.device(),
                run.threads(),
                run.finished(),
                GridColumns.of(cell, rows));
    }
}
