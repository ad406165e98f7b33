package org.modsweep.worker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

/** The PyTorch native library comes from Maven Central and loads with DJL's offline switch on. */
class EngineOfflineTest {

    @Test
    void nativeLibraryLoadsOffline() {
        assertEquals("true", System.getProperty("ai.djl.offline"), "surefire must run with -Dai.djl.offline=true");
        assertEquals("PyTorch", Engines.pytorch().getEngineName());
        assertEquals("2.7.1", Engines.pytorch().getVersion());
        try (NDManager m = Engines.newManager(Device.cpu())) {
            assertArrayEquals(
                    new float[] {5, 11},
                    m.create(new float[] {1, 2, 3, 4}, new ai.djl.ndarray.types.Shape(2, 2))
                            .matMul(m.create(new float[] {1, 2}, new ai.djl.ndarray.types.Shape(2, 1)))
                            .toFloatArray());
        }
    }
}
