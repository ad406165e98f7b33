package org.modsweep.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shell scripts (the image's, the launcher, CI): shellcheck-clean, and doing what Spark and a user expect of them. */
class ShellScriptsTest {

    private static final List<Path> SCRIPTS = List.of(
            Repo.SUBMIT_SWEEP,
            Repo.GPU_DISCOVERY,
            Repo.DEPLOY.resolve("bin/modsweep"),
            Repo.DEPLOY.resolve("bin/stage-app.sh"),
            Repo.ROOT.resolve("bin/modsweep"),
            Repo.ROOT.resolve("bin/bench-issue13"),
            Repo.ROOT.resolve(".ci/run"));

    @Test
    void scriptsPassShellcheck() throws Exception {
        Repo.Run version;
        try {
            version = Repo.run(List.of("shellcheck", "--version"), Map.of(), 30);
        } catch (IOException notInstalled) {
            fail(
                    "shellcheck is not installed: install the Debian package (apt-get install -y shellcheck; .ci/run does)");
            return;
        }
        assertEquals(0, version.exitCode(), version.output());
        for (Path script : SCRIPTS) {
            assertTrue(Files.isExecutable(script), script + " must be executable");
        }
        List<String> cmd = new java.util.ArrayList<>(List.of("shellcheck", "--severity=style", "--shell=bash"));
        SCRIPTS.forEach(s -> cmd.add(s.toString()));
        Repo.Run check = Repo.run(cmd, Map.of(), 60);
        assertEquals(0, check.exitCode(), "shellcheck findings:\n" + check.output());
    }

    @Test
    void gpuDiscoveryPrintsTheContainersGpusAsSparkResourceJson(@TempDir Path dir) throws Exception {
        // nvidia-smi exists only on a GPU node; this stand-in answers the one query the script makes, like the real one
        Path smi = fakeNvidiaSmi(dir, "printf '0\\n1\\n'");
        Repo.Run run =
                Repo.run(List.of("bash", Repo.GPU_DISCOVERY.toString()), Map.of("NVIDIA_SMI", smi.toString()), 30);
        assertEquals(0, run.exitCode(), run.output());
        JsonNode json = new ObjectMapper().readTree(run.output());
        assertEquals("gpu", json.get("name").asText());
        assertEquals(
                List.of("0", "1"),
                List.of(
                        json.get("addresses").get(0).asText(),
                        json.get("addresses").get(1).asText()));
        assertEquals(2, json.get("addresses").size());
    }

    @Test
    void gpuDiscoveryFailsClearlyWithoutAGpu(@TempDir Path dir) throws Exception {
        Repo.Run missing = Repo.run(
                List.of("bash", Repo.GPU_DISCOVERY.toString()),
                Map.of("NVIDIA_SMI", dir.resolve("no-such-nvidia-smi").toString()),
                30);
        assertEquals(1, missing.exitCode());
        assertTrue(missing.output().contains("not found"), missing.output());

        Path empty = fakeNvidiaSmi(dir, "true");
        Repo.Run none =
                Repo.run(List.of("bash", Repo.GPU_DISCOVERY.toString()), Map.of("NVIDIA_SMI", empty.toString()), 30);
        assertEquals(1, none.exitCode());
        assertTrue(none.output().contains("lists no GPU"), none.output());
    }

    @Test
    void submitSweepRejectsMistakesBeforeReachingTheCluster() throws Exception {
        assertRejected(List.of("--store", "s3a://b/p"), "--image is required");
        assertRejected(List.of("--image", "r/m:1"), "--store is required");
        assertRejected(List.of("--image", "r/m:1", "--store", "s3a://b/p", "--p", "23;29"), "--p must look like");
        assertRejected(
                List.of("--image", "r/m:1", "--store", "s3a://b/p", "--master", "http://api:6443"),
                "--master must be a k8s:// URL");
        assertRejected(List.of("--image", "r/m:1", "--store", "s3a://b/p", "--tasks-per-gpu", "0"), "--tasks-per-gpu");
        assertRejected(
                List.of("--image", "r/m:1", "--store", "s3a://b/p", "--conf", "spark.hadoop.fs.s3a.secret.key=abc"),
                "must not be passed on the command line");
        assertRejected(List.of("--image", "r/m:1", "--store", "s3a://b/p", "--bogus", "1"), "unknown option --bogus");
    }

    @Test
    void submitSweepRejectsBadGridOptions() throws Exception {
        List<String> base = List.of("--image", "r/m:1", "--store", "s3a://b/p");
        assertRejected(concat(base, "--set", "bogus=1"), "--set must be KEY=VALUE with a key among seed, lr");
        assertRejected(concat(base, "--set", "seed"), "--set must be KEY=VALUE");
        assertRejected(concat(base, "--grid", "seed=1", "--grid-file", "/g.yaml"), "give --grid or --grid-file");
        assertRejected(concat(base, "--grid", "seed=1", "--grid-name", "My Grid"), "--grid-name must be");
        assertRejected(concat(base, "--grid", "seed=1", "--refine", "-2"), "--refine must be");
    }

    @Test
    void submitSweepPassesGridOptionsToTheSweep() throws Exception {
        List<String> cmd = concat(
                List.of("bash", Repo.SUBMIT_SWEEP.toString(), "--image", "r/m:1", "--store", "s3a://b/p", "--p", "23"),
                "--set",
                "seed=7",
                "--grid",
                "weight_decay=0,0.5;frac_train=0.3..0.9:0.2",
                "--grid-name",
                "wd-frac",
                "--refine",
                "4",
                "--yes",
                "--dry-run");
        Repo.Run run = Repo.run(cmd, Map.of("SPARK_SUBMIT", "/bin/false"), 30);
        assertEquals(0, run.exitCode(), run.output());
        assertTrue(
                run.output()
                        .strip()
                        .endsWith("local:///opt/modsweep/modsweep-app.jar --p 23 --configs all --store s3a://b/p --set"
                                + " seed=7 --grid weight_decay=0\\,0.5\\;frac_train=0.3..0.9:0.2 --grid-name wd-frac"
                                + " --refine 4 --yes"),
                run.output());
    }

    private static List<String> concat(List<String> head, String... tail) {
        List<String> out = new java.util.ArrayList<>(head);
        out.addAll(List.of(tail));
        return out;
    }

    private static void assertRejected(List<String> args, String message) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("bash", Repo.SUBMIT_SWEEP.toString()));
        cmd.addAll(args);
        cmd.add("--dry-run");
        Repo.Run run = Repo.run(cmd, Map.of("SPARK_SUBMIT", "/bin/false"), 30);
        assertEquals(2, run.exitCode(), run.output());
        assertTrue(
                run.output().startsWith("submit-sweep.sh: error: ")
                        && run.output().contains(message),
                run.output());
        assertEquals(1, run.output().strip().lines().count(), "one line per mistake: " + run.output());
    }

    private static Path fakeNvidiaSmi(Path dir, String body) throws IOException {
        Path smi = dir.resolve("nvidia-smi");
        Files.writeString(smi, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(smi, PosixFilePermissions.fromString("rwxr-xr-x"));
        return smi;
    }
}
