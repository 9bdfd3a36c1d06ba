package io.eventflow.capacity.model;

import java.util.List;

/**
 * The AWS quotas and per-partition/per-shard limits the model checks (docs/capacity/limits-us-east-1.json), each
 * with the documentation page it comes from and the day it was read.
 *
 * @param kind quota (a default AWS raises on request), hard (not adjustable) or setting (a template value)
 */
public record Limits(String region, List<Limit> limits) {
    public record Limit(
            String id, String name, double value, String unit, String kind, String source, String read, String note) {}

    public Limit get(String id) {
        return limits.stream()
                .filter(l -> l.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("limits file has no entry '" + id + "'"));
    }
}
