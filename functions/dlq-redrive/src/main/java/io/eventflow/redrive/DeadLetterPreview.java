package io.eventflow.redrive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.eventflow.events.EventJson;
import io.eventflow.redrive.RedriveQueues.Attribute;
import io.eventflow.redrive.RedriveQueues.QueueMessage;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an operator may see of a dead letter: ids, counts, the failure reason, and a body preview with
 * customer contact details masked (field names, then anything that still looks like an e-mail address or an
 * E.164 phone number), cut to {@value #PREVIEW_CHARS} characters.
 */
final class DeadLetterPreview {
    static final int PREVIEW_CHARS = 300;
    static final String MASK = "***";
    private static final Set<String> SENSITIVE_KEYS = Set.of(
            "customeremail",
            "customerphone",
            "email",
            "phone",
            "phonenumber",
            "address",
            "shippingaddress",
            "billingaddress",
            "customername",
            "name",
            "to");
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
    private static final Pattern PHONE = Pattern.compile("\\+\\d{7,15}");

    private DeadLetterPreview() {}

    static String bodyPreview(String body) {
        if (body == null) {
            return null;
        }
        String text;
        try {
            JsonNode json = EventJson.parse(body);
            text = EventJson.write(redact(json));
        } catch (RuntimeException notJson) {
            text = body;
        }
        text = PHONE.matcher(EMAIL.matcher(text).replaceAll(MASK)).replaceAll(MASK);
        return text.length() <= PREVIEW_CHARS ? text : text.substring(0, PREVIEW_CHARS - 1) + "…";
    }

    private static JsonNode redact(JsonNode node) {
        if (node.isObject()) {
            ObjectNode o = (ObjectNode) node;
            Iterator<Map.Entry<String, JsonNode>> fields = o.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                if (SENSITIVE_KEYS.contains(f.getKey().toLowerCase(Locale.ROOT))) {
                    f.setValue(TextNode.valueOf(MASK));
                } else {
                    f.setValue(redact(f.getValue()));
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                ((com.fasterxml.jackson.databind.node.ArrayNode) node).set(i, redact(node.get(i)));
            }
        } else if (node.isTextual() && node.asText().startsWith("{")) {
            // SNS-in-SQS: the notification is a JSON string inside the envelope
            try {
                return TextNode.valueOf(EventJson.write(redact(EventJson.parse(node.asText()))));
            } catch (RuntimeException notJson) {
                return node;
            }
        }
        return node;
    }

    /**
     * Why the message was dead-lettered, when its carrier says so: EventBridge target DLQs add ERROR_CODE /
     * ERROR_MESSAGE attributes; Lambda on-failure destinations put requestContext.condition and
     * responseContext.functionError in the body; our own failure records carry errorMessage.
     */
    static String failureReason(QueueMessage m) {
        Attribute code = m.attributes().get("ERROR_CODE");
        Attribute message = m.attributes().get("ERROR_MESSAGE");
        if (code != null || message != null) {
            return join(code == null ? null : code.stringValue(), message == null ? null : message.stringValue());
        }
        try {
            JsonNode body = EventJson.parse(m.body());
            String condition = text(body.path("requestContext").path("condition"));
            String functionError = text(body.path("responseContext").path("functionError"));
            if (condition != null || functionError != null) {
                return join(condition, functionError);
            }
            String error = text(body.path("errorMessage"));
            return error != null ? error : text(body.path("failureReason"));
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    /** The rule target an EventBridge dead letter failed for (its TARGET_ARN message attribute), or null. */
    static String target(QueueMessage m) {
        Attribute target = m.attributes().get(DlqRedrive.TARGET_ARN);
        return target == null
                        || target.stringValue() == null
                        || target.stringValue().isBlank()
                ? null
                : target.stringValue();
    }

    private static String text(JsonNode n) {
        return n.isValueNode() && !n.asText().isBlank() ? n.asText() : null;
    }

    private static String join(String a, String b) {
        return a == null ? b : b == null ? a : a + ": " + b;
    }
}
