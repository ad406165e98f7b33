package org.modsweep.worker.init;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.modsweep.worker.Engines;

/**
 * The count of generator outputs the split's randperm skips, checked against the engine itself for any seed and any
 * tensor size a d_mlp override can give: after randn draws of the given sizes, the engine's next uniform must be the
 * MT19937 output at the predicted position ((out &amp; 2^24−1)·2^−24, torch's float uniform).
 */
class TorchDrawsTest {

    @Test
    void predictsTheEnginesStreamPositionAfterRandnDraws() {
        long[][] sequences = {
            {11776, 11776}, {2300, 2300}, {17, 33}, {15}, {3, 3}, {1, 1, 1}, {2, 2, 2}, {5, 16, 1}, {1, 20, 1}
        };
        for (long seed : new long[] {0, 1, 7, 42, 123456789L, 4294967295L}) {
            for (long[] sizes : sequences) {
                float engine = nextUniformAfter(seed, sizes);
                Mt19937 mt = new Mt19937(seed);
                mt.skip(TorchDraws.randn(sizes));
                float predicted = (float) ((mt.nextUnsigned() & 0xffffff) * 0x1p-24);
                assertEquals(predicted, engine, 0f, "seed " + seed + " sizes " + java.util.Arrays.toString(sizes));
            }
        }
    }

    private static float nextUniformAfter(long seed, long[] sizes) {
        SeedLock.LOCK.lock();
        try (NDManager m = Engines.newManager(Device.cpu())) {
            Engines.pytorch().setRandomSeed((int) seed);
            for (long n : sizes) {
                m.randomNormal(0, 1, new Shape(n), DataType.FLOAT32).close();
            }
            return m.randomUniform(0, 1, new Shape(1), DataType.FLOAT32).getFloat();
        } finally {
            SeedLock.LOCK.unlock();
        }
    }
}
