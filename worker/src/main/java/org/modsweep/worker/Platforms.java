package org.modsweep.worker;

import ai.djl.pytorch.jni.JniUtils;
import ai.djl.pytorch.jni.LibUtils;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.modsweep.core.run.Platform;

/** This process's {@link Platform}: read once, since neither the machine nor the loaded libtorch changes. */
public final class Platforms {

    /** The /proc/cpuinfo flags that decide which float kernels libtorch and its BLAS pick. */
    private static final List<String> KERNEL_FLAGS =
            List.of("sse4_2", "avx", "fma", "avx2", "avx512f", "avx512_bf16", "amx_tile", "asimd", "sve");
    /** DJL's cache folder for a downloaded or bundled libtorch: VERSION-FLAVOR-OS-ARCH, e.g. 2.7.1-cpu-linux-x86_64. */
    private static final Pattern CACHE_FOLDER = Pattern.compile("\\d+(?:\\.\\d+)*-([a-z0-9]+)-[a-z]+-[a-z0-9_]+");

    private static Platform current;

    private Platforms() {}

    public static synchronized Platform current() {
        if (current == null) {
            current = read(Path.of("/proc/cpuinfo"));
        }
        return current;
    }

    static Platform read(Path cpuinfo) {
        List<String> info = cpuinfo(cpuinfo);
        String model = field(info, "model name");
        String flags = field(info, "flags");
        if (flags == null) {
            flags = field(info, "Features"); // arm64 names them so
        }
        Set<String> have = flags == null ? Set.of() : Set.of(flags.trim().split("\\s+"));
        return new Platform(
                System.getProperty("os.name"),
                System.getProperty("os.version"),
                System.getProperty("os.arch"),
                model,
                KERNEL_FLAGS.stream().filter(have::contains).toList(),
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.vendor"),
                System.getProperty("java.runtime.version"),
                libtorch());
    }

    /** The loaded libtorch; loads it (through {@link Engines#pytorch()}) if nothing has yet. */
    static Platform.Libtorch libtorch() {
        Engines.pytorch();
        String path = LibUtils.getLibtorchPath();
        List<String> features = JniUtils.getFeatures().stream().sorted().toList();
        return new Platform.Libtorch(
                LibUtils.getVersion(), flavor(System.getenv("PYTORCH_FLAVOR"), path, features), features, path);
    }

    /** PYTORCH_FLAVOR where the environment chose the build, else DJL's cache folder name, else cpu or cuda. */
    static String flavor(String env, String path, List<String> features) {
        if (env != null && !env.isBlank()) {
            return env.trim();
        }
        if (path != null) {
            Path name = Path.of(path).getFileName();
            Matcher m = CACHE_FOLDER.matcher(name == null ? "" : name.toString());
            if (m.matches()) {
                return m.group(1);
            }
        }
        return features.contains("CUDA") ? "cuda" : "cpu";
    }

    private static List<String> cpuinfo(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException | RuntimeException e) {
            return List.of(); // not Linux: the model stays unknown
        }
    }

    private static String field(List<String> lines, String name) {
        for (String l : lines) {
            int colon = l.indexOf(':');
            if (colon > 0
                    && l.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return l.substring(colon + 1).trim();
            }
        }
        return null;
    }
}
