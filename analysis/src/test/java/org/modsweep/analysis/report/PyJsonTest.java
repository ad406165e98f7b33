package org.modsweep.analysis.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The report's JSON text is Python's {@code json.dump} text (outputs.md): these expectations are the files the
 * hand-written writer produced before the Jackson one replaced it, and what CPython 3 prints for the same document
 * (with None where a number is not finite: the report keeps every file strict JSON).
 */
class PyJsonTest {

    /** Nested maps and lists, every number form the report writes, escapes, empty containers. */
    static Map<String, Object> document() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("prime", 19);
        m.put("seed", 42L);
        m.put("floats", new double[] {1e-05, 0.1, 1e16, 1e15, 123456789.125, -0.0, 0.0, 2.0, -3.5e-7, 1.0 / 3});
        m.put("float32", new float[] {0.1f, 1.5f});
        m.put("boxed", Arrays.asList(0.30000000000000004, 2.5e-300, Double.MAX_VALUE, 0.0001, 7, null));
        m.put("not_finite", new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY});
        m.put("boxed_not_finite", Arrays.asList(Double.NaN, Float.POSITIVE_INFINITY));
        m.put("ints", new int[] {0, -1, 2147483647});
        m.put("pairs", List.of(new int[] {0, 0}, new int[] {1, 0}));
        m.put("matrix", new int[][] {{1, 2}, {}, {3}});
        m.put("rows", new double[][] {{0.5, 0.25}, {}});
        m.put("names", new String[] {"Const", "cos 1", "sin 1"});
        m.put("text", "caf\u00e9 \u2500\u2500 \"q\" back\\slash\ttab\nnew\rret\b\f\u0001 \ud83d\ude00 /");
        m.put("unicode_key_\u00e9", true);
        m.put("flag", false);
        m.put("nothing", null);
        m.put("empty_list", List.of());
        m.put("empty_map", Map.of());
        m.put("empty_array", new double[0]);
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("lr", 0.001);
        inner.put("weight_decay", 1e-4);
        inner.put("nested", List.of(Map.of("a", 1), List.of(List.of())));
        m.put("inner", inner);
        Map<Integer, Object> byP = new LinkedHashMap<>();
        byP.put(23, 1.5);
        m.put("by_p", byP);
        return m;
    }

    static final String COMPACT = "{\"prime\": 19, \"seed\": 42, \"floats\": [1e-05, 0.1, 1e+16, 1000000000000000.0, "
            + "123456789.125, -0.0, 0.0, 2.0, -3.5e-07, 0.3333333333333333], \"float32\": [0.10000000149011612, 1.5], "
            + "\"boxed\": [0.30000000000000004, 2.5e-300, 1.7976931348623157e+308, 0.0001, 7, null], "
            + "\"not_finite\": [null, null, null], \"boxed_not_finite\": [null, null], "
            + "\"ints\": [0, -1, 2147483647], \"pairs\": [[0, 0], [1, 0]], \"matrix\": [[1, 2], [], [3]], "
            + "\"rows\": [[0.5, 0.25], []], \"names\": [\"Const\", \"cos 1\", \"sin 1\"], "
            + "\"text\": \"caf\\u00e9 \\u2500\\u2500 \\\"q\\\" back\\\\slash\\ttab\\nnew\\rret\\b\\f\\u0001 "
            + "\\ud83d\\ude00 /\", \"unicode_key_\\u00e9\": true, \"flag\": false, \"nothing\": null, "
            + "\"empty_list\": [], \"empty_map\": {}, \"empty_array\": [], "
            + "\"inner\": {\"lr\": 0.001, \"weight_decay\": 0.0001, \"nested\": [{\"a\": 1}, [[]]]}, "
            + "\"by_p\": {\"23\": 1.5}}";

    @Test
    void compactIsPythonsJsonDumps() {
        assertEquals(COMPACT, PyJson.compact(document()));
    }

    @Test
    void indentedIsPythonsJsonDumpsWithIndentTwo() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("prime", 19);
        m.put("floats", new double[] {1e-05, Double.NaN});
        m.put("empty_list", new ArrayList<>());
        m.put("empty_map", new LinkedHashMap<>());
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("act_type", "quad");
        inner.put("matrix", new int[][] {{1}, {}});
        m.put("inner", inner);
        m.put("name", "\u00e9");
        String expected =
                """
                {
                  "prime": 19,
                  "floats": [
                    1e-05,
                    null
                  ],
                  "empty_list": [],
                  "empty_map": {},
                  "inner": {
                    "act_type": "quad",
                    "matrix": [
                      [
                        1
                      ],
                      []
                    ]
                  },
                  "name": "\\u00e9"
                }""";
        assertEquals(expected, PyJson.indented(m));
    }

    @Test
    void scalarsAtTheTop() {
        assertEquals("1e-05", PyJson.compact(1e-05));
        assertEquals("null", PyJson.compact(Double.NaN));
        assertEquals("\"\\u00e9\"", PyJson.indented("\u00e9"));
        assertEquals("[]", PyJson.indented(List.of()));
        assertEquals("{}", PyJson.indented(Map.of()));
    }

    @Test
    void deleteIsEscapedAsPythonDoes() {
        // ensure_ascii escapes everything outside ' '..'~'; the hand-written writer let DEL through (no file has one)
        assertEquals("\"a\\u007fb\"", PyJson.compact("a\u007fb"));
    }
}
