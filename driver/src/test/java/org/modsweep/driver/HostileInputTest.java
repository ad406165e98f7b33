package org.modsweep.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modsweep.analysis.cli.AnalysisBenchCommand;
import org.modsweep.analysis.cli.AnalyzeCommand;
import org.modsweep.driver.cli.BenchSweepCommand;
import org.modsweep.driver.cli.SweepCommand;
import org.modsweep.driver.testing.Cli;
import org.modsweep.worker.cli.BenchTrainCommand;
import org.modsweep.worker.cli.TrainCommand;

/**
 * Hostile and bad input on the command line: out-of-range numbers, huge ranges, credential-like --conf keys and
 * store URIs with credentials are refused at once with one line and exit 2, never echoing a secret, and nothing is
 * created.
 */
class HostileInputTest {

    static final String SECRET = "wJalrXUtnFEMI-K7MDENG-bPxRfiCYEXAMPLEKEY";

    @TempDir
    Path tmp;

    static void assertRefused(String name, Cli.Run r, String fragment) {
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().startsWith("modsweep " + name + ": error: "), r.err());
        assertTrue(r.err().contains(fragment), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        assertFalse(r.err().contains(SECRET) || r.out().contains(SECRET), "the secret is never echoed: " + r);
    }

    @Test
    void aHugeModulusRangeReturnsAtOnce() {
        String s = tmp.resolve("store").toString();
        long t0 = System.nanoTime();
        assertRefused("sweep", Cli.run(new SweepCommand(), "--p", "3..2147483647", "--store", s), "largest p, 1999");
        assertTrue((System.nanoTime() - t0) / 1e9 < 5, "refused at once");
        assertRefused("sweep", Cli.run(new SweepCommand(), "--p", "2001", "--store", s), "too large");
        assertRefused(
                "sweep", Cli.run(new SweepCommand(), "--p", "3", "--lanes", "0", "--store", s), "--lanes must be");
        assertRefused("sweep", Cli.run(new SweepCommand(), "--p", "3", "--lanes", "many", "--store", s), "got 'many'");
        assertRefused(
                "train",
                Cli.run(new TrainCommand(), "--p", "99999", "--config", "standard", "--store", s),
                "too large");
        assertRefused(
                "sweep",
                Cli.run(new SweepCommand(), "--p", "3", "--epochs", "2000000", "--store", s),
                "--epochs must be <= 1000000");
        assertFalse(Files.exists(Path.of(s)), "nothing created");
    }

    @Test
    void threadsAndOtherNumbersAreBoundedByTheMachine() {
        String s = tmp.resolve("store").toString();
        int tooMany = Runtime.getRuntime().availableProcessors() + 1;
        assertRefused(
                "train",
                Cli.run(
                        new TrainCommand(),
                        "--p",
                        "3",
                        "--config",
                        "standard",
                        "--store",
                        s,
                        "--threads",
                        Integer.toString(tooMany)),
                "--threads must be <= ");
        assertRefused(
                "train",
                Cli.run(new TrainCommand(), "--p", "3", "--config", "standard", "--store", s, "--threads", "0"),
                "--threads must be >= 1");
        assertRefused(
                "train",
                Cli.run(new TrainCommand(), "--p", "3", "--config", "standard", "--store", s, "--epochs", "-1"),
                "--epochs must be >= 1");
        assertRefused(
                "analyze", Cli.run(new AnalyzeCommand(), "--store", s, "--threads", "-3"), "--threads must be >= 1");
        assertRefused("train", Cli.run(new BenchTrainCommand(), "--threads", "1," + tooMany), "--threads must be <=");
        assertRefused("train", Cli.run(new BenchTrainCommand(), "--large-p-epochs", "0"), "--large-p-epochs");
        assertRefused("sweep", Cli.run(new BenchSweepCommand(), "--epochs", "0"), "--epochs must be >= 1");
        assertRefused("analysis", Cli.run(new AnalysisBenchCommand(), "--repeat", "0"), "--repeat must be >= 1");
        assertRefused("analysis", Cli.run(new AnalysisBenchCommand(), "--threads", "0"), "--threads must be >= 1");
        assertFalse(Files.exists(Path.of(s)), "nothing created");
    }

    @Test
    void credentialLikeConfKeysAreRefusedWithoutEchoingTheValue() {
        String s = tmp.resolve("store").toString();
        for (String key : List.of(
                "spark.executorEnv.AWS_SESSION_TOKEN",
                "spark.kubernetes.driverEnv.AWS_SECRET",
                "spark.hadoop.fs.s3a.bucket.study.access.key",
                "spark.hadoop.fs.azure.account.key.a.blob.core.windows.net",
                "spark.hadoop.fs.s3a.encryption.key",
                "spark.some.password",
                "spark.hadoop.fs.s3a.session.token")) {
            String arg = key + "=" + SECRET;
            assertRefused(
                    "sweep",
                    Cli.run(new SweepCommand(), "--p", "3", "--store", s, "--conf", arg),
                    "--conf " + key + ": credentials are never taken from the command line");
            assertRefused(
                    "train",
                    Cli.run(new TrainCommand(), "--p", "3", "--config", "standard", "--store", s, "--conf", arg),
                    "credentials are never taken");
            assertRefused(
                    "analyze",
                    Cli.run(new AnalyzeCommand(), "--store", s, "--conf", arg),
                    "credentials are never taken");
        }
        assertFalse(Files.exists(Path.of(s)), "nothing created");
    }

    @Test
    void storeUrisWithUserInfoAreRefusedWithoutEchoingThem() {
        String uri = "s3a://AKIAEXAMPLE:" + SECRET + "@study/run1";
        assertRefused("sweep", Cli.run(new SweepCommand(), "--p", "3", "--store", uri), "carries credentials");
        assertRefused(
                "train",
                Cli.run(new TrainCommand(), "--p", "3", "--config", "standard", "--store", uri),
                "carries credentials");
        assertRefused("analyze", Cli.run(new AnalyzeCommand(), "--store", uri), "carries credentials");
        Cli.Run r = Cli.run(new SweepCommand(), "--p", "3", "--store", uri);
        assertFalse(r.err().contains("AKIAEXAMPLE"), r.err());
    }
}
