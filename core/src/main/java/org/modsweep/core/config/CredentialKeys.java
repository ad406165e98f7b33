package org.modsweep.core.config;

import java.util.regex.Pattern;

/**
 * Configuration keys that carry credentials, whatever their prefix ({@code spark.hadoop.}, a per-bucket
 * {@code fs.s3a.bucket.B.}): secrets, tokens, passwords, access and account keys, encryption keys, and any
 * environment variable handed to drivers or executors ({@code spark.executorEnv.*}, {@code spark.kubernetes.driverEnv.*},
 * {@code spark.yarn.appMasterEnv.*}), which Spark shows in its UI. Such values belong in the environment or in
 * configuration files, never on a command line (shell history, process lists, the Spark UI).
 */
public final class CredentialKeys {

    private static final Pattern CREDENTIAL = Pattern.compile("(?i).*(secret|token|passw|access\\.?key"
            + "|account\\.key|encryption\\.key|private\\.key|session\\.key).*");
    private static final Pattern ENVIRONMENT = Pattern.compile("(?i)(.*\\.)?(executorEnv|driverEnv|appMasterEnv)\\..*");

    private CredentialKeys() {}

    public static boolean isCredential(String key) {
        String k = key.trim();
        return CREDENTIAL.matcher(k).matches() || ENVIRONMENT.matcher(k).matches();
    }

    /** Refuses a credential-like key of a command-line option, naming the key but never its value. */
    public static void refuse(String option, String key) {
        if (isCredential(key)) {
            throw new IllegalArgumentException(option + " " + key.trim() + ": credentials are never taken from the"
                    + " command line (nor environment variables for drivers and executors); set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the"
                    + " environment, or put them in core-site.xml or spark-defaults.conf of a conf directory"
                    + " (--conf-dir, MODSWEEP_CONF_DIR)");
        }
    }
}
