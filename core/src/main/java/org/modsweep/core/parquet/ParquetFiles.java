package org.modsweep.core.parquet;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Resolves a Parquet file or a directory of {@code part-*.parquet} files (hidden '_'/'.' entries skipped). */
final class ParquetFiles {

    private ParquetFiles() {}

    static List<Path> list(Configuration conf, Path fileOrDir) throws IOException {
        FileSystem fs = fileOrDir.getFileSystem(conf);
        FileStatus st = fs.getFileStatus(fileOrDir);
        List<Path> out = new ArrayList<>();
        if (st.isFile()) {
            out.add(fileOrDir);
            return out;
        }
        for (FileStatus f : fs.listStatus(fileOrDir)) {
            String n = f.getPath().getName();
            if (f.isFile() && n.endsWith(".parquet") && !n.startsWith("_") && !n.startsWith(".")) {
                out.add(f.getPath());
            }
        }
        if (out.isEmpty()) {
            throw new FileNotFoundException("no Parquet files in " + fileOrDir);
        }
        out.sort(null);
        return out;
    }
}
