package org.modsweep.core.parquet;

import java.util.function.IntConsumer;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;

/** Small helpers for writing one field through Parquet's record-consumer protocol. */
final class ParquetFields {

    private ParquetFields() {}

    static void intField(RecordConsumer rc, String name, int index, int v) {
        rc.startField(name, index);
        rc.addInteger(v);
        rc.endField(name, index);
    }

    static void longField(RecordConsumer rc, String name, int index, long v) {
        rc.startField(name, index);
        rc.addLong(v);
        rc.endField(name, index);
    }

    static void doubleField(RecordConsumer rc, String name, int index, double v) {
        rc.startField(name, index);
        rc.addDouble(v);
        rc.endField(name, index);
    }

    static void booleanField(RecordConsumer rc, String name, int index, boolean v) {
        rc.startField(name, index);
        rc.addBoolean(v);
        rc.endField(name, index);
    }

    static void stringField(RecordConsumer rc, String name, int index, String v) {
        rc.startField(name, index);
        rc.addBinary(Binary.fromString(v));
        rc.endField(name, index);
    }

    /** A standard three-level LIST (group (LIST) { repeated group list { element } }) of int32. */
    static void intList(RecordConsumer rc, String name, int index, int[] values) {
        list(rc, name, index, values.length, i -> rc.addInteger(values[i]));
    }

    /** A standard three-level LIST of float32. */
    static void floatList(RecordConsumer rc, String name, int index, float[] values) {
        list(rc, name, index, values.length, i -> rc.addFloat(values[i]));
    }

    /** A standard three-level LIST of {@code size} elements, {@code element} adding the i-th one's value. */
    private static void list(RecordConsumer rc, String name, int index, int size, IntConsumer element) {
        rc.startField(name, index);
        rc.startGroup();
        if (size > 0) {
            rc.startField("list", 0);
            for (int i = 0; i < size; i++) {
                rc.startGroup();
                rc.startField("element", 0);
                element.accept(i);
                rc.endField("element", 0);
                rc.endGroup();
            }
            rc.endField("list", 0);
        }
        rc.endGroup();
        rc.endField(name, index);
    }
}
