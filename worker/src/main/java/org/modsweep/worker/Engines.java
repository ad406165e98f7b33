package org.modsweep.worker;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one way to the PyTorch engine: every use (a device lookup, a manager, the generator, the thread count) goes
 * through {@link #pytorch()}, which makes the process settings of {@link NativeRuntime} before libtorch loads —
 * libgomp reads {@code OMP_WAIT_POLICY} once, when it is loaded, so a setting made later has no effect.
 */
public final class Engines {

    public static final String PYTORCH = "PyTorch";

    private Engines() {}

    public static Engine pytorch() {
        NativeRuntime.tune();
        return Engine.getEngine(PYTORCH);
    }

    /** A base manager on the device, from the engine {@link #pytorch()} returns. */
    public static NDManager newManager(Device device) {
        return pytorch().newBaseManager(device);
    }

    /**
     * torch.set_num_threads for the calling thread: with libtorch's OpenMP backend the thread count is a per-thread
     * setting, so each training thread sets its own.
     */
    public static void setThreads(int threads) {
        pytorch();
        if (JniUtils.getNumThreads() != threads) {
            JniUtils.setNumThreads(threads);
        }
    }

    /** modsweep, DJL, PyTorch and Java versions. */
    public static Map<String, String> versions() {
        Engine e = pytorch();
        Map<String, String> v = new LinkedHashMap<>();
        String own = Engines.class.getPackage().getImplementationVersion();
        v.put("modsweep", own == null ? "dev" : own);
        v.put("djl", Engine.getDjlVersion());
        v.put("pytorch", e.getVersion());
        v.put("java", System.getProperty("java.version"));
        return v;
    }
}
