package org.modsweep.core.parquet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modsweep.core.Cell;

/** The weights' float values are written plain; the run, axis and name columns keep their dictionaries. */
class WeightsEncodingTest {

    @TempDir
    java.nio.file.Path tmp;

    @Test
    void onlyTheTensorValuesAreWrittenWithoutADictionary() throws Exception {
        Configuration conf = new Configuration();
        Path file = new Path(tmp.resolve("weights.parquet").toUri());
        Random r = new Random(7);
        float[] in = new float[64 * 23];
        float[] out = new float[23 * 64];
        for (int i = 0; i < in.length; i++) {
            in[i] = (float) r.nextGaussian();
            out[i] = (float) r.nextGaussian();
        }
        Cell cell = Cell.of(23, "standard");
        try (WeightsParquet.Writer w = new WeightsParquet.Writer(conf, file, RunColumns.of(cell))) {
            for (int epoch : new int[] {0, 100, 199}) {
                w.append(new Checkpoint(
                        epoch,
                        epoch == 199,
                        new WeightTensor("W_in", 64, 23, in),
                        new WeightTensor("W_out", 23, 64, out)));
            }
        }

        Map<String, Set<Encoding>> encodings;
        try (ParquetFileReader f = ParquetFileReader.open(HadoopInputFile.fromPath(file, conf))) {
            encodings = f.getFooter().getBlocks().stream()
                    .flatMap(b -> b.getColumns().stream())
                    .collect(Collectors.toMap(
                            c -> c.getPath().toDotString(), ColumnChunkMetaData::getEncodings, (a, b) -> a));
        }
        assertFalse(dictionary(encodings.get(WeightsParquet.VALUES_COLUMN)), encodings.toString());
        for (String kept : List.of("tensor", "run", "lr", "act_type")) {
            assertTrue(dictionary(encodings.get(kept)), kept + ": " + encodings);
        }

        Checkpoint fin = WeightsParquet.readFinal(conf, file);
        assertEquals(199, fin.epoch());
        assertArrayEquals(in, fin.wIn().values());
        assertArrayEquals(out, fin.wOut().values());
    }

    private static boolean dictionary(Set<Encoding> e) {
        return e.contains(Encoding.PLAIN_DICTIONARY) || e.contains(Encoding.RLE_DICTIONARY);
    }
}
