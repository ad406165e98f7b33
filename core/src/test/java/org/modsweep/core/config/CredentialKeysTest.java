package org.modsweep.core.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CredentialKeysTest {

    @Test
    void credentialLikeKeysAreRecognisedWhateverTheirPrefix() {
        for (String k : List.of(
                "spark.executorEnv.AWS_SESSION_TOKEN",
                "spark.executorEnv.PATH",
                "spark.kubernetes.driverEnv.AWS_SECRET_ACCESS_KEY",
                "spark.yarn.appMasterEnv.X",
                "spark.hadoop.fs.s3a.access.key",
                "spark.hadoop.fs.s3a.secret.key",
                "fs.s3a.session.token",
                "spark.hadoop.fs.s3a.bucket.study.secret.key",
                "spark.hadoop.fs.azure.account.key.acct.dfs.core.windows.net",
                "spark.hadoop.fs.s3a.encryption.key",
                "spark.authenticate.secret",
                "spark.ssl.keyPassword",
                "spark.kubernetes.authenticate.submission.oauthToken",
                "spark.kubernetes.executor.secretKeyRef.X",
                "spark.hadoop.fs.gs.auth.service.account.private.key",
                "fs.azure.sas.fixed.token",
                " SPARK.HADOOP.FS.S3A.SECRET.KEY ")) {
            assertTrue(CredentialKeys.isCredential(k), k);
        }
    }

    @Test
    void ordinaryKeysPass() {
        for (String k : List.of(
                "spark.hadoop.fs.s3a.endpoint",
                "spark.hadoop.fs.s3a.path.style.access",
                "spark.task.cpus",
                "spark.eventLog.enabled",
                "spark.hadoop.fs.s3a.aws.credentials.provider",
                "spark.executor.memory",
                "spark.kubernetes.container.image")) {
            assertFalse(CredentialKeys.isCredential(k), k);
        }
    }

    @Test
    void theRefusalNamesTheKeyOnly() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> CredentialKeys.refuse("--conf", "spark.executorEnv.AWS_SESSION_TOKEN"));
        assertTrue(
                e.getMessage().startsWith("--conf spark.executorEnv.AWS_SESSION_TOKEN: credentials are never"),
                e.getMessage());
    }
}
