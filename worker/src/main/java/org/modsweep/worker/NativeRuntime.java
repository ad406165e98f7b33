package org.modsweep.worker;

import com.sun.jna.Library;
import com.sun.jna.Native;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Two process settings for libtorch on Linux, made once before the engine loads (both are read by native code, so
 * they must precede libtorch's first use; {@code -Dmodsweep.native-tuning=false} leaves both alone):
 * <ul>
 *   <li>glibc {@code mallopt}: a high trim threshold (and a pinned mmap threshold) keeps the per-epoch temporaries
 *       (a few MB at p = 23) in the malloc arenas. With the defaults the freed top of the heap goes back to the
 *       kernel at every epoch and is page-faulted in again, hundreds of faults per epoch, about a third of an
 *       epoch's time on one core.</li>
 *   <li>{@code OMP_WAIT_POLICY=PASSIVE} unless the environment sets it: with {@code --threads} &gt; 1 libtorch's
 *       OpenMP threads meet at a barrier after every kernel; spinning there on a machine whose cores are shared
 *       (Spark executors, CI) made epochs 20–40× slower than sleeping.</li>
 * </ul>
 */
final class NativeRuntime {

    private static final Logger LOG = LogManager.getLogger(NativeRuntime.class);
    private static final int M_TRIM_THRESHOLD = -1;
    private static final int M_MMAP_THRESHOLD = -3;
    /** glibc's ceiling for M_MMAP_THRESHOLD on 64-bit (HEAP_MAX_SIZE / 2). */
    private static final int MMAP_THRESHOLD = 32 << 20;

    private static final int TRIM_THRESHOLD = 512 << 20;
    private static boolean done;

    private NativeRuntime() {}

    private interface LibC extends Library {
        int mallopt(int param, int value);

        int setenv(String name, String value, int overwrite);
    }

    static synchronized void tune() {
        if (done) {
            return;
        }
        done = true;
        if (!Boolean.parseBoolean(System.getProperty("modsweep.native-tuning", "true"))
                || !System.getProperty("os.name", "")
                        .toLowerCase(java.util.Locale.ROOT)
                        .contains("linux")) {
            return;
        }
        try {
            LibC c = Native.load("c", LibC.class);
            int mmap = c.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD);
            int trim = c.mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD);
            if (System.getenv("OMP_WAIT_POLICY") == null) {
                c.setenv("OMP_WAIT_POLICY", "PASSIVE", 0);
            }
            LOG.debug(
                    "mallopt mmap_threshold {} ({}), trim_threshold {} ({}); OMP_WAIT_POLICY {}",
                    MMAP_THRESHOLD,
                    mmap,
                    TRIM_THRESHOLD,
                    trim,
                    System.getenv("OMP_WAIT_POLICY") == null ? "PASSIVE" : "from env");
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            LOG.debug("native tuning not available: {}", e.toString());
        }
    }
}
