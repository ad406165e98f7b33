package org.modsweep.core.parquet;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * The metrics file of one run: one row per executed epoch, then the run's id and axes ({@link RunColumns}). Plain
 * Parquet columns, so Spark, pandas/pyarrow and DuckDB read it without custom code; p and config come from the
 * Hive-style directory names. The epoch's learning rate is {@code epoch_lr} ({@code lr} is the axis); files
 * written before the axes were columns have it as {@code lr} and no run columns, and read the same.
 */
public final class MetricsParquet {

    /** The per-epoch columns. */
    public static final MessageType EPOCH_COLUMNS = MessageTypeParser.parseMessageType(
            """
            message metrics {
              required int32 epoch;
              required double train_loss;
              required double test_loss;
              required double train_acc;
              required double test_acc;
              required double grad_norm;
              required double param_norm;
              required double epoch_lr;
            }""");

    /** A file's schema: the per-epoch columns, then the run's. */
    public static final MessageType SCHEMA = RunColumns.withRunColumns(EPOCH_COLUMNS);

    /** The per-epoch learning rate's column, and its name in files of the earlier schema. */
    public static final String EPOCH_LR = "epoch_lr";

    public static final String OLD_EPOCH_LR = "lr";

    /** The per-epoch columns of a file of the earlier schema (the learning rate as {@code lr}, no run columns). */
    private static final MessageType OLD_EPOCH_COLUMNS =
            MessageTypeParser.parseMessageType(EPOCH_COLUMNS.toString().replace(EPOCH_LR + ";", OLD_EPOCH_LR + ";"));

    private MetricsParquet() {}

    public static void write(Configuration conf, Path file, RunColumns run, List<EpochMetrics> rows)
            throws IOException {
        try (ParquetWriter<EpochMetrics> w = SchemaSupport.<EpochMetrics>writer(
                        file, SCHEMA, (rc, m) -> writeRow(rc, m, run))
                .withConf(conf)
                .build()) {
            for (EpochMetrics r : rows) {
                w.write(r);
            }
        }
    }

    /** Reads every row of one file (or of every file in a directory), sorted by epoch. */
    public static List<EpochMetrics> read(Configuration conf, Path fileOrDir) throws IOException {
        List<EpochMetrics> out = new ArrayList<>();
        for (Path f : ParquetFiles.list(conf, fileOrDir)) {
            try (ParquetReader<EpochMetrics> r =
                    SchemaSupport.open(conf, f, MetricsParquet::epochColumns, new Materializer())) {
                for (EpochMetrics m = r.read(); m != null; m = r.read()) {
                    out.add(m);
                }
            }
        }
        out.sort((a, b) -> Integer.compare(a.epoch(), b.epoch()));
        return out;
    }

    /** The per-epoch columns as a file names them (the learning rate as {@code lr} in the earlier schema). */
    private static MessageType epochColumns(MessageType fileSchema) {
        return fileSchema.containsField(EPOCH_LR) ? EPOCH_COLUMNS : OLD_EPOCH_COLUMNS;
    }

    /**
     * Whether a file (or any file of a folder) is of the schema before every axis was a column: no run columns, the learning rate as {@code lr}.
     * Such files read the same; {@code modsweep migrate} rewrites them.
     */
    public static boolean hasOldSchema(Configuration conf, Path fileOrDir) throws IOException {
        return SchemaSupport.lacksRunColumns(conf, fileOrDir);
    }

    private static void writeRow(RecordConsumer rc, EpochMetrics m, RunColumns run) {
        ParquetFields.intField(rc, "epoch", 0, m.epoch());
        ParquetFields.doubleField(rc, "train_loss", 1, m.trainLoss());
        ParquetFields.doubleField(rc, "test_loss", 2, m.testLoss());
        ParquetFields.doubleField(rc, "train_acc", 3, m.trainAcc());
        ParquetFields.doubleField(rc, "test_acc", 4, m.testAcc());
        ParquetFields.doubleField(rc, "grad_norm", 5, m.gradNorm());
        ParquetFields.doubleField(rc, "param_norm", 6, m.paramNorm());
        ParquetFields.doubleField(rc, EPOCH_LR, 7, m.lr());
        run.write(rc, 8);
    }

    private static final class Materializer extends RecordMaterializer<EpochMetrics> {
        private final double[] d = new double[8];
        private final int[] epoch = new int[1];
        private final GroupConverter root = new GroupConverter() {
            @Override
            public Converter getConverter(int i) {
                if (i == 0) {
                    return new PrimitiveConverter() {
                        @Override
                        public void addInt(int v) {
                            epoch[0] = v;
                        }
                    };
                }
                return new PrimitiveConverter() {
                    @Override
                    public void addDouble(double v) {
                        d[i] = v;
                    }
                };
            }

            @Override
            public void start() {}

            @Override
            public void end() {}
        };

        @Override
        public EpochMetrics getCurrentRecord() {
            return new EpochMetrics(epoch[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7]);
        }

        @Override
        public GroupConverter getRootConverter() {
            return root;
        }
    }
}
