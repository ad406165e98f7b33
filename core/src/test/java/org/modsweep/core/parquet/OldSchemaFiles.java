package org.modsweep.core.parquet;

import java.io.IOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * Writes metrics and weights files as modsweep wrote them before every axis was a column: the per-epoch learning
 * rate as {@code lr}, no run columns. For the tests of old stores (reading them, migrating them).
 */
public final class OldSchemaFiles {

    /** The metrics schema of those files, as it was. */
    public static final MessageType OLD_METRICS = MessageTypeParser.parseMessageType(
            """
            message metrics {
              required int32 epoch;
              required double train_loss;
              required double test_loss;
              required double train_acc;
              required double test_acc;
              required double grad_norm;
              required double param_norm;
              required double lr;
            }""");

    private OldSchemaFiles() {}

    public static void writeMetrics(Configuration conf, Path file, List<EpochMetrics> rows) throws IOException {
        try (ParquetWriter<EpochMetrics> w = SchemaSupport.<EpochMetrics>writer(file, OLD_METRICS, OldSchemaFiles::row)
                .withConf(conf)
                .build()) {
            for (EpochMetrics r : rows) {
                w.write(r);
            }
        }
    }

    private static void row(RecordConsumer rc, EpochMetrics m) {
        ParquetFields.intField(rc, "epoch", 0, m.epoch());
        ParquetFields.doubleField(rc, "train_loss", 1, m.trainLoss());
        ParquetFields.doubleField(rc, "test_loss", 2, m.testLoss());
        ParquetFields.doubleField(rc, "train_acc", 3, m.trainAcc());
        ParquetFields.doubleField(rc, "test_acc", 4, m.testAcc());
        ParquetFields.doubleField(rc, "grad_norm", 5, m.gradNorm());
        ParquetFields.doubleField(rc, "param_norm", 6, m.paramNorm());
        ParquetFields.doubleField(rc, "lr", 7, m.lr());
    }

    /** One row per tensor per checkpoint, the tensor columns only. */
    public static void writeWeights(Configuration conf, Path file, List<Checkpoint> checkpoints) throws IOException {
        try (ParquetWriter<TensorRow> w = SchemaSupport.<TensorRow>writer(
                        file, WeightsParquet.TENSOR_COLUMNS, OldSchemaFiles::tensorRow)
                .withConf(conf)
                .build()) {
            for (Checkpoint c : checkpoints) {
                w.write(new TensorRow(c.epoch(), c.isFinal(), c.wIn()));
                w.write(new TensorRow(c.epoch(), c.isFinal(), c.wOut()));
            }
        }
    }

    private record TensorRow(int epoch, boolean isFinal, WeightTensor tensor) {}

    private static void tensorRow(RecordConsumer rc, TensorRow r) {
        ParquetFields.intField(rc, "epoch", 0, r.epoch());
        ParquetFields.booleanField(rc, "final", 1, r.isFinal());
        ParquetFields.stringField(rc, "tensor", 2, r.tensor().name());
        ParquetFields.intList(
                rc, "shape", 3, new int[] {r.tensor().rows(), r.tensor().cols()});
        ParquetFields.floatList(rc, "values", 4, r.tensor().values());
    }
}
