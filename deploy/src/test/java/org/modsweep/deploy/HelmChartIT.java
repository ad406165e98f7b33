package org.modsweep.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chart, linted and rendered by Helm, its objects asserted through the fabric8 Kubernetes model. */
class HelmChartIT {

    private static final String FULL = Chart.RELEASE + "-modsweep";
    private static final String SWEEP = FULL + "-sweep-1";
    private static final String SA = FULL + "-spark";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void chartLintsCleanInStrictMode() {
        LintResult lint = new Helm(Repo.CHART).lint().strict().call();
        assertFalse(lint.isFailed(), "helm lint --strict: " + lint.getMessages());
    }

    @Test
    void everyValueIsDocumentedByACommentAboveIt() throws Exception {
        List<String> lines = Files.readAllLines(Repo.CHART.resolve("values.yaml"));
        List<String> undocumented = new ArrayList<>();
        String previous = "";
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.matches("\\s*[A-Za-z][\\w.-]*:.*") && !previous.trim().startsWith("#")) {
                undocumented.add((i + 1) + ": " + line.trim());
            }
            if (!line.isBlank()) {
                previous = line;
            }
        }
        assertTrue(undocumented.isEmpty(), "values.yaml keys without a comment above: " + undocumented);
    }

    @Test
    void defaultsInstallAJobSweepWithRbacUiServiceAndExplorerOnCpuExecutors() {
        Chart chart = Chart.render(Map.of());
        assertTrue(chart.custom("SparkApplication").isEmpty(), "no spark-operator API: a Job, not a SparkApplication");

        // RBAC: the driver (and spark-submit in the Job) may create and watch executor pods, services, config maps
        assertEquals(SA, chart.one(ServiceAccount.class, SA).getMetadata().getName());
        Role role = chart.one(Role.class, SA);
        assertVerbs(role, "pods", "create", "get", "list", "watch", "delete", "deletecollection");
        assertVerbs(role, "services", "create", "get", "delete");
        assertVerbs(role, "configmaps", "create", "get", "delete");
        RoleBinding binding = chart.one(RoleBinding.class, SA);
        assertEquals("Role", binding.getRoleRef().getKind());
        assertEquals(SA, binding.getRoleRef().getName());
        assertEquals(SA, binding.getSubjects().get(0).getName());
        assertEquals(Chart.NAMESPACE, binding.getSubjects().get(0).getNamespace());

        Job job = chart.one(Job.class, SWEEP + "-submit");
        assertEquals(0, job.getSpec().getBackoffLimit());
        assertEquals(SA, job.getSpec().getTemplate().getSpec().getServiceAccountName());
        Container submit = job.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertEquals("modsweep/modsweep:0.1.0", submit.getImage());
        assertEquals(List.of("/opt/modsweep/bin/submit-sweep.sh"), submit.getCommand());
        Map<String, String> opts = options(submit.getArgs());
        assertEquals("k8s://https://kubernetes.default.svc", opts.get("--master"));
        assertEquals(Chart.NAMESPACE, opts.get("--namespace"));
        assertEquals("modsweep/modsweep:0.1.0", opts.get("--image"));
        assertEquals(SWEEP, opts.get("--name"));
        assertEquals("15,23,29,31", opts.get("--p"));
        assertEquals("all", opts.get("--configs"));
        assertEquals("s3a://modsweep/results", opts.get("--store"));
        assertEquals("modsweep-s3", opts.get("--s3-secret"));
        assertEquals("0", opts.get("--gpus-per-executor"));
        assertEquals("s3a://modsweep/results/spark-events", opts.get("--event-log"));
        Map<String, String> conf = confs(submit.getArgs());
        assertEquals(
                "modsweep-s3:AWS_ACCESS_KEY_ID", conf.get("spark.kubernetes.driver.secretKeyRef.AWS_ACCESS_KEY_ID"));
        assertEquals(
                "modsweep-s3:AWS_SECRET_ACCESS_KEY",
                conf.get("spark.kubernetes.executor.secretKeyRef.AWS_SECRET_ACCESS_KEY"));
        assertEquals(FULL + "-hadoop-conf", conf.get("spark.kubernetes.hadoop.configMapName"));
        assertNull(conf.get("spark.executor.resource.gpu.amount"), "CPU executors by default");

        // pod templates reach spark-submit through a ConfigMap mounted where the args say
        ConfigMap templates = chart.one(ConfigMap.class, SWEEP + "-pod-templates");
        Pod executor = Chart.SERIALIZATION.unmarshal(templates.getData().get("executor.yaml"), Pod.class);
        assertTrue(
                executor.getSpec().getContainers().get(0).getResources() == null
                        || executor.getSpec()
                                        .getContainers()
                                        .get(0)
                                        .getResources()
                                        .getLimits()
                                == null,
                "no GPU limit on CPU");
        Pod driver = Chart.SERIALIZATION.unmarshal(templates.getData().get("driver.yaml"), Pod.class);
        assertEquals("/etc/modsweep/pod-templates/executor.yaml", opts.get("--executor-pod-template"));
        assertEquals(
                "/etc/modsweep/pod-templates", submit.getVolumeMounts().get(0).getMountPath());

        // the Spark UI Service selects exactly the labels the driver pod gets
        Service ui = chart.one(Service.class, FULL + "-spark-ui");
        assertEquals(4040, ui.getSpec().getPorts().get(0).getTargetPort().getIntVal());
        assertTrue(
                driver.getMetadata()
                        .getLabels()
                        .entrySet()
                        .containsAll(ui.getSpec().getSelector().entrySet()),
                ui.getSpec().getSelector() + " vs " + driver.getMetadata().getLabels());
        assertEquals("sweep-driver", ui.getSpec().getSelector().get("app.kubernetes.io/component"));

        // the explorer: explicit non-loopback host, credentials from the Secret, endpoint from the Hadoop conf
        Deployment explorer = chart.one(Deployment.class, FULL + "-explorer");
        Container web =
                explorer.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertEquals("modsweep/modsweep:0.1.0", web.getImage());
        assertEquals(
                List.of(
                        "explore",
                        "--store",
                        "s3a://modsweep/results",
                        "--host",
                        "0.0.0.0",
                        "--port",
                        "7860",
                        "--allowed-host",
                        FULL + "-explorer"),
                web.getArgs());
        assertSecretEnv(web.getEnv(), "AWS_ACCESS_KEY_ID", "modsweep-s3", "AWS_ACCESS_KEY_ID");
        assertSecretEnv(web.getEnv(), "AWS_SECRET_ACCESS_KEY", "modsweep-s3", "AWS_SECRET_ACCESS_KEY");
        assertEquals(
                FULL + "-hadoop-conf",
                explorer.getSpec()
                        .getTemplate()
                        .getSpec()
                        .getVolumes()
                        .get(0)
                        .getConfigMap()
                        .getName());
        Service explorerService = chart.one(Service.class, FULL + "-explorer");
        assertTrue(explorer.getSpec()
                .getTemplate()
                .getMetadata()
                .getLabels()
                .entrySet()
                .containsAll(explorerService.getSpec().getSelector().entrySet()));
        assertEquals(
                "http",
                explorerService.getSpec().getPorts().get(0).getTargetPort().getStrVal());

        String coreSite =
                chart.one(ConfigMap.class, FULL + "-hadoop-conf").getData().get("core-site.xml");
        assertTrue(coreSite.contains("<name>fs.s3a.path.style.access</name><value>true</value>"), coreSite);
        assertNoLiteralCredentials(chart);
    }

    @Test
    void gpuValuesAskForGpusInSparkConfAndPlaceExecutorsOnGpuNodes() {
        Chart chart = Chart.render(Map.of("sweep.launcher", "job"), Repo.CHART.resolve("values-gpu.yaml"));
        Container submit = submitContainer(chart, SWEEP + "-submit");
        Map<String, String> opts = options(submit.getArgs());
        assertEquals("1", opts.get("--gpus-per-executor"));
        assertEquals("4", opts.get("--tasks-per-gpu"));
        assertEquals("4", opts.get("--executor-cores"), "one core per cell training on the GPU");
        assertEquals("4", opts.get("--executors"));
        assertEquals("15,23,29,31,41,53", opts.get("--p"));
        Map<String, String> conf = confs(submit.getArgs());
        assertEquals("1", conf.get("spark.executor.resource.gpu.amount"));
        assertEquals("nvidia.com", conf.get("spark.executor.resource.gpu.vendor"));
        assertEquals("/opt/modsweep/bin/getGpusResources.sh", conf.get("spark.executor.resource.gpu.discoveryScript"));
        assertEquals("0.25", conf.get("spark.task.resource.gpu.amount"));
        assertEquals("true", conf.get("spark.kubernetes.executor.node.selector.nvidia.com/gpu.present"));

        Pod executor = Chart.SERIALIZATION.unmarshal(
                chart.one(ConfigMap.class, SWEEP + "-pod-templates").getData().get("executor.yaml"), Pod.class);
        assertEquals(
                new Quantity("1"),
                executor.getSpec()
                        .getContainers()
                        .get(0)
                        .getResources()
                        .getLimits()
                        .get("nvidia.com/gpu"));
        assertEquals(
                "nvidia.com/gpu", executor.getSpec().getTolerations().get(0).getKey());
        assertEquals("NoSchedule", executor.getSpec().getTolerations().get(0).getEffect());
        assertEquals("true", executor.getSpec().getNodeSelector().get("nvidia.com/gpu.present"));
        assertNoLiteralCredentials(chart);
    }

    @Test
    void sparkApplicationCarriesGpuNeedsInSparkConfAndPodTemplates() throws Exception {
        Map<String, Object> sets = Map.of(
                "sweep.launcher",
                "sparkApplication",
                "image.registry",
                "registry.example.com",
                "image.tag",
                "2026.11",
                "store.s3.endpoint",
                "http://minio.minio:9000",
                "store.hadoopConf.fs\\.s3a\\.connection\\.maximum",
                "200");
        Chart chart = Chart.render(sets, Repo.CHART.resolve("values-gpu.yaml"));
        assertTrue(chart.all(Job.class).isEmpty(), "the operator submits: no Job");
        List<GenericKubernetesResource> apps = chart.custom("SparkApplication");
        assertEquals(1, apps.size(), chart.kindsAndNames().toString());
        GenericKubernetesResource app = apps.get(0);
        assertEquals("sparkoperator.k8s.io/v1beta2", app.getApiVersion());
        assertEquals(SWEEP, app.getMetadata().getName());
        JsonNode spec = JSON.readTree(Chart.SERIALIZATION.asJson(app)).get("spec");
        assertEquals(
                "registry.example.com/modsweep/modsweep:2026.11",
                spec.get("image").asText());
        assertEquals("org.modsweep.driver.SweepApp", spec.get("mainClass").asText());
        assertEquals(
                "local:///opt/modsweep/modsweep-app.jar",
                spec.get("mainApplicationFile").asText());
        assertEquals(
                List.of("--p", "15,23,29,31,41,53", "--configs", "all", "--store", "s3a://modsweep/results"),
                strings(spec.get("arguments")));
        assertEquals(SA, spec.get("driver").get("serviceAccount").asText());

        JsonNode conf = spec.get("sparkConf");
        assertEquals("1", conf.get("spark.executor.resource.gpu.amount").asText());
        assertEquals(
                "nvidia.com", conf.get("spark.executor.resource.gpu.vendor").asText());
        assertEquals(
                "/opt/modsweep/bin/getGpusResources.sh",
                conf.get("spark.executor.resource.gpu.discoveryScript").asText());
        assertEquals("0.25", conf.get("spark.task.resource.gpu.amount").asText());
        assertEquals(
                "http://minio.minio:9000",
                conf.get("spark.hadoop.fs.s3a.endpoint").asText());
        assertEquals(
                "false", conf.get("spark.hadoop.fs.s3a.connection.ssl.enabled").asText());
        assertEquals("200", conf.get("spark.hadoop.fs.s3a.connection.maximum").asText());
        assertTrue(chart.one(ConfigMap.class, FULL + "-hadoop-conf")
                .getData()
                .get("core-site.xml")
                .contains("<name>fs.s3a.connection.maximum</name><value>200</value>"));
        assertEquals(
                "modsweep-s3:AWS_SECRET_ACCESS_KEY",
                conf.get("spark.kubernetes.executor.secretKeyRef.AWS_SECRET_ACCESS_KEY")
                        .asText());
        assertEquals(
                "s3a://modsweep/results/spark-events",
                conf.get("spark.eventLog.dir").asText());
        conf.fields().forEachRemaining(e -> assertTrue(e.getValue().isTextual(), "sparkConf values are strings: " + e));

        // the executor pod template holds the placement and the GPU limit too, not only the operator's gpu field
        JsonNode template = spec.get("executor").get("template").get("spec");
        assertEquals(
                "nvidia.com/gpu", template.get("tolerations").get(0).get("key").asText());
        assertEquals(
                "true",
                template.get("nodeSelector").get("nvidia.com/gpu.present").asText());
        assertEquals(
                "1",
                template.get("containers")
                        .get(0)
                        .get("resources")
                        .get("limits")
                        .get("nvidia.com/gpu")
                        .asText());
        assertEquals(1, spec.get("executor").get("gpu").get("quantity").asInt());
        assertEquals(
                "sweep-driver",
                spec.get("driver")
                        .get("labels")
                        .get("app.kubernetes.io/component")
                        .asText());

        // both launchers give Spark the same properties
        Map<String, Object> asJob = new LinkedHashMap<>(sets);
        asJob.put("sweep.launcher", "job");
        Container submit =
                submitContainer(Chart.render(asJob, Repo.CHART.resolve("values-gpu.yaml")), SWEEP + "-submit");
        Map<String, String> sparkConf = new LinkedHashMap<>();
        conf.fields()
                .forEachRemaining(e -> sparkConf.put(e.getKey(), e.getValue().asText()));
        assertEquals(sparkConf, confs(submit.getArgs()));
    }

    @Test
    void jobArgumentsRunThroughSubmitSweepToTheSameSparkProperties(@TempDir Path dir) throws Exception {
        Map<String, Object> sets = Map.of(
                "sweep.launcher",
                "job",
                "store.s3.endpoint",
                "http://minio.minio:9000",
                "sweep.epochs",
                100,
                "sweep.extraArgs[0]",
                "--no-reduce");
        Chart chart = Chart.render(sets, Repo.CHART.resolve("values-gpu.yaml"));
        List<String> submitted = jobSubmitArgs(chart, SWEEP, dir);
        Map<String, String> conf = confs(submitted);
        assertEquals("org.modsweep.driver.SweepApp", submitted.get(submitted.indexOf("--class") + 1));
        int jar = submitted.indexOf("local:///opt/modsweep/modsweep-app.jar");
        assertEquals(
                List.of(
                        "--p",
                        "15,23,29,31,41,53",
                        "--configs",
                        "all",
                        "--store",
                        "s3a://modsweep/results",
                        "--epochs",
                        "100",
                        "--no-reduce"),
                submitted.subList(jar + 1, submitted.size()));
        assertEquals("1", conf.get("spark.executor.resource.gpu.amount"));
        assertEquals("0.25", conf.get("spark.task.resource.gpu.amount"));
        assertEquals("4", conf.get("spark.executor.instances"));
        assertEquals(SA, conf.get("spark.kubernetes.authenticate.driver.serviceAccountName"));
        assertEquals(SWEEP, conf.get("spark.kubernetes.driver.label.app.kubernetes.io/instance"));
        assertEquals(Chart.NAMESPACE, conf.get("spark.kubernetes.namespace"));

        // everything the SparkApplication would give Spark, the Job gives it too
        Map<String, Object> asApp = new LinkedHashMap<>(sets);
        asApp.put("sweep.launcher", "sparkApplication");
        JsonNode appConf = JSON.readTree(
                        Chart.SERIALIZATION.asJson(Chart.render(asApp, Repo.CHART.resolve("values-gpu.yaml"))
                                .custom("SparkApplication")
                                .get(0)))
                .get("spec")
                .get("sparkConf");
        appConf.fields().forEachRemaining(e -> assertEquals(e.getValue().asText(), conf.get(e.getKey()), e.getKey()));
    }

    @Test
    void attemptRenamesTheSweepSoThatAnUpgradeResumesIt() {
        Chart chart = Chart.render(Map.of(
                "sweep.attempt",
                2,
                "sweep.epochs",
                50,
                "sweep.mainClass",
                "org.modsweep.app.Modsweep",
                "sweep.appCommand",
                "sweep"));
        Container submit = submitContainer(chart, FULL + "-sweep-2-submit");
        Map<String, String> opts = options(submit.getArgs());
        assertEquals("50", opts.get("--epochs"));
        assertEquals("org.modsweep.app.Modsweep", opts.get("--main-class"));
        assertEquals("sweep", opts.get("--app-command"));
        assertEquals(
                FULL + "-sweep-2",
                chart.one(Service.class, FULL + "-spark-ui")
                        .getSpec()
                        .getSelector()
                        .get("app.kubernetes.io/instance"));
    }

    private static void assertVerbs(Role role, String resource, String... verbs) {
        List<String> granted = new ArrayList<>();
        for (PolicyRule rule : role.getRules()) {
            if (rule.getResources().contains(resource) && rule.getApiGroups().contains("")) {
                granted.addAll(rule.getVerbs());
            }
        }
        for (String verb : verbs) {
            assertTrue(granted.contains(verb), resource + " needs " + verb + ", granted " + granted);
        }
    }

    private static void assertSecretEnv(List<EnvVar> env, String name, String secret, String key) {
        EnvVar var =
                env.stream().filter(e -> e.getName().equals(name)).findFirst().orElseThrow();
        assertNull(var.getValue(), name + " must come from the Secret");
        assertEquals(secret, var.getValueFrom().getSecretKeyRef().getName());
        assertEquals(key, var.getValueFrom().getSecretKeyRef().getKey());
    }

    /** No container anywhere carries an S3 credential as a literal value or argument. */
    private static void assertNoLiteralCredentials(Chart chart) {
        String all = Chart.SERIALIZATION.asYaml(chart.objects());
        assertFalse(all.contains("fs.s3a.access.key") || all.contains("fs.s3a.secret.key"), "no keys in Hadoop conf");
        for (Deployment d : chart.all(Deployment.class)) {
            for (EnvVar e :
                    d.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()) {
                if (e.getName().startsWith("AWS_")) {
                    assertNotNull(e.getValueFrom(), e.getName());
                }
            }
        }
    }

    /** "--opt value" pairs of a submit-sweep.sh command line (repeatable --conf excluded). */
    static Map<String, String> options(List<String> args) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--")) {
                break;
            }
            if (a.startsWith("--")
                    && !a.equals("--conf")
                    && i + 1 < args.size()
                    && !args.get(i + 1).startsWith("--")) {
                m.put(a, args.get(++i));
            } else if (a.equals("--conf")) {
                i++;
            }
        }
        return m;
    }

    /** The container of the Job {@code job}: the one that runs spark-submit. */
    static Container submitContainer(Chart chart, String job) {
        return chart.one(Job.class, job)
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0);
    }

    /**
     * The spark-submit arguments the chart's Job gives: its submit-sweep.sh arguments, run with the pod templates of
     * its ConfigMap written into {@code dir} where the arguments point.
     */
    static List<String> jobSubmitArgs(Chart chart, String sweep, Path dir) throws Exception {
        Container submit = submitContainer(chart, sweep + "-submit");
        ConfigMap templates = chart.one(ConfigMap.class, sweep + "-pod-templates");
        List<String> args = new ArrayList<>();
        for (String a : submit.getArgs()) {
            if (a.startsWith("/etc/modsweep/pod-templates/")) {
                Path f = dir.resolve(a.substring(a.lastIndexOf('/') + 1));
                Files.writeString(f, templates.getData().get(f.getFileName().toString()));
                a = f.toString();
            }
            args.add(a);
        }
        return GpuExecutorPodsIT.sparkSubmitArgs(dir, args);
    }

    static Map<String, String> confs(List<String> args) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.size(); i++) {
            if (args.get(i).equals("--conf")) {
                String kv = args.get(++i);
                m.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
            }
        }
        return m;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
