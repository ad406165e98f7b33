package org.modsweep.core.parquet;

import java.util.List;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.apache.parquet.schema.Type;
import org.modsweep.core.Cell;
import org.modsweep.core.config.RunConfig;

/**
 * The columns every metrics and weights row carries besides its own: the run's id and its effective value of every
 * key of grids.md §1 (a study run shows its own: seed 42, d_mlp from p), so that a plain
 * {@code spark.read.parquet("metrics")} or DuckDB query over study runs and runs with overrides together gets every
 * axis as a column. p and config stay Hive partition columns (the folder names), not file columns.
 *
 * @param numEpochs the epoch budget as trained (after an --epochs cap)
 * @param actType   {@code ReLU}, {@code Quad}
 * @param optimizer {@code AdamW}, {@code SGD}
 * @param initType  {@code random}, {@code single-freq}
 */
public record RunColumns(
        String run,
        long seed,
        double lr,
        double weightDecay,
        double fracTrain,
        double initScale,
        int dMlp,
        int numEpochs,
        String actType,
        String optimizer,
        String initType) {

    /** The columns, in file order after a dataset's own. */
    public static final List<Type> FIELDS = MessageTypeParser.parseMessageType(
                    """
            message run {
              required binary run (STRING);
              required int64 seed;
              required double lr;
              required double weight_decay;
              required double frac_train;
              required double init_scale;
              required int32 d_mlp;
              required int32 num_epochs;
              required binary act_type (STRING);
              required binary optimizer (STRING);
              required binary init_type (STRING);
            }""")
            .getFields();

    /** The columns of {@code cell} trained as {@code asTrained} (its configuration, capped to the epochs it had). */
    public static RunColumns of(Cell cell, RunConfig asTrained) {
        return new RunColumns(
                cell.id(),
                asTrained.seed(),
                asTrained.lr(),
                asTrained.weightDecay(),
                asTrained.fracTrain(),
                asTrained.initScale(),
                asTrained.dMlpAt(cell.modulus()),
                asTrained.numEpochs(),
                asTrained.act().name(),
                asTrained.optimizer().name(),
                asTrained.initType().label());
    }

    /** The columns of {@code cell} trained in full. */
    public static RunColumns of(Cell cell) {
        return of(cell, cell.config());
    }

    /** The cell's columns when trained under an epoch cap (null: none). */
    public static RunColumns of(Cell cell, Integer epochCap) {
        return of(cell, cell.config().withEpochCap(epochCap));
    }

    /** A dataset's own schema followed by these columns. */
    static MessageType withRunColumns(MessageType own) {
        List<Type> fields = new java.util.ArrayList<>(own.getFields());
        fields.addAll(FIELDS);
        return new MessageType(own.getName(), fields);
    }

    /** Writes the columns as fields {@code first}, {@code first + 1}, ... of the current record. */
    void write(RecordConsumer rc, int first) {
        ParquetFields.stringField(rc, "run", first, run);
        ParquetFields.longField(rc, "seed", first + 1, seed);
        ParquetFields.doubleField(rc, "lr", first + 2, lr);
        ParquetFields.doubleField(rc, "weight_decay", first + 3, weightDecay);
        ParquetFields.doubleField(rc, "frac_train", first + 4, fracTrain);
        ParquetFields.doubleField(rc, "init_scale", first + 5, initScale);
        ParquetFields.intField(rc, "d_mlp", first + 6, dMlp);
        ParquetFields.intField(rc, "num_epochs", first + 7, numEpochs);
        ParquetFields.stringField(rc, "act_type", first + 8, actType);
        ParquetFields.stringField(rc, "optimizer", first + 9, optimizer);
        ParquetFields.stringField(rc, "init_type", first + 10, initType);
    }
}
