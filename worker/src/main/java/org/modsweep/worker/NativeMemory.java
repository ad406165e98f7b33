package org.modsweep.worker;

import com.sun.jna.Library;
import com.sun.jna.Native;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Keeps libtorch's per-epoch temporaries (a few MB at p = 23) in the malloc arenas instead of returning them to the
 * kernel at every free: glibc's default trim threshold hands the freed top of the heap back each epoch, and the next
 * epoch page-faults it in again (hundreds of faults per epoch, about a third of the epoch's time on one core).
 * Raises glibc's trim threshold and pins its mmap threshold through {@code mallopt}; a no-op elsewhere (musl, macOS)
 * or with {@code -Dmodsweep.mallopt=false}.
 */
final class NativeMemory {

    private static final Logger LOG = LogManager.getLogger(NativeMemory.class);
    private static final int M_TRIM_THRESHOLD = -1;
    private static final int M_MMAP_THRESHOLD = -3;
    /** glibc's ceiling for M_MMAP_THRESHOLD on 64-bit (HEAP_MAX_SIZE / 2). */
    private static final int MMAP_THRESHOLD = 32 << 20;
    private static final int TRIM_THRESHOLD = 512 << 20;
    private static volatile boolean done;

    private NativeMemory() {
    }

    private interface LibC extends Library {
        int mallopt(int param, int value);
    }

    static synchronized void tune() {
        if (done) {
            return;
        }
        done = true;
        if (!Boolean.parseBoolean(System.getProperty("modsweep.mallopt", "true"))
                || !System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            return;
        }
        try {
            LibC c = Native.load("c", LibC.class);
            int mmap = c.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD);
            int trim = c.mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD);
            LOG.debug("mallopt mmap_threshold={} ({}), trim_threshold={} ({})", MMAP_THRESHOLD, mmap, TRIM_THRESHOLD,
                    trim);
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            LOG.debug("mallopt not available: {}", e.toString());
        }
    }
}
