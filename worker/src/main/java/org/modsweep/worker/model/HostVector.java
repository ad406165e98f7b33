package org.modsweep.worker.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * {@link HostScalar} for one float32 value per lane: a [K, 1] tensor that broadcasts lane k's value over row k of a
 * [K, n] tensor. On the CPU its values are written straight into its memory; on a GPU copied in (K floats per step).
 */
public final class HostVector {

    private final NDArray tensor;
    private final FloatBuffer view;

    public HostVector(NDManager manager, int lanes) {
        tensor = manager.zeros(new Shape(lanes, 1));
        view = Device.cpu().equals(tensor.getDevice())
                ? tensor.toByteBuffer(true).order(ByteOrder.nativeOrder()).asFloatBuffer()
                : null;
    }

    /** Sets the lanes' values and returns the tensor, to be used as an operand right away. */
    public NDArray of(float[] values) {
        if (view != null) {
            view.put(0, values);
        } else {
            tensor.set(values);
        }
        return tensor;
    }
}
