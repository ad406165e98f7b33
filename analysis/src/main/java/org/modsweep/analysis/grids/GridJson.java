package org.modsweep.analysis.grids;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.modsweep.core.Json;
import org.modsweep.core.config.ConfigKey;

/** Shared JSON pieces of the grid files: axis values under their keys, nullable numbers, arrays. */
final class GridJson {

    private GridJson() {}

    static ObjectNode object() {
        return Json.MAPPER.createObjectNode();
    }

    /** One axis value: numbers as numbers (seed, d_mlp, num_epochs as integers), names as the study writes them. */
    static void put(ObjectNode node, ConfigKey key, Object value) {
        if (value instanceof Double d) {
            node.put(key.key(), d);
        } else if (value instanceof Long l) {
            node.put(key.key(), l);
        } else if (value instanceof Integer i) {
            node.put(key.key(), i);
        } else {
            node.put(key.key(), key.format(value));
        }
    }

    static void putAll(ObjectNode node, Map<ConfigKey, Object> values) {
        values.forEach((k, v) -> put(node, k, v));
    }

    static void add(ArrayNode array, ConfigKey key, Object value) {
        ObjectNode tmp = object();
        put(tmp, key, value);
        array.add(tmp.get(key.key()));
    }

    /** A number or JSON null (an outcome never reached). */
    static void putNullable(ObjectNode node, String field, Number value) {
        if (value == null) {
            node.putNull(field);
        } else if (value instanceof Integer i) {
            node.put(field, i);
        } else {
            node.put(field, finite(value.doubleValue()));
        }
    }

    static void putFinite(ObjectNode node, String field, double value) {
        if (Double.isFinite(value)) {
            node.put(field, value);
        } else {
            node.putNull(field);
        }
    }

    static ArrayNode doubles(ArrayNode array, double[] values) {
        for (double v : values) {
            if (Double.isFinite(v)) {
                array.add(v);
            } else {
                array.addNull();
            }
        }
        return array;
    }

    static ArrayNode ints(ArrayNode array, int[] values) {
        for (int v : values) {
            array.add(v);
        }
        return array;
    }

    static ObjectNode thresholds(PhaseThresholds t) {
        ObjectNode n = object();
        n.put("accuracy", t.accuracy());
        n.put("grokking_delay", t.grokkingDelay());
        return n;
    }

    static byte[] bytes(ObjectNode root) {
        try {
            return (Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
