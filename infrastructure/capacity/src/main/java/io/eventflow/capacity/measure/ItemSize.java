package io.eventflow.capacity.measure;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * DynamoDB item size and the capacity units AWS bills for it, after the Developer Guide's rules
 * ("Item sizes and formats"; "Read/write capacity units"): names count as UTF-8 bytes; strings UTF-8;
 * numbers about one byte per two significant digits plus one; binary raw; null/boolean one byte;
 * lists and maps 3 bytes plus one byte per element. A write unit covers 1 KB, a read unit 4 KB
 * (strongly consistent; eventually consistent costs half); transactional reads and writes cost double.
 */
public final class ItemSize {
    private ItemSize() {}

    public static int of(Map<String, AttributeValue> item) {
        if (item == null) {
            return 0;
        }
        int size = 0;
        for (var e : item.entrySet()) {
            size += utf8(e.getKey()) + value(e.getValue());
        }
        return size;
    }

    static int value(AttributeValue v) {
        if (v == null) {
            return 0;
        }
        if (v.s() != null) {
            return utf8(v.s());
        }
        if (v.n() != null) {
            return number(v.n());
        }
        if (v.b() != null) {
            return v.b().asByteArray().length;
        }
        if (v.bool() != null || Boolean.TRUE.equals(v.nul())) {
            return 1;
        }
        if (v.hasSs()) {
            return v.ss().stream().mapToInt(ItemSize::utf8).sum();
        }
        if (v.hasNs()) {
            return v.ns().stream().mapToInt(ItemSize::number).sum();
        }
        if (v.hasBs()) {
            return v.bs().stream().mapToInt(b -> b.asByteArray().length).sum();
        }
        if (v.hasL()) {
            return 3 + v.l().stream().mapToInt(x -> 1 + value(x)).sum();
        }
        if (v.hasM()) {
            return 3
                    + v.m().entrySet().stream()
                            .mapToInt(x -> 1 + utf8(x.getKey()) + value(x.getValue()))
                            .sum();
        }
        return 0;
    }

    static int number(String n) {
        String digits =
                new BigDecimal(n).stripTrailingZeros().unscaledValue().abs().toString();
        return (digits.length() + 1) / 2 + 1;
    }

    static int utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    /** Write units: 1 per started KB, at least 1; doubled in a transaction. */
    public static int writeUnits(int bytes, boolean transactional) {
        int units = Math.max(1, (bytes + 1023) / 1024);
        return transactional ? 2 * units : units;
    }

    /** Read units: 1 per started 4 KB (strongly consistent), half of that eventually consistent, double in a transaction. */
    public static double readUnits(int bytes, boolean consistent, boolean transactional) {
        int units = Math.max(1, (bytes + 4095) / 4096);
        return transactional ? 2.0 * units : consistent ? units : units / 2.0;
    }
}
