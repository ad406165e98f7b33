package org.modsweep.core.store;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.LocalFileSystem;

/**
 * The store's {@code file:} file system: Hadoop's {@link LocalFileSystem}, checksums ({@code .crc} files) and all,
 * over {@link NioRawLocalFileSystem}, so that creating, listing and committing runs never forks a process.
 * {@link #register} makes it the {@code file:} implementation of a configuration unless one is set already: an
 * {@code fs.file.impl} from core-site.xml, {@code spark.hadoop.fs.file.impl} or a --conf wins.
 */
public class NioLocalFileSystem extends LocalFileSystem {

    public static final String IMPL_KEY = "fs.file.impl";

    public NioLocalFileSystem() {
        super(new NioRawLocalFileSystem());
    }

    /**
     * Sets this class as {@code fs.file.impl} when the configuration names no implementation, and keeps its
     * instances out of Hadoop's shared cache, where a plain LocalFileSystem made earlier by other code (Spark's own,
     * say) would otherwise be handed back instead. Returns the configuration.
     */
    public static Configuration register(Configuration conf) {
        String set = conf.getTrimmed(IMPL_KEY); // core-default.xml lists it empty
        if (set == null || set.isEmpty()) {
            conf.set(IMPL_KEY, NioLocalFileSystem.class.getName());
            conf.setIfUnset("fs.file.impl.disable.cache", "true");
        }
        return conf;
    }
}
