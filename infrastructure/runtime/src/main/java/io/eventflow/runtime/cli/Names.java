package io.eventflow.runtime.cli;

import io.eventflow.emulator.Template;
import io.eventflow.emulator.template.Model;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One vocabulary for every verb: an order is {@code ORD-...} or its stream {@code Order-ORD-...}; a queue is its
 * logical id ({@code InventoryDLQ}), its physical name ({@code eventflow-inventory-dlq-dev}), URL or ARN.
 */
public final class Names {
    static final String ORDER_STREAM = "Order-";

    private Names() {}

    /** The bare order id of {@code ORD-x} or {@code Order-ORD-x}. */
    public static String orderId(String arg) {
        String s = arg == null ? "" : arg.strip();
        if (s.startsWith(ORDER_STREAM)) {
            s = s.substring(ORDER_STREAM.length());
        }
        if (s.isEmpty() || s.length() > 64 || !s.matches("[A-Za-z0-9_.:-]+")) {
            throw UserError.input("'" + arg
                    + "' is not an order id: pass ORD-... (as POST /orders answered) or its stream Order-ORD-...");
        }
        return s;
    }

    /** A stream id; a bare order id means its order stream. */
    public static String streamId(String arg) {
        String s = arg.strip();
        return s.startsWith("ORD-") ? ORDER_STREAM + s : s;
    }

    /** The queue named by logical id, physical name, URL or ARN (case-insensitive); else an error listing the choices. */
    public static Model.Queue queue(Template template, String arg, boolean dlqOnly) {
        String want = arg.strip();
        String last = want.substring(Math.max(want.lastIndexOf('/'), want.lastIndexOf(':')) + 1);
        Set<String> dlqs = template.dlqArns();
        for (Model.Queue q : template.queues()) {
            if (q.logicalId().equalsIgnoreCase(want)
                    || q.name().equalsIgnoreCase(want)
                    || q.name().equalsIgnoreCase(last)
                    || q.arn().equals(want)
                    || want.endsWith("/" + q.name())) {
                if (dlqOnly && !dlqs.contains(q.arn())) {
                    throw UserError.input(
                            q.logicalId() + " is not a dead-letter queue: pass one of " + choices(template, true));
                }
                return q;
            }
        }
        throw UserError.input("no " + (dlqOnly ? "dead-letter queue" : "queue") + " '" + arg + "' in "
                + template.path().getFileName() + ": pass one of " + choices(template, dlqOnly)
                + " (logical id or physical name)");
    }

    static String choices(Template template, boolean dlqOnly) {
        Set<String> dlqs = template.dlqArns();
        List<String> ids = template.queues().stream()
                .filter(q -> !dlqOnly || dlqs.contains(q.arn()))
                .map(Model.Queue::logicalId)
                .toList();
        return String.join(", ", ids);
    }

    /** The function's logical id, matched case-insensitively; else an error listing the valid ids. */
    public static String function(Template template, String arg) {
        List<String> ids =
                template.functions().stream().map(Model.Function::logicalId).toList();
        for (String id : ids) {
            if (id.equalsIgnoreCase(arg) || id.equalsIgnoreCase(arg + "Function")) {
                return id;
            }
        }
        String lower = arg.toLowerCase(Locale.ROOT);
        List<String> close = ids.stream()
                .filter(id -> {
                    String l = id.toLowerCase(Locale.ROOT);
                    return l.contains(lower)
                            || lower.contains(l.replace("function", ""))
                            || Typos.distance(lower, l) <= 3
                            || Typos.distance(lower, l.replace("function", "")) <= 2;
                })
                .toList();
        throw UserError.input("no function '" + arg + "' in " + template.path().getFileName()
                + (close.isEmpty() ? "" : " (did you mean " + String.join(" or ", close) + "?)") + ": valid ids: "
                + String.join(", ", ids));
    }
}
