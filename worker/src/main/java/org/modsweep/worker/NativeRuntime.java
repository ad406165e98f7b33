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
 *       epoch's time on one core. A high top pad keeps the same for threads other than the process's first
 *       (every JVM thread, the JVM's main included): their arenas are 64 MB heaps, and glibc deletes a whole heap
 *       when its top is free, whatever the trim threshold, unless the top pad forbids it. Lanes at p = 23 (17 MB
 *       activations, more than one heap per epoch) page-faulted 4000 pages per epoch and ran 3.5× slower without
 *       it (measured 2026-12-05: 500k minor faults in 100 epochs of 16 lanes, 107k with it).</li>
 *   <li>{@code OMP_WAIT_POLICY=PASSIVE} unless the environment sets it: with {@code --threads} &gt; 1 libtorch's
 *       OpenMP threads meet at a barrier after every kernel; spinning there on a machine whose cores are shared
 *       (Spark executors, CI) made epochs 20–40× slower than sleeping.</li>
 * </ul>
 */
final class NativeRuntime {

    private static final Logger LOG = LogManager.getLogger(NativeRuntime.class);
    private static final int M_TRIM_THRESHOLD = -1;
    private static final int M_TOP_PAD = -2;
    private static final int M_MMAP_THRESHOLD = -3;
    /** glibc's ceiling for M_MMAP_THRESHOLD on 64-bit (HEAP_MAX_SIZE / 2). */
    private static final int MMAP_THRESHOLD = 32 << 20;

    private static final int TRIM_THRESHOLD = 512 << 20;
    /** A non-main arena's heap size (HEAP_MAX_SIZE on 64-bit): with this pad no heap is ever deleted. */
    private static final int TOP_PAD = 64 << 20;

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
            int pad = c.mallopt(M_TOP_PAD, TOP_PAD);
            if (System.getenv("OMP_WAIT_POLICY") == null) {
                c.setenv("OMP_WAIT_POLICY", "PASSIVE", 0);
            }
            LOG.debug(
                    "mallopt mmap_threshold {} ({}), trim_threshold {} ({}), top_pad {} ({}); OMP_WAIT_POLICY {}",
                    MMAP_THRESHOLD,
                    mmap,
                    TRIM_THRESHOLD,
                    trim,
                    TOP_PAD,
                    pad,
                    System.getenv("OMP_WAIT_POLICY") == null ? "PASSIVE" : "from env");
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            LOG.debug("native tuning not available: {}", e.toString());
        }
    }
}
