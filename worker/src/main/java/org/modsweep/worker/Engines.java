package org.modsweep.worker;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import java.util.LinkedHashMap;
import java.util.Map;

/** The PyTorch engine: loading it, per-thread intra-op threads, and the versions a run records. */
public final class Engines {

    public static final String PYTORCH = "PyTorch";

    private Engines() {
    }

    public static Engine pytorch() {
        NativeRuntime.tune();
        return Engine.getEngine(PYTORCH);
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
