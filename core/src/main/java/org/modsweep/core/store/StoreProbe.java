package org.modsweep.core.store;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Whether a store can be reached before a command starts work on it: one metadata request with a single try and
 * short timeouts (S3A otherwise retries a refused connection or an unknown host for minutes), on a file-system
 * instance of its own, so the command's own, patient settings stay as they are.
 */
public final class StoreProbe {

    private StoreProbe() {}

    /**
     * Throws an {@link IllegalArgumentException} with one line when the store's file system does not answer, or
     * (with {@code mustExist}) when the store is not there.
     */
    public static void requireReachable(ResultsStore store, boolean mustExist) {
        Path root = store.root();
        Configuration conf = new Configuration(store.conf());
        String scheme = root.toUri().getScheme();
        conf.setBoolean("fs." + scheme + ".impl.disable.cache", true);
        conf.setInt("fs.s3a.attempts.maximum", 1);
        conf.setInt("fs.s3a.retry.limit", 1);
        conf.setInt("fs.s3a.retry.throttle.limit", 1);
        conf.set("fs.s3a.connection.establish.timeout", "5s");
        conf.set("fs.s3a.connection.timeout", "15s");
        try (FileSystem fs = FileSystem.get(URI.create(root.toUri().toString()), conf)) {
            fs.getFileStatus(root);
        } catch (FileNotFoundException e) {
            if (mustExist) {
                throw new IllegalArgumentException(
                        "store " + store.uri() + " does not exist (nothing at " + root + ")");
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(
                    "store " + store.uri() + " cannot be reached or read: " + StoreSettings.firstLine(e));
        }
    }
}
