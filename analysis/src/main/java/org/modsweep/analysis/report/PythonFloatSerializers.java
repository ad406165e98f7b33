package org.modsweep.analysis.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import org.modsweep.core.config.PythonFloats;

/**
 * Every double and float (boxed, or in a primitive array) as Python's {@code repr}: 1e-05, 0.1, 1e+16. A number that
 * is not finite is written as null, so every file stays strict JSON.
 */
final class PythonFloatSerializers {

    private PythonFloatSerializers() {}

    static SimpleModule module() {
        SimpleModule m = new SimpleModule("python-floats");
        StdSerializer<Double> boxed = new StdSerializer<>(Double.class) {
            @Override
            public void serialize(Double v, JsonGenerator g, SerializerProvider p) throws IOException {
                write(g, v);
            }
        };
        StdSerializer<Float> boxedFloat = new StdSerializer<>(Float.class) {
            @Override
            public void serialize(Float v, JsonGenerator g, SerializerProvider p) throws IOException {
                write(g, v); // widened: a float32 value prints as the double it is (0.10000000149011612)
            }
        };
        m.addSerializer(Double.class, boxed);
        m.addSerializer(double.class, boxed);
        m.addSerializer(Float.class, boxedFloat);
        m.addSerializer(float.class, boxedFloat);
        StdSerializer<double[]> array = new StdSerializer<>(double[].class) {
            @Override
            public void serialize(double[] v, JsonGenerator g, SerializerProvider p) throws IOException {
                g.writeStartArray(v, v.length);
                for (double d : v) {
                    write(g, d);
                }
                g.writeEndArray();
            }
        };
        m.addSerializer(double[].class, array);
        m.addSerializer(float[].class, new StdSerializer<>(float[].class) {
            @Override
            public void serialize(float[] v, JsonGenerator g, SerializerProvider p) throws IOException {
                double[] widened = new double[v.length];
                for (int i = 0; i < v.length; i++) {
                    widened[i] = v[i];
                }
                array.serialize(widened, g, p);
            }
        });
        return m;
    }

    private static void write(JsonGenerator g, double d) throws IOException {
        if (Double.isFinite(d)) {
            g.writeNumber(PythonFloats.repr(d));
        } else {
            g.writeNull();
        }
    }
}
