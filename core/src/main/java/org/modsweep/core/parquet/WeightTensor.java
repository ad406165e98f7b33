package org.modsweep.core.parquet;

import java.util.Objects;

/** A float32 matrix stored row-major, named as in the reference's state dict ({@code W_in}, {@code W_out}). */
public record WeightTensor(String name, int rows, int cols, float[] values) {

    public static final String W_IN = "W_in";
    public static final String W_OUT = "W_out";

    public WeightTensor {
        Objects.requireNonNull(name, "name");
        if (values.length != (long) rows * cols) {
            throw new IllegalArgumentException(
                    name + ": " + values.length + " values for shape [" + rows + ", " + cols + "]");
        }
    }

    public float get(int r, int c) {
        return values[r * cols + c];
    }
}
