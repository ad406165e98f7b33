package org.modsweep.core.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The machine and native build a run was trained on (run.json's {@code platform}), recorded as Tribuo records its
 * host provenance. Bit-identical results hold only between runs whose CPU kernels agree: the CPU's FMA/AVX support
 * and the libtorch build (its BLAS and OpenMP) decide which kernels run.
 *
 * @param osName     os.name, e.g. Linux
 * @param osVersion  os.version (the kernel release on Linux)
 * @param arch       os.arch, e.g. amd64
 * @param cpuModel   /proc/cpuinfo "model name", or null where the system has none
 * @param cpuFlags   the SIMD flags of /proc/cpuinfo that choose float kernels (fma, avx2, avx512f, …), in order
 * @param cpus       processors available to the JVM
 * @param jvmVendor  java.vm.vendor
 * @param jvmVersion java.runtime.version (the full build, e.g. 17.0.15+6-Debian-1deb12u1)
 * @param libtorch   the native PyTorch library the engine loaded
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Platform(
        @JsonProperty("os_name") String osName,
        @JsonProperty("os_version") String osVersion,
        @JsonProperty("arch") String arch,
        @JsonProperty("cpu_model") String cpuModel,
        @JsonProperty("cpu_flags") List<String> cpuFlags,
        @JsonProperty("cpus") int cpus,
        @JsonProperty("jvm_vendor") String jvmVendor,
        @JsonProperty("jvm_version") String jvmVersion,
        @JsonProperty("libtorch") Libtorch libtorch) {

    /**
     * The libtorch build.
     *
     * @param version  libtorch's version, e.g. 2.7.1
     * @param flavor   cpu, or the CUDA flavour (e.g. cu124): PYTORCH_FLAVOR where set, else from the library folder
     * @param features what libtorch was built with and can use here, sorted: CUDA, CUDNN, MKL, MKLDNN, OPENMP
     * @param path     the folder the native library was loaded from
     */
    public record Libtorch(
            @JsonProperty("version") String version,
            @JsonProperty("flavor") String flavor,
            @JsonProperty("features") List<String> features,
            @JsonProperty("path") String path) {}
}
