package io.eventflow.emulator.template;

import static io.eventflow.emulator.template.Values.list;
import static io.eventflow.emulator.template.Values.map;

import io.eventflow.emulator.template.Model.Index;
import io.eventflow.emulator.template.Model.Key;
import io.eventflow.emulator.template.Model.TableSchema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a table's definition; its keys and index names must be plain strings (no intrinsics) in the template. */
public final class TableSchemas {
    private TableSchemas() {}

    public static TableSchema read(Map<String, Object> properties) {
        Map<String, String> attributes = new LinkedHashMap<>();
        list(properties.get("AttributeDefinitions"))
                .forEach(a -> attributes.put(str(map(a), "AttributeName"), str(map(a), "AttributeType")));
        List<Index> indexes = list(properties.get("GlobalSecondaryIndexes")).stream()
                .map(Values::map)
                .map(g -> new Index(
                        str(g, "IndexName"), keys(g.get("KeySchema")), str(map(g.get("Projection")), "ProjectionType")))
                .toList();
        Map<String, Object> stream = map(properties.get("StreamSpecification"));
        Map<String, Object> ttl = map(properties.get("TimeToLiveSpecification"));
        return new TableSchema(
                attributes,
                keys(properties.get("KeySchema")),
                indexes,
                stream.isEmpty() ? null : str(stream, "StreamViewType"),
                Boolean.TRUE.equals(ttl.get("Enabled")) ? str(ttl, "AttributeName") : null);
    }

    private static List<Key> keys(Object schema) {
        return list(schema).stream()
                .map(Values::map)
                .map(k -> new Key(str(k, "AttributeName"), str(k, "KeyType")))
                .toList();
    }

    private static String str(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (!(v instanceof String s)) {
            throw new IllegalArgumentException("template: " + key + " must be a plain string here, got " + v);
        }
        return s;
    }
}
