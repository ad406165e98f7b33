package org.modsweep.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The native settings are in force when libtorch is first loaded through a device lookup ({@code --device gpu:N}
 * asks the engine for its GPU count before anything else touches it). Run in a fresh JVM, where nothing has
 * loaded the engine yet, with libgomp asked to print its settings as it loads ({@code OMP_DISPLAY_ENV=VERBOSE}):
 * {@code GOMP_SPINCOUNT = '0'} is what OMP_WAIT_POLICY=PASSIVE gives; had libgomp loaded before the setting was
 * made it would print its default spin count (300000).
 */
class NativeSettingsIT {

    @TempDir
    Path tmp;

    /** The child JVM: its first engine use is the device lookup. */
    public static final class FirstUseByDevice {
        public static void main(String[] args) {
            try {
                System.out.println("device " + Devices.parse(args[0]));
            } catch (IllegalArgumentException e) { // no GPU here: the engine was loaded to count them
                System.out.println("refused: " + e.getMessage());
            }
        }
    }

    @Test
    void waitPolicyIsSetBeforeLibtorchLoadsForAGpuDevice() throws Exception {
        Path log = tmp.resolve("child.log");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("-Dai.djl")) {
                cmd.add(a);
            }
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), FirstUseByDevice.class.getName(), "gpu:0"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().remove("OMP_WAIT_POLICY");
        pb.environment().remove("GOMP_SPINCOUNT");
        pb.environment().put("OMP_DISPLAY_ENV", "VERBOSE");
        Process child = pb.start();
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), "child JVM did not finish");
        String out = Files.readString(log);
        assertEquals(0, child.exitValue(), out);
        assertTrue(out.contains("device gpu(0)") || out.contains("refused: device gpu:0 requested"), out);
        assertTrue(out.contains("OPENMP DISPLAY ENVIRONMENT BEGIN"), "libgomp was not loaded: " + out);
        assertTrue(out.contains("GOMP_SPINCOUNT = '0'"), out);
    }
}
