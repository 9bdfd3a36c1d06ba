package io.eventflow.runtime.sources;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventflow.runtime.Json;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;

import java.util.Base64;
import java.util.Map;

/** A DynamoDB Streams record in the shape Lambda delivers it (reference §2.6), images in DynamoDB JSON. */
final class StreamRecordJson {
    private StreamRecordJson() {
    }

    static ObjectNode of(Record record, String streamArn, String region) {
        ObjectNode r = Json.object();
        r.put("eventID", record.eventID());
        r.put("eventName", record.eventNameAsString());
        r.put("eventVersion", record.eventVersion() == null ? "1.1" : record.eventVersion());
        r.put("eventSource", "aws:dynamodb");
        r.put("awsRegion", record.awsRegion() == null ? region : record.awsRegion());
        StreamRecord d = record.dynamodb();
        ObjectNode ddb = r.putObject("dynamodb");
        if (d.approximateCreationDateTime() != null) {
            ddb.put("ApproximateCreationDateTime", d.approximateCreationDateTime().getEpochSecond());
        }
        ddb.set("Keys", image(d.keys()));
        if (d.hasNewImage()) {
            ddb.set("NewImage", image(d.newImage()));
        }
        if (d.hasOldImage()) {
            ddb.set("OldImage", image(d.oldImage()));
        }
        ddb.put("SequenceNumber", d.sequenceNumber());
        if (d.sizeBytes() != null) {
            ddb.put("SizeBytes", d.sizeBytes());
        }
        ddb.put("StreamViewType", d.streamViewTypeAsString());
        if (record.userIdentity() != null) {
            ObjectNode u = r.putObject("userIdentity");
            u.put("type", record.userIdentity().type());
            u.put("principalId", record.userIdentity().principalId());
        }
        r.put("eventSourceARN", streamArn);
        return r;
    }

    static ObjectNode image(Map<String, AttributeValue> item) {
        ObjectNode o = Json.object();
        if (item != null) {
            item.forEach((k, v) -> o.set(k, value(v)));
        }
        return o;
    }

    static ObjectNode value(AttributeValue v) {
        ObjectNode o = Json.object();
        switch (v.type()) {
            case S -> o.put("S", v.s());
            case N -> o.put("N", v.n());
            case B -> o.put("B", Base64.getEncoder().encodeToString(v.b().asByteArray()));
            case BOOL -> o.put("BOOL", v.bool());
            case NUL -> o.put("NULL", true);
            case SS -> v.ss().forEach(o.putArray("SS")::add);
            case NS -> v.ns().forEach(o.putArray("NS")::add);
            case BS -> {
                ArrayNode a = o.putArray("BS");
                v.bs().forEach(b -> a.add(Base64.getEncoder().encodeToString(b.asByteArray())));
            }
            case M -> o.set("M", image(v.m()));
            case L -> {
                ArrayNode a = o.putArray("L");
                v.l().forEach(e -> a.add(value(e)));
            }
            default -> throw new IllegalArgumentException("unknown attribute value " + v);
        }
        return o;
    }
}
