package io.eventflow.emulator.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reading template values: YAML maps and lists, numbers and booleans given as text, JSON given as text or YAML. */
public final class Values {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Values() {}

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    public static List<Object> list(Object o) {
        return o instanceof List<?> l ? new ArrayList<>(l) : List.of();
    }

    public static String required(Map<String, Object> p, String key, String where) {
        Object v = p.get(key);
        if (v == null || String.valueOf(v).isBlank()) {
            throw new TemplateException(where, key + " is missing");
        }
        if (v instanceof Map || v instanceof List) {
            throw new TemplateException(where, key + " must resolve to a string, got " + v);
        }
        return String.valueOf(v);
    }

    public static int integer(Object v, int dflt) {
        return v == null ? dflt : Integer.parseInt(String.valueOf(v).trim());
    }

    public static boolean bool(Object v, boolean dflt) {
        return v == null ? dflt : Boolean.parseBoolean(String.valueOf(v).trim());
    }

    /** Compact JSON text of a YAML value (maps keep their order). */
    public static String json(Object value) {
        return JSON.valueToTree(value).toString();
    }

    /** A policy or pattern given either as a YAML map or as a JSON string. */
    public static String jsonText(Object value) {
        return value instanceof String s ? s : json(value);
    }

    /** A policy given as a JSON string (RedrivePolicy: '{"deadLetterTargetArn": ...}') or as a YAML map. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> jsonOrMap(Object value) {
        if (!(value instanceof String json)) {
            return map(value);
        }
        try {
            Object parsed = JSON.readValue(json, Object.class);
            return parsed instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
