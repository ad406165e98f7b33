package org.modsweep.worker.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import java.nio.ByteOrder;

/**
 * Reads a float32 tensor into a Java array. {@code toFloatArray()} copies through a freshly allocated direct buffer
 * (tens of µs even for six floats, a large share of a small epoch); on the CPU this copies straight out of the
 * tensor's memory instead.
 */
public final class HostRead {

    private HostRead() {}

    public static float[] floats(NDArray a) {
        if (!Device.cpu().equals(a.getDevice())) {
            return a.toFloatArray();
        }
        float[] out = new float[Math.toIntExact(a.size())];
        a.toByteBuffer(true).order(ByteOrder.nativeOrder()).asFloatBuffer().get(0, out);
        return out;
    }
}
