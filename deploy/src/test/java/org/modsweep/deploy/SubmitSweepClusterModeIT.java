package org.modsweep.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.StringReader;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/bin/submit-sweep.sh runs Spark's real spark-submit in cluster mode against a Kubernetes API (the fabric8 CRUD
 * mock with server-side apply); the driver pod and config maps it creates are read back and asserted. No pod runs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SubmitSweepClusterModeIT {

    private static final String NAMESPACE = "sweeps";
    private static final String IMAGE = "registry.example.com/modsweep:test";
    private static final String DRIVER = "modsweep-test-driver";

    // the mock logs every request at INFO through java.util.logging; keep a reference so the level sticks
    private static final java.util.logging.Logger MOCK_LOG =
            java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    private KubernetesMockServer server;
    private KubernetesClient client;
    private Repo.Run submission;

    @BeforeAll
    void submit(@TempDir Path dir) throws Exception {
        MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
        server = new KubernetesMockServer(
                new Context(), new MockWebServer(), new HashMap<>(), new ApplyPatchCrudDispatcher(), false);
        server.init(InetAddress.getByName("127.0.0.1"), 0);
        client = server.createClient();

        // spark-submit = Spark's SparkSubmit on this module's test classpath, in its own JVM (it calls System.exit)
        Path sparkSubmit = dir.resolve("spark-submit");
        Files.writeString(
                sparkSubmit,
                "#!/bin/sh\nexec \"$MODSWEEP_TEST_JAVA\" -Xmx512m $MODSWEEP_TEST_OPENS"
                        + " -cp \"$MODSWEEP_TEST_CP\" org.apache.spark.deploy.SparkSubmit \"$@\"\n");
        Files.setPosixFilePermissions(sparkSubmit, PosixFilePermissions.fromString("rwxr-xr-x"));
        Map<String, String> env = new HashMap<>();
        env.put("SPARK_SUBMIT", sparkSubmit.toString());
        env.put(
                "MODSWEEP_TEST_JAVA",
                Path.of(System.getProperty("java.home"), "bin", "java").toString());
        env.put("MODSWEEP_TEST_CP", System.getProperty("java.class.path"));
        env.put("MODSWEEP_TEST_OPENS", "@" + Repo.JVM_OPENS);
        env.put("KUBECONFIG", dir.resolve("no-kubeconfig").toString());
        env.put("SPARK_LOCAL_IP", "127.0.0.1");

        List<String> cmd = new ArrayList<>(List.of(
                "bash",
                Repo.SUBMIT_SWEEP.toString(),
                "--master",
                "k8s://http://127.0.0.1:" + server.getPort(),
                "--namespace",
                NAMESPACE,
                "--image",
                IMAGE,
                "--store",
                "s3a://bucket/sweeps",
                "--s3-endpoint",
                "http://minio.minio:9000",
                "--p",
                "23,29",
                "--configs",
                "standard,grokking",
                "--epochs",
                "5",
                "--executors",
                "3",
                "--driver-pod-name",
                DRIVER,
                "--label",
                "team=fourier",
                "--conf",
                "spark.kubernetes.hadoop.configMapName=modsweep-hadoop-conf",
                "--no-wait"));
        submission = Repo.run(cmd, env, 120);
    }

    @AfterAll
    void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.destroy();
        }
    }

    @Test
    void driverPodRunsTheSweepWithTheImageServiceAccountAndResources() {
        assertEquals(0, submission.exitCode(), submission.output());
        Pod pod = client.pods().inNamespace(NAMESPACE).withName(DRIVER).get();
        assertNotNull(pod, "driver pod created; submission log:\n" + submission.output());
        assertEquals("modsweep-spark", pod.getSpec().getServiceAccountName());
        assertEquals("sweep-driver", pod.getMetadata().getLabels().get("app.kubernetes.io/component"));
        assertEquals("modsweep-sweep", pod.getMetadata().getLabels().get("app.kubernetes.io/instance"));
        assertEquals("fourier", pod.getMetadata().getLabels().get("team"));
        assertEquals("driver", pod.getMetadata().getLabels().get("spark-role"));

        Container driver = pod.getSpec().getContainers().get(0);
        assertEquals(IMAGE, driver.getImage());
        assertEquals(new Quantity("1"), driver.getResources().getRequests().get("cpu"));
        // 4g heap + Spark's overhead, max(384 MiB, 10 %)
        assertEquals(new Quantity("4505Mi"), driver.getResources().getLimits().get("memory"));
        assertNull(driver.getResources().getLimits().get("nvidia.com/gpu"), "the driver trains nothing: no GPU");
        assertTrue(driver.getPorts().stream().anyMatch(p -> p.getContainerPort() == 4040), "Spark UI port");

        // the application: main class, jar inside the image, the sweep's own options
        List<String> args = driver.getArgs();
        int jar = args.indexOf("local:///opt/modsweep/modsweep-app.jar");
        assertTrue(jar > 0, args.toString());
        assertEquals("org.modsweep.driver.SweepApp", args.get(args.indexOf("--class") + 1));
        assertEquals(
                List.of(
                        "--p",
                        "23,29",
                        "--configs",
                        "standard,grokking",
                        "--store",
                        "s3a://bucket/sweeps",
                        "--epochs",
                        "5"),
                args.subList(jar + 1, args.size()));

        // S3 credentials: environment variables from the Secret, never literal values
        assertSecretEnv(driver, "AWS_ACCESS_KEY_ID");
        assertSecretEnv(driver, "AWS_SECRET_ACCESS_KEY");
        // the chart's core-site.xml (S3 endpoint) is mounted and on HADOOP_CONF_DIR
        assertTrue(
                pod.getSpec().getVolumes().stream()
                        .anyMatch(v -> v.getConfigMap() != null
                                && "modsweep-hadoop-conf"
                                        .equals(v.getConfigMap().getName())),
                pod.getSpec().getVolumes().toString());
        assertTrue(driver.getEnv().stream().anyMatch(e -> e.getName().equals("HADOOP_CONF_DIR")));
    }

    @Test
    void sparkConfAsksForGpuExecutorsEventLogAndSharedGpus() throws Exception {
        assertEquals(0, submission.exitCode(), submission.output());
        Properties conf = new Properties();
        conf.load(new StringReader(configMapWith("spark.properties")));
        assertEquals("1", conf.getProperty("spark.executor.resource.gpu.amount"));
        assertEquals("nvidia.com", conf.getProperty("spark.executor.resource.gpu.vendor"));
        assertEquals(
                "/opt/modsweep/bin/getGpusResources.sh",
                conf.getProperty("spark.executor.resource.gpu.discoveryScript"));
        assertEquals("0.25", conf.getProperty("spark.task.resource.gpu.amount"));
        assertEquals("4", conf.getProperty("spark.executor.cores"));
        assertEquals("3", conf.getProperty("spark.executor.instances"));
        assertEquals("4g", conf.getProperty("spark.executor.memoryOverhead"));
        assertEquals("true", conf.getProperty("spark.eventLog.enabled"));
        assertEquals("s3a://bucket/sweeps/spark-events", conf.getProperty("spark.eventLog.dir"));
        assertEquals("/opt/modsweep/lib/*", conf.getProperty("spark.executor.extraClassPath"));
        assertEquals("http://minio.minio:9000", conf.getProperty("spark.hadoop.fs.s3a.endpoint"));
        assertEquals(
                "modsweep-s3:AWS_SECRET_ACCESS_KEY",
                conf.getProperty("spark.kubernetes.executor.secretKeyRef.AWS_SECRET_ACCESS_KEY"));
        assertNull(conf.getProperty("spark.hadoop.fs.s3a.secret.key"));
        assertNull(conf.getProperty("spark.hadoop.fs.s3a.access.key"));
    }

    @Test
    void executorPodTemplateTravelsToTheDriverWithGpuNodePlacement() {
        assertEquals(0, submission.exitCode(), submission.output());
        Pod template = Chart.SERIALIZATION.unmarshal(configMapWith("podspec-configmap-key"), Pod.class);
        assertEquals(
                "nvidia.com/gpu", template.getSpec().getTolerations().get(0).getKey());
        assertEquals("true", template.getSpec().getNodeSelector().get("nvidia.com/gpu.present"));
        assertEquals(
                "compute,utility",
                template.getSpec().getContainers().get(0).getEnv().stream()
                        .filter(e -> e.getName().equals("NVIDIA_DRIVER_CAPABILITIES"))
                        .findFirst()
                        .orElseThrow()
                        .getValue());
    }

    private String configMapWith(String key) {
        List<ConfigMap> maps = client.configMaps().inNamespace(NAMESPACE).list().getItems();
        return maps.stream()
                .filter(m -> m.getData() != null && m.getData().containsKey(key))
                .findFirst()
                .map(m -> m.getData().get(key))
                .orElseThrow(() -> new AssertionError("no config map with " + key + " among "
                        + maps.stream()
                                .map(m ->
                                        m.getMetadata().getName() + m.getData().keySet())
                                .collect(Collectors.toList())));
    }

    private static void assertSecretEnv(Container c, String name) {
        EnvVar var = c.getEnv().stream()
                .filter(e -> e.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError(name + " not in " + c.getEnv()));
        assertNull(var.getValue());
        assertEquals("modsweep-s3", var.getValueFrom().getSecretKeyRef().getName());
        assertEquals(name, var.getValueFrom().getSecretKeyRef().getKey());
        assertFalse(c.getArgs().stream().anyMatch(a -> a.contains("secret.key")), "no key on the command line");
    }
}
