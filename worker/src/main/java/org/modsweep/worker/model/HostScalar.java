package org.modsweep.worker.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * A float32 scalar tensor whose value the host changes between kernel calls (a learning rate, a bias correction).
 * A fresh scalar operand per call costs an allocation and several engine calls; this one is created once, and on
 * the CPU its value is written straight into the tensor's memory through a view of it (no engine call at all),
 * elsewhere copied in. The kernels see exactly the float32 value a scalar operand would carry.
 */
public final class HostScalar {

    private final NDArray tensor;
    private final FloatBuffer view;
    private int bits;

    public HostScalar(NDManager manager, float initial) {
        tensor = manager.create(initial);
        bits = Float.floatToRawIntBits(initial);
        view = Device.cpu().equals(tensor.getDevice())
                ? tensor.toByteBuffer(true).order(ByteOrder.nativeOrder()).asFloatBuffer()
                : null;
    }

    /** Sets the value and returns the tensor, to be used as an operand right away. */
    public NDArray of(float value) {
        int b = Float.floatToRawIntBits(value);
        if (b != bits) {
            if (view != null) {
                view.put(0, value);
            } else {
                tensor.set(new float[] {value});
            }
            bits = b;
        }
        return tensor;
    }
}
