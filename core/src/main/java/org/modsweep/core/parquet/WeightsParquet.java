package org.modsweep.core.parquet;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntPredicate;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * The weights file of one run: one row per tensor per checkpoint. {@code values} is the tensor flattened
 * row-major, {@code shape} its dimensions; {@code final} marks the weights after the last executed epoch.
 * Written as it trains (a checkpoint at a time), read back streaming so that long runs at large p never need
 * every checkpoint in memory at once. Every row also carries the run's id and axes ({@link RunColumns}); files
 * written before that have the tensor columns only and read the same.
 */
public final class WeightsParquet {

    /** The tensor columns (all a file of the earlier schema has). */
    public static final MessageType TENSOR_COLUMNS = MessageTypeParser.parseMessageType(
            """
            message weights {
              required int32 epoch;
              required boolean final;
              required binary tensor (STRING);
              required group shape (LIST) {
                repeated group list { required int32 element; }
              }
              required group values (LIST) {
                repeated group list { required float element; }
              }
            }""");

    /** A file's schema: the tensor columns, then the run's. */
    public static final MessageType SCHEMA = RunColumns.withRunColumns(TENSOR_COLUMNS);

    /** The columns {@link #checkpointEpochs} reads: the tensors' values are never decoded. */
    private static final MessageType EPOCHS_AND_NAMES =
            new MessageType("weights", TENSOR_COLUMNS.getFields().subList(0, 3));

    /** Small row groups so a reader can skip checkpoints by their statistics. */
    private static final int ROW_GROUP_BYTES = 8 << 20;

    /**
     * The tensors' float values, written plain: trained weights hardly ever repeat, so a dictionary only costs a
     * hash of every value before Parquet falls back to plain anyway. The run, axis and tensor-name columns keep it.
     */
    static final String VALUES_COLUMN = "values.list.element";

    private WeightsParquet() {}

    private record Row(int epoch, boolean isFinal, WeightTensor tensor, RunColumns run) {}

    /** Streaming writer: {@link #append} one checkpoint at a time. */
    public static final class Writer implements Closeable {
        private final ParquetWriter<Row> writer;
        private final RunColumns run;

        public Writer(Configuration conf, Path file, RunColumns run) throws IOException {
            this.run = run;
            this.writer = SchemaSupport.writer(file, SCHEMA, WeightsParquet::writeRow)
                    .withConf(conf)
                    .withRowGroupSize(ROW_GROUP_BYTES)
                    .withDictionaryEncoding(VALUES_COLUMN, false)
                    .build();
        }

        public void append(Checkpoint c) throws IOException {
            writer.write(new Row(c.epoch(), c.isFinal(), c.wIn(), run));
            writer.write(new Row(c.epoch(), c.isFinal(), c.wOut(), run));
        }

        @Override
        public void close() throws IOException {
            writer.close();
        }
    }

    /**
     * Streams the checkpoints of one run in file order (numbered checkpoints ascending, then final).
     *
     * @param wantEpoch    which numbered checkpoints to materialise (others are skipped)
     * @param includeFinal whether to deliver the final weights
     */
    public static void forEach(
            Configuration conf, Path fileOrDir, IntPredicate wantEpoch, boolean includeFinal, Consumer<Checkpoint> sink)
            throws IOException {
        for (Path f : ParquetFiles.list(conf, fileOrDir)) {
            Materializer mat = new Materializer(wantEpoch, includeFinal);
            try (ParquetReader<Row> r = SchemaSupport.open(conf, f, TENSOR_COLUMNS, mat)) {
                WeightTensor pendingIn = null;
                int pendingEpoch = -1;
                boolean pendingFinal = false;
                for (Row row = r.read(); row != null; row = r.read()) {
                    if (row.tensor() == null) {
                        continue; // skipped by the filter
                    }
                    if (WeightTensor.W_IN.equals(row.tensor().name())) {
                        pendingIn = row.tensor();
                        pendingEpoch = row.epoch();
                        pendingFinal = row.isFinal();
                    } else if (pendingIn != null && pendingEpoch == row.epoch() && pendingFinal == row.isFinal()) {
                        sink.accept(new Checkpoint(row.epoch(), row.isFinal(), pendingIn, row.tensor()));
                        pendingIn = null;
                    } else {
                        throw new IOException(f + ": W_out of epoch " + row.epoch() + " without its W_in");
                    }
                }
            }
        }
    }

    /** All numbered checkpoints, ascending by epoch (memory: every checkpoint at once; fine for small p). */
    public static List<Checkpoint> readCheckpoints(Configuration conf, Path fileOrDir) throws IOException {
        List<Checkpoint> out = new ArrayList<>();
        forEach(conf, fileOrDir, e -> true, false, out::add);
        out.sort((a, b) -> Integer.compare(a.epoch(), b.epoch()));
        return out;
    }

    /** The final weights (after the last executed epoch). */
    public static Checkpoint readFinal(Configuration conf, Path fileOrDir) throws IOException {
        Checkpoint[] found = new Checkpoint[1];
        forEach(conf, fileOrDir, e -> false, true, c -> found[0] = c);
        if (found[0] == null) {
            throw new IOException("no final weights in " + fileOrDir);
        }
        return found[0];
    }

    /** The epochs of the numbered checkpoints, ascending, without materialising the tensors' values. */
    public static int[] checkpointEpochs(Configuration conf, Path fileOrDir) throws IOException {
        List<Integer> epochs = new ArrayList<>();
        Materializer probe = new Materializer(e -> false, false);
        for (Path f : ParquetFiles.list(conf, fileOrDir)) {
            try (ParquetReader<Row> r = SchemaSupport.open(conf, f, EPOCHS_AND_NAMES, probe)) {
                for (Row row = r.read(); row != null; row = r.read()) {
                    if (!row.isFinal() && probe.lastTensorName.equals(WeightTensor.W_IN)) {
                        epochs.add(row.epoch());
                    }
                }
            }
        }
        return epochs.stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    /**
     * Whether a file (or any file of a folder) is of the schema before every axis was a column: no run columns.
     * Such files read the same; {@code modsweep migrate} rewrites them.
     */
    public static boolean hasOldSchema(Configuration conf, Path fileOrDir) throws IOException {
        return SchemaSupport.lacksRunColumns(conf, fileOrDir);
    }

    private static void writeRow(RecordConsumer rc, Row r) {
        ParquetFields.intField(rc, "epoch", 0, r.epoch());
        ParquetFields.booleanField(rc, "final", 1, r.isFinal());
        ParquetFields.stringField(rc, "tensor", 2, r.tensor().name());
        ParquetFields.intList(
                rc, "shape", 3, new int[] {r.tensor().rows(), r.tensor().cols()});
        ParquetFields.floatList(rc, "values", 4, r.tensor().values());
        r.run().write(rc, 5);
    }

    /** Assembles rows straight into primitive arrays; values of unwanted checkpoints are never buffered. */
    private static final class Materializer extends RecordMaterializer<Row> {
        private final IntPredicate wantEpoch;
        private final boolean includeFinal;
        private int epoch;
        private boolean isFinal;
        private String lastTensorName = "";
        private final int[] shape = new int[2];
        private int shapeLen;
        private float[] buf = new float[1024];
        private int len;

        Materializer(IntPredicate wantEpoch, boolean includeFinal) {
            this.wantEpoch = wantEpoch;
            this.includeFinal = includeFinal;
        }

        private boolean wanted() {
            return isFinal ? includeFinal : wantEpoch.test(epoch);
        }

        private final GroupConverter shapeList = listOf(new PrimitiveConverter() {
            @Override
            public void addInt(int v) {
                if (shapeLen < 2) {
                    shape[shapeLen] = v;
                }
                shapeLen++;
            }
        });

        private final GroupConverter valuesList = listOf(new PrimitiveConverter() {
            @Override
            public void addFloat(float v) {
                if (!wanted()) {
                    return;
                }
                if (len == buf.length) {
                    buf = Arrays.copyOf(buf, buf.length * 2);
                }
                buf[len++] = v;
            }
        });

        private final GroupConverter root = new GroupConverter() {
            @Override
            public Converter getConverter(int i) {
                return switch (i) {
                    case 0 -> new PrimitiveConverter() {
                        @Override
                        public void addInt(int v) {
                            epoch = v;
                        }
                    };
                    case 1 -> new PrimitiveConverter() {
                        @Override
                        public void addBoolean(boolean v) {
                            isFinal = v;
                        }
                    };
                    case 2 -> new PrimitiveConverter() {
                        @Override
                        public void addBinary(Binary v) {
                            lastTensorName = v.toStringUsingUTF8();
                        }
                    };
                    case 3 -> shapeList;
                    case 4 -> valuesList;
                    default -> throw new IllegalArgumentException("field " + i);
                };
            }

            @Override
            public void start() {
                shapeLen = 0;
                len = 0;
            }

            @Override
            public void end() {}
        };

        private static GroupConverter listOf(PrimitiveConverter element) {
            GroupConverter listEntry = new GroupConverter() {
                @Override
                public Converter getConverter(int i) {
                    return element;
                }

                @Override
                public void start() {}

                @Override
                public void end() {}
            };
            return new GroupConverter() {
                @Override
                public Converter getConverter(int i) {
                    return listEntry;
                }

                @Override
                public void start() {}

                @Override
                public void end() {}
            };
        }

        @Override
        public Row getCurrentRecord() {
            if (!wanted()) {
                return new Row(epoch, isFinal, null, null);
            }
            return new Row(
                    epoch,
                    isFinal,
                    new WeightTensor(lastTensorName, shape[0], shape[1], Arrays.copyOf(buf, len)),
                    null);
        }

        @Override
        public GroupConverter getRootConverter() {
            return root;
        }
    }
}
