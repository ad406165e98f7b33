package org.modsweep.driver.cli;

import java.util.Map;
import org.modsweep.core.cli.StoreConfOptions;
import org.modsweep.core.config.CredentialKeys;

/** Checks {@code --conf k=v} pass-through: credentials never come from the command line (they end up in shell
 * history, process lists and the Spark UI); S3A reads them from the environment or from Hadoop/Spark configuration
 * files. The rule itself is {@link CredentialKeys}; a refused value is never repeated. */
public final class SparkConfOptions {

    private SparkConfOptions() {}

    public static Map<String, String> check(Map<String, String> conf) {
        return StoreConfOptions.checked(conf);
    }
}
