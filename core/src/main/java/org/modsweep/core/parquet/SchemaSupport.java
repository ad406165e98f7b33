package org.modsweep.core.parquet;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.conf.HadoopParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.InitContext;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.MessageType;

/**
 * The Parquet plumbing the store's files share: a fixed schema, records written field by field through a
 * {@link RecordConsumer} and read back through a {@link RecordMaterializer}, with no object model in between.
 */
final class SchemaSupport {

    private SchemaSupport() {}

    /** A writer of T records (snappy, overwriting): {@code fields} writes one record's fields. */
    static <T> ParquetWriter.Builder<T, ?> writer(Path file, MessageType schema, BiConsumer<RecordConsumer, T> fields) {
        return new Builder<>(file, schema, fields)
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE);
    }

    /**
     * A read support that materialises T records of the columns {@code projection} picks from a file's schema with
     * {@code materializer} (files of older schemas name some columns differently).
     */
    static <T> ReadSupport<T> reader(UnaryOperator<MessageType> projection, RecordMaterializer<T> materializer) {
        return new ReadSupport<>() {
            @Override
            public ReadContext init(InitContext context) {
                return new ReadContext(projection.apply(context.getFileSchema()));
            }

            @Override
            public RecordMaterializer<T> prepareForRead(
                    Configuration conf, Map<String, String> meta, MessageType fileSchema, ReadContext ctx) {
                return materializer;
            }
        };
    }

    /**
     * Opens a reader of {@code file} on {@code conf}. ParquetReader.builder(support, path) would first build and
     * parse a fresh Hadoop Configuration (core-default.xml, core-site.xml) per file before withConf replaced it.
     */
    static <T> ParquetReader<T> open(
            Configuration conf, Path file, MessageType schema, RecordMaterializer<T> materializer) throws IOException {
        return open(conf, file, fileSchema -> schema, materializer);
    }

    /** As above, reading the columns {@code projection} picks from the file's schema. */
    static <T> ParquetReader<T> open(
            Configuration conf, Path file, UnaryOperator<MessageType> projection, RecordMaterializer<T> materializer)
            throws IOException {
        return new ReaderBuilder<>(
                        HadoopInputFile.fromPath(file, conf),
                        new HadoopParquetConfiguration(conf),
                        reader(projection, materializer))
                .build();
    }

    /** The schema in a file's footer. */
    static MessageType fileSchema(Configuration conf, Path file) throws IOException {
        try (org.apache.parquet.hadoop.ParquetFileReader r =
                org.apache.parquet.hadoop.ParquetFileReader.open(HadoopInputFile.fromPath(file, conf))) {
            return r.getFileMetaData().getSchema();
        }
    }

    /** Whether any Parquet file of {@code fileOrDir} lacks the run columns (written before every axis was a column). */
    static boolean lacksRunColumns(Configuration conf, Path fileOrDir) throws IOException {
        for (Path f : ParquetFiles.list(conf, fileOrDir)) {
            if (!fileSchema(conf, f).containsField(RunColumns.FIELDS.get(0).getName())) {
                return true;
            }
        }
        return false;
    }

    private static final class ReaderBuilder<T> extends ParquetReader.Builder<T> {
        private final ReadSupport<T> support;

        ReaderBuilder(HadoopInputFile file, HadoopParquetConfiguration conf, ReadSupport<T> support) {
            super(file, conf);
            this.support = support;
        }

        @Override
        protected ReadSupport<T> getReadSupport() {
            return support;
        }
    }

    private static final class Builder<T> extends ParquetWriter.Builder<T, Builder<T>> {
        private final MessageType schema;
        private final BiConsumer<RecordConsumer, T> fields;

        Builder(Path file, MessageType schema, BiConsumer<RecordConsumer, T> fields) {
            super(file);
            this.schema = schema;
            this.fields = fields;
        }

        @Override
        protected Builder<T> self() {
            return this;
        }

        @Override
        protected WriteSupport<T> getWriteSupport(Configuration conf) {
            return new WriteSupport<>() {
                private RecordConsumer rc;

                @Override
                public WriteContext init(Configuration configuration) {
                    return new WriteContext(schema, new HashMap<>());
                }

                @Override
                public void prepareForWrite(RecordConsumer recordConsumer) {
                    this.rc = recordConsumer;
                }

                @Override
                public void write(T record) {
                    rc.startMessage();
                    fields.accept(rc, record);
                    rc.endMessage();
                }
            };
        }
    }
}
