package org.modsweep.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modsweep.core.Cell;
import org.modsweep.core.Json;
import org.modsweep.core.run.Platform;
import org.modsweep.core.store.ResultsStore;

/** run.json's platform: the machine, the JVM and the libtorch build a run was trained on. */
class PlatformsTest {

    @TempDir
    Path tmp;

    @Test
    void runJsonRecordsThePlatform() throws Exception {
        ResultsStore store = ResultsStore.open(tmp.resolve("store").toString());
        Cell cell = Cell.of(3, "standard");
        CellTrainer.train(store, cell, new TrainOptions(3, 1, "cpu", false), TrainingListener.NONE);
        JsonNode p = Json.MAPPER
                .readTree(store.readString(store.layout().runJson(cell)))
                .get("platform");
        assertEquals(System.getProperty("os.name"), p.get("os_name").asText());
        assertEquals(System.getProperty("os.version"), p.get("os_version").asText());
        assertEquals(System.getProperty("os.arch"), p.get("arch").asText());
        assertEquals(System.getProperty("java.vm.vendor"), p.get("jvm_vendor").asText());
        assertEquals(
                System.getProperty("java.runtime.version"), p.get("jvm_version").asText());
        assertEquals(Runtime.getRuntime().availableProcessors(), p.get("cpus").asInt());
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (Files.exists(cpuinfo)) {
            String model = Files.readAllLines(cpuinfo).stream()
                    .filter(l -> l.startsWith("model name"))
                    .findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .orElse(null);
            assertEquals(
                    model,
                    p.get("cpu_model").isNull() ? null : p.get("cpu_model").asText());
        }
        JsonNode lib = p.get("libtorch");
        assertEquals("2.7.1", lib.get("version").asText());
        String flavor = System.getenv("PYTORCH_FLAVOR");
        assertEquals(
                flavor == null || flavor.isBlank() ? "cpu" : flavor.trim(),
                lib.get("flavor").asText());
        assertTrue(
                lib.get("features").toString().contains("\"OPENMP\""), lib.toString()); // the bundled build's libgomp
        assertTrue(Files.isDirectory(Path.of(lib.get("path").asText())), lib.toString());
        assertEquals(Platforms.current(), store.readRun(cell).platform());
    }

    @Test
    void readsTheModelAndKernelFlagsOfCpuinfo() throws Exception {
        Path x86 = Files.writeString(
                tmp.resolve("x86"),
                "processor\t: 0\nmodel name\t: AMD EPYC 7B13\n"
                        + "flags\t\t: fpu sse4_2 avx fma avx2 avx512f\n\nprocessor\t: 1\nmodel name\t: AMD EPYC 7B13\n");
        Platform a = Platforms.read(x86);
        assertEquals("AMD EPYC 7B13", a.cpuModel());
        assertEquals(List.of("sse4_2", "avx", "fma", "avx2", "avx512f"), a.cpuFlags());
        Path arm = Files.writeString(
                tmp.resolve("arm"),
                "processor\t: 0\nBogoMIPS\t: 50.00\n"
                        + "Features\t: fp asimd evtstrm aes sve\nCPU implementer\t: 0x41\n");
        Platform b = Platforms.read(arm);
        assertNull(b.cpuModel());
        assertEquals(List.of("asimd", "sve"), b.cpuFlags());
        assertNull(Platforms.read(tmp.resolve("absent")).cpuModel());
    }

    @Test
    void flavorFromTheEnvironmentElseTheCacheFolder() {
        assertEquals("cu124", Platforms.flavor("cu124", "/opt/libtorch/lib", List.of("CUDA")));
        assertEquals("cpu", Platforms.flavor(null, "/root/.djl.ai/pytorch/2.7.1-cpu-linux-x86_64", List.of()));
        assertEquals("cu128", Platforms.flavor("", "/cache/pytorch/2.7.1-cu128-linux-x86_64", List.of("CUDA")));
        assertEquals("cuda", Platforms.flavor(null, "/opt/libtorch/lib", List.of("CUDA", "CUDNN")));
        assertEquals("cpu", Platforms.flavor(null, "/opt/libtorch/lib", List.of("MKL", "OPENMP")));
    }
}
