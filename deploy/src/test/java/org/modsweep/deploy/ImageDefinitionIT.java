package org.modsweep.deploy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image cannot be built here (no Docker engine, no GPU): these checks tie deploy/Dockerfile to the versions the
 * build uses and to the paths the scripts and the chart rely on, and the example SparkApplication to the chart.
 */
class ImageDefinitionIT {

    private static final Pattern COPY = Pattern.compile("^COPY (?!--from)(.+) (\\S+)$", Pattern.MULTILINE);

    @Test
    void imageMatchesTheBuildsSparkHadoopAwsSdkAndPyTorchVersions() throws Exception {
        String dockerfile = Repo.read(Repo.DEPLOY.resolve("Dockerfile"));
        String pom = Repo.read(Repo.ROOT.resolve("pom.xml"));
        assertTrue(
                dockerfile.contains("ARG SPARK_IMAGE=apache/spark:" + property(pom, "spark.version") + "-scala"
                        + property(pom, "scala.binary.version") + "-java17-ubuntu"),
                "base image = the build's Spark");
        assertEquals(property(pom, "hadoop.version"), arg(dockerfile, "HADOOP_VERSION"), "hadoop-aws = Spark's Hadoop");
        assertEquals(property(pom, "awssdk.version"), arg(dockerfile, "AWS_SDK_VERSION"));
        assertEquals(property(pom, "pytorch.version"), arg(dockerfile, "PYTORCH_VERSION"));
        assertEquals(property(pom, "pytorch.version"), env(dockerfile, "PYTORCH_VERSION"));
        assertEquals("true", env(dockerfile, "DJL_OFFLINE"));
        assertEquals("/opt/libtorch/lib", env(dockerfile, "PYTORCH_LIBRARY_PATH"));
    }

    @Test
    void cudaFlavourIsOneDjlShipsTheJniGlueFor() throws Exception {
        String dockerfile = Repo.read(Repo.DEPLOY.resolve("Dockerfile"));
        String flavour = env(dockerfile, "PYTORCH_FLAVOR");
        assertEquals(flavour, arg(dockerfile, "CUDA_FLAVOR"), "libtorch download and DJL flavour agree");
        String jni = "jnilib/linux-x86_64/" + flavour + "/libdjl_torch.so";
        assertNotNull(getClass().getClassLoader().getResource(jni), "pytorch-jni has no " + jni);
        assertTrue(
                dockerfile.contains("stage-app.sh /stage/in/modsweep-app.jar /stage/in/lib /opt/spark/jars /stage/out "
                        + flavour + "\n"),
                "the image stages the JNI library of its flavour");
    }

    @Test
    void stagingKeepsOneVersionOfEachJarAndPlacesTheCudaJni(@TempDir Path dir) throws Exception {
        // Spark's jars folder and the app's lib/ folder, built from real jar names on this module's classpath
        Path sparkJars = Files.createDirectories(dir.resolve("spark-jars"));
        Path appLib = Files.createDirectories(dir.resolve("lib"));
        List<Path> classpath = Arrays.stream(
                        System.getProperty("java.class.path").split(File.pathSeparator))
                .map(Path::of)
                .filter(p -> p.toString().endsWith(".jar"))
                .toList();
        for (Path jar : classpath) {
            String name = jar.getFileName().toString();
            if (name.matches("(spark-|scala-|jackson-|hadoop-client-|netty-|log4j-).*")) {
                Files.createSymbolicLink(sparkJars.resolve(name), jar);
                Files.createSymbolicLink(appLib.resolve(name), jar);
            } else if (name.matches("(pytorch-jni-|kubernetes-client-api-|commons-lang3-).*")) {
                Files.createSymbolicLink(appLib.resolve(name), jar);
            }
        }
        Files.writeString(appLib.resolve("jackson-databind-2.17.0.jar"), "another version of a jar Spark ships");
        Files.writeString(appLib.resolve("pytorch-native-cpu-2.7.1-linux-x86_64.jar"), "DJL's CPU libtorch");
        Path appJar = Files.writeString(dir.resolve("modsweep-app.jar"), "the application");
        Path out = dir.resolve("out");

        Repo.Run run = Repo.stageApp(appJar, appLib, sparkJars, out, "cu128", 60);
        assertEquals(0, run.exitCode(), run.output());

        Set<String> staged;
        try (Stream<Path> files = Files.list(out.resolve("modsweep/lib"))) {
            staged = files.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
        assertTrue(staged.stream().anyMatch(n -> n.startsWith("pytorch-jni-")), staged.toString());
        assertTrue(staged.stream().anyMatch(n -> n.startsWith("kubernetes-client-api-")), staged.toString());
        assertTrue(
                staged.stream().noneMatch(n -> n.matches("(spark-|scala-|jackson-|hadoop-client-|netty-|log4j-).*")),
                "Spark's copy wins, whatever the version: " + staged);
        assertFalse(staged.contains("pytorch-native-cpu-2.7.1-linux-x86_64.jar"), "the CUDA libtorch replaces it");
        assertEquals("the application", Files.readString(out.resolve("modsweep/modsweep-app.jar")));

        Path jni = out.resolve("jni/0.36.0-libdjl_torch.so");
        assertTrue(Files.size(jni) > 1_000_000, "the CUDA JNI library, named as DJL looks for it");
        byte[] head = Arrays.copyOf(Files.readAllBytes(jni), 4);
        assertArrayEquals(new byte[] {0x7f, 'E', 'L', 'F'}, head);

        Repo.Run wrongFlavour = Repo.stageApp(appJar, appLib, sparkJars, dir.resolve("out2"), "cu999", 60);
        assertEquals(1, wrongFlavour.exitCode(), wrongFlavour.output());
        assertTrue(wrongFlavour.output().contains("no JNI library for flavour cu999"), wrongFlavour.output());
    }

    @Test
    void everyCopiedFileExistsOrIsMadeByTheAppBuildAndPassesTheDockerignore() throws Exception {
        String dockerfile = Repo.read(Repo.DEPLOY.resolve("Dockerfile"));
        String ignore = Repo.read(Repo.DEPLOY.resolve("Dockerfile.dockerignore"));
        String appPom = Repo.read(Repo.ROOT.resolve("app/pom.xml"));
        assertTrue(
                appPom.contains("<finalName>modsweep-app</finalName>")
                        && appPom.contains("${project.build.directory}/lib"),
                "app/target/modsweep-app.jar and app/target/lib/ are what the app module packages");
        Matcher m = COPY.matcher(dockerfile);
        int copies = 0;
        while (m.find()) {
            for (String source : m.group(1).trim().split("\\s+")) {
                copies++;
                if (!source.startsWith("app/target/")) {
                    assertTrue(Files.exists(Repo.ROOT.resolve(source)), "COPY source missing: " + source);
                }
                String dir = source.endsWith("/") ? source : source.substring(0, source.lastIndexOf('/') + 1);
                assertTrue(
                        ignore.contains("!" + source) || ignore.contains("!" + dir),
                        source + " excluded by the dockerignore");
            }
        }
        assertTrue(copies >= 6, "found the COPY lines");
        // the paths the scripts, the pod templates and the chart use inside the image
        for (String inImage : List.of("/opt/modsweep/bin/", "/opt/modsweep/pod-templates/", "/opt/modsweep/")) {
            assertTrue(dockerfile.contains(" " + inImage), inImage);
        }
        assertTrue(Files.isExecutable(Repo.DEPLOY.resolve("bin/getGpusResources.sh")));
    }

    @Test
    void exampleSparkApplicationIsWhatTheChartRendersForGpuValues() throws Exception {
        ObjectMapper json = new ObjectMapper();
        GenericKubernetesResource example = Chart.SERIALIZATION.unmarshal(
                Files.newInputStream(Repo.DEPLOY.resolve("sparkapplication.yaml")), GenericKubernetesResource.class);
        Chart chart = Chart.render(
                Map.of("sweep.launcher", "sparkApplication", "fullnameOverride", "modsweep"),
                Repo.CHART.resolve("values-gpu.yaml"));
        GenericKubernetesResource rendered = chart.custom("SparkApplication").get(0);
        assertEquals(rendered.getApiVersion(), example.getApiVersion());
        assertEquals(rendered.getMetadata().getName(), example.getMetadata().getName());
        JsonNode exampleSpec =
                json.readTree(Chart.SERIALIZATION.asJson(example)).get("spec");
        JsonNode renderedSpec =
                json.readTree(Chart.SERIALIZATION.asJson(rendered)).get("spec");
        assertEquals(renderedSpec, exampleSpec, "deploy/sparkapplication.yaml drifted from the chart; re-render it");
        assertEquals(
                "1",
                exampleSpec
                        .get("sparkConf")
                        .get("spark.executor.resource.gpu.amount")
                        .asText());
        assertEquals(
                "nvidia.com/gpu",
                exampleSpec
                        .get("executor")
                        .get("template")
                        .get("spec")
                        .get("tolerations")
                        .get(0)
                        .get("key")
                        .asText());
    }

    private static String property(String pom, String name) {
        Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(pom);
        assertTrue(m.find(), name + " in the parent pom");
        return m.group(1);
    }

    private static String arg(String dockerfile, String name) {
        Matcher m =
                Pattern.compile("^ARG " + name + "=(\\S+)$", Pattern.MULTILINE).matcher(dockerfile);
        assertTrue(m.find(), "ARG " + name);
        return m.group(1);
    }

    /** The value of NAME=VALUE in the final image's ENV instructions. */
    private static String env(String dockerfile, String name) {
        String envs = dockerfile.substring(dockerfile.indexOf("\nENV "));
        Matcher m = Pattern.compile("\\b" + name + "=(\\S+)").matcher(envs);
        assertTrue(m.find(), "ENV " + name);
        return m.group(1);
    }
}
