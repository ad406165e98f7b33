package org.modsweep.worker;

import java.lang.management.ManagementFactory;
import org.modsweep.core.Modulus;

/**
 * Whether one training of modulus p fits: the full-batch activations dominate (about six float32 [p², d_mlp]
 * tensors alive at once: pre-activation, a gather temporary, post-activation, and their gradients), plus the
 * parameters, gradient and AdamW moments ([2, p, d_mlp] each).
 */
public final class MemoryEstimate {

    private MemoryEstimate() {}

    public static long bytes(Modulus p) {
        return bytes(p.p(), p.dMlp());
    }

    /** The estimate for modulus p at hidden width dMlp (a d_mlp override, grids.md §1). */
    public static long bytes(int p, int dMlp) {
        long n = (long) p * p;
        long m = dMlp;
        return 4L * (6L * n * m + 12L * p * m + 8L * n * p) + (64L << 20);
    }

    /** Physical memory of this machine (the native tensors live outside the Java heap). */
    public static long limitBytes() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getTotalMemorySize();
        }
        return Long.MAX_VALUE;
    }

    /** Throws an IllegalArgumentException stating the estimate and the limit when p does not fit. */
    public static void check(Modulus p) {
        check(p.p(), p.dMlp());
    }

    /** As {@link #check(Modulus)} at an explicit hidden width. */
    public static void check(int p, int dMlp) {
        long need = bytes(p, dMlp);
        long limit = limitBytes();
        if (need > limit) {
            throw new IllegalArgumentException(String.format(
                    "p=%d does not fit in memory: one training needs about %.1f GB (d_mlp=%d, %d pairs), "
                            + "this machine has %.1f GB",
                    p, need / 1e9, dMlp, (long) p * p, limit / 1e9));
        }
    }
}
