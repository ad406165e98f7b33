package org.modsweep.analysis.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.modsweep.core.store.ResultsStore;

/**
 * Reads and writes result files without Hadoop's client-side checksums: on a local store the checksummed file
 * system would leave a hidden {@code .crc} beside every PNG and JSON, and would refuse to read a file edited by
 * another tool. Object stores (s3a) are not checksummed file systems and are used as they are.
 */
public final class ResultFiles {

    private ResultFiles() {}

    public static FileSystem fs(ResultsStore store) {
        FileSystem fs = store.fs();
        return fs instanceof ChecksumFileSystem c ? c.getRawFileSystem() : fs;
    }

    public static void write(ResultsStore store, Path file, byte[] bytes) throws IOException {
        FileSystem fs = fs(store);
        if (store.fs() instanceof ChecksumFileSystem c) {
            // a checksum left by an earlier checksummed write would no longer match: remove it
            fs.delete(c.getChecksumFile(file), false);
        }
        fs.mkdirs(file.getParent());
        try (OutputStream out = fs.create(file, true)) {
            out.write(bytes);
        }
    }

    public static byte[] read(ResultsStore store, Path file) throws IOException {
        try (InputStream in = fs(store).open(file)) {
            return in.readAllBytes();
        }
    }

    public static boolean exists(ResultsStore store, Path file) throws IOException {
        return fs(store).exists(file);
    }
}
