package org.modsweep.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The executor pods a GPU sweep asks Kubernetes for. The Spark properties are the ones submit-sweep.sh hands to
 * spark-submit; a SparkContext with them (client mode, here, instead of the driver pod) requests its executors from
 * the Kubernetes API mock, and the pod specs are asserted: image, GPU limit, placement, memory, secrets.
 */
class GpuExecutorPodsIT {

    private static final java.util.logging.Logger MOCK_LOG =
            java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");
    private static final String NAMESPACE = "sweeps";
    private static final String IMAGE = "registry.example.com/modsweep:gpu";

    @Test
    void executorsAskForOneGpuEachOnGpuNodesWithCredentialsFromTheSecret(@TempDir Path dir) throws Exception {
        MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
        Map<String, String> conf = confOfSubmitSweep(
                dir,
                List.of(
                        "--image",
                        IMAGE,
                        "--namespace",
                        NAMESPACE,
                        "--store",
                        "s3a://bucket/sweeps",
                        "--executors",
                        "2",
                        "--executor-memory",
                        "8g",
                        "--gpus-per-executor",
                        "1",
                        "--tasks-per-gpu",
                        "4",
                        "--name",
                        "gpu-sweep"));

        KubernetesMockServer server = new KubernetesMockServer(
                new Context(), new MockWebServer(), new HashMap<>(), new ApplyPatchCrudDispatcher(), false);
        server.init(InetAddress.getByName("127.0.0.1"), 0);
        SparkContext sc = null;
        try (KubernetesClient client = server.createClient()) {
            SparkConf spark = new SparkConf(false);
            conf.forEach(spark::set);
            spark.setMaster("k8s://http://127.0.0.1:" + server.getPort())
                    .set("spark.submit.deployMode", "client")
                    .set("spark.driver.host", "127.0.0.1")
                    .set("spark.driver.bindAddress", "127.0.0.1")
                    .set("spark.ui.enabled", "false")
                    // no S3 here; the event log settings are asserted in SubmitSweepClusterModeIT
                    .set("spark.eventLog.enabled", "false")
                    .set("spark.kubernetes.executor.podNamePrefix", "gpu-sweep")
                    .set("spark.scheduler.maxRegisteredResourcesWaitingTime", "1s");
            sc = new SparkContext(spark);

            List<Pod> executors = waitForExecutors(client, 2);
            for (Pod pod : executors) {
                assertEquals("sweep-executor", pod.getMetadata().getLabels().get("app.kubernetes.io/component"));
                assertEquals("true", pod.getSpec().getNodeSelector().get("nvidia.com/gpu.present"));
                assertEquals(
                        "nvidia.com/gpu", pod.getSpec().getTolerations().get(0).getKey());
                Container c = pod.getSpec().getContainers().get(0);
                assertEquals(IMAGE, c.getImage());
                assertEquals(new Quantity("1"), c.getResources().getLimits().get("nvidia.com/gpu"));
                assertEquals(
                        new Quantity("4"), c.getResources().getRequests().get("cpu"), "one core per GPU-sharing cell");
                assertEquals(
                        new Quantity("12288Mi"), c.getResources().getLimits().get("memory"), "8g heap + 4g overhead");
                assertEquals("4", env(c, "SPARK_EXECUTOR_CORES").getValue());
                assertEquals("/opt/modsweep/lib/*", env(c, "SPARK_CLASSPATH").getValue());
                assertEquals(
                        "compute,utility", env(c, "NVIDIA_DRIVER_CAPABILITIES").getValue());
                for (String key : List.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY")) {
                    EnvVar var = env(c, key);
                    assertNull(var.getValue(), key + " is no literal");
                    assertEquals(
                            "modsweep-s3", var.getValueFrom().getSecretKeyRef().getName());
                    assertEquals(key, var.getValueFrom().getSecretKeyRef().getKey());
                }
                assertFalse(c.getEnv().stream()
                        .anyMatch(e -> e.getValue() != null && e.getValue().contains("secret.key")));
            }
        } finally {
            if (sc != null) {
                sc.stop();
            }
            server.destroy();
        }
    }

    /** The --conf properties submit-sweep.sh passes to spark-submit (captured by a stand-in spark-submit). */
    static Map<String, String> confOfSubmitSweep(Path dir, List<String> options) throws Exception {
        List<String> args = sparkSubmitArgs(dir, options);
        assertTrue(args.containsAll(List.of("--deploy-mode", "cluster")), args.toString());
        return HelmChartIT.confs(args);
    }

    /** The arguments submit-sweep.sh with these options hands to spark-submit, one per line from a stand-in. */
    static List<String> sparkSubmitArgs(Path dir, List<String> options) throws Exception {
        Path captured = dir.resolve("spark-submit.args");
        Path sparkSubmit = dir.resolve("spark-submit");
        Files.writeString(sparkSubmit, "#!/bin/sh\nprintf '%s\\n' \"$@\" > \"" + captured + "\"\n");
        Files.setPosixFilePermissions(sparkSubmit, PosixFilePermissions.fromString("rwxr-xr-x"));
        List<String> cmd = new ArrayList<>(List.of("bash", Repo.SUBMIT_SWEEP.toString()));
        cmd.addAll(options);
        Repo.Run run = Repo.run(cmd, Map.of("SPARK_SUBMIT", sparkSubmit.toString()), 30);
        assertEquals(0, run.exitCode(), run.output());
        return Files.readAllLines(captured, StandardCharsets.UTF_8);
    }

    private static List<Pod> waitForExecutors(KubernetesClient client, int count) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        List<Pod> pods = List.of();
        while (System.nanoTime() < deadline) {
            pods = client.pods()
                    .inNamespace(NAMESPACE)
                    .withLabel("spark-role", "executor")
                    .list()
                    .getItems();
            if (pods.size() >= count) {
                return pods;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("expected " + count + " executor pods, got " + pods.size());
    }

    private static EnvVar env(Container c, String name) {
        return c.getEnv().stream()
                .filter(e -> e.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError(name + " not in " + c.getEnv()));
    }
}
