package org.modsweep.analysis.report;

import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * JSON text exactly as Python's {@code json.dump} writes it, through Jackson: the spacing of {@link PythonJsonLayout}
 * (compact, or indent 2), floats as Python's repr ({@link PythonFloatSerializers}; non-finite as null), ints as ints,
 * non-ASCII escaped as \\uxxxx ({@link PythonJsonEscapes}, ensure_ascii). Map entries keep their iteration order.
 */
public final class PyJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder(new JsonFactoryBuilder()
                    .characterEscapes(new PythonJsonEscapes())
                    .build())
            .addModule(PythonFloatSerializers.module())
            .build();
    private static final ObjectWriter COMPACT = MAPPER.writer(new PythonJsonLayout(-1));
    private static final ObjectWriter INDENTED = MAPPER.writer(new PythonJsonLayout(2));

    private PyJson() {}

    /** {@code json.dumps(value)}. */
    public static String compact(Object value) {
        return write(COMPACT, value);
    }

    /** {@code json.dumps(value, indent=2)}. */
    public static String indented(Object value) {
        return write(INDENTED, value);
    }

    private static String write(ObjectWriter writer, Object value) {
        try {
            return writer.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "cannot write " + value.getClass().getName() + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Python's {@code round(x, 6)}: exact decimal value rounded half-even, then back to the nearest double. */
    public static double round(double x, int digits) {
        if (!Double.isFinite(x)) {
            return x;
        }
        return new java.math.BigDecimal(x)
                .setScale(digits, java.math.RoundingMode.HALF_EVEN)
                .doubleValue();
    }

    /** The double a float32 value widens to (reference values computed in float32 print this way). */
    public static double f32(double x) {
        return (float) x;
    }
}
