package io.eventflow.runtime.sources;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.Identity;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * The events Lambda hands a function, built from Lambda's own types (aws-lambda-java-events) and written by
 * Lambda's own serializer (aws-lambda-java-serialization), so their shape cannot drift from what a deployed
 * function receives (runtime README, "SQS event source mapping" and "DynamoDB stream event source mapping").
 */
public final class LambdaEvents {
    private LambdaEvents() {}

    /** An SQS batch as the SQS event source mapping delivers it. */
    public static String sqs(List<Message> messages, String queueArn, String region) {
        SQSEvent event = new SQSEvent();
        event.setRecords(
                messages.stream().map(m -> sqsMessage(m, queueArn, region)).toList());
        return write(event, SQSEvent.class);
    }

    /** A batch of stream records as the DynamoDB stream event source mapping delivers it. */
    public static String dynamodb(List<Record> records, String streamArn, String region) {
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(
                records.stream().map(r -> streamRecord(r, streamArn, region)).toList());
        return write(event, DynamodbEvent.class);
    }

    private static SQSEvent.SQSMessage sqsMessage(Message m, String queueArn, String region) {
        SQSEvent.SQSMessage r = new SQSEvent.SQSMessage();
        r.setMessageId(m.messageId());
        r.setReceiptHandle(m.receiptHandle());
        r.setBody(m.body());
        r.setAttributes(new LinkedHashMap<>(m.attributesAsStrings()));
        Map<String, SQSEvent.MessageAttribute> attributes = new LinkedHashMap<>();
        m.messageAttributes().forEach((name, value) -> attributes.put(name, messageAttribute(value)));
        r.setMessageAttributes(attributes);
        r.setMd5OfBody(m.md5OfBody());
        r.setMd5OfMessageAttributes(m.md5OfMessageAttributes());
        r.setEventSource("aws:sqs");
        r.setEventSourceArn(queueArn);
        r.setAwsRegion(region);
        return r;
    }

    private static SQSEvent.MessageAttribute messageAttribute(MessageAttributeValue value) {
        SQSEvent.MessageAttribute a = new SQSEvent.MessageAttribute();
        a.setStringValue(value.stringValue());
        a.setBinaryValue(
                value.binaryValue() == null ? null : value.binaryValue().asByteBuffer());
        a.setStringListValues(value.hasStringListValues() ? value.stringListValues() : List.of());
        a.setBinaryListValues(
                value.hasBinaryListValues()
                        ? value.binaryListValues().stream()
                                .map(b -> b.asByteBuffer())
                                .toList()
                        : List.of());
        a.setDataType(value.dataType());
        return a;
    }

    private static DynamodbEvent.DynamodbStreamRecord streamRecord(Record record, String streamArn, String region) {
        DynamodbEvent.DynamodbStreamRecord r = new DynamodbEvent.DynamodbStreamRecord();
        r.setEventID(record.eventID());
        r.setEventName(record.eventNameAsString());
        r.setEventVersion(record.eventVersion() == null ? "1.1" : record.eventVersion());
        r.setEventSource("aws:dynamodb");
        r.setAwsRegion(record.awsRegion() == null ? region : record.awsRegion());
        var d = record.dynamodb();
        StreamRecord s = new StreamRecord();
        if (d.approximateCreationDateTime() != null) {
            s.setApproximateCreationDateTime(Date.from(d.approximateCreationDateTime()));
        }
        s.setKeys(image(d.keys()));
        if (d.hasNewImage()) {
            s.setNewImage(image(d.newImage()));
        }
        if (d.hasOldImage()) {
            s.setOldImage(image(d.oldImage()));
        }
        s.setSequenceNumber(d.sequenceNumber());
        s.setSizeBytes(d.sizeBytes());
        if (d.streamViewTypeAsString() != null) {
            s.setStreamViewType(com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType.fromValue(
                    d.streamViewTypeAsString()));
        }
        r.setDynamodb(s);
        if (record.userIdentity() != null) {
            Identity identity = new Identity();
            identity.setType(record.userIdentity().type());
            identity.setPrincipalId(record.userIdentity().principalId());
            r.setUserIdentity(identity);
        }
        r.setEventSourceARN(streamArn);
        return r;
    }

    private static Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> image(
            Map<String, AttributeValue> item) {
        Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> image =
                new LinkedHashMap<>();
        if (item != null) {
            item.forEach((k, v) -> image.put(k, value(v)));
        }
        return image;
    }

    private static com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue value(AttributeValue v) {
        var a = new com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue();
        switch (v.type()) {
            case S -> a.setS(v.s());
            case N -> a.setN(v.n());
            case B -> a.setB(v.b().asByteBuffer());
            case BOOL -> a.setBOOL(v.bool());
            case NUL -> a.setNULL(true);
            case SS -> a.setSS(v.ss());
            case NS -> a.setNS(v.ns());
            case BS -> a.setBS(v.bs().stream().map(b -> b.asByteBuffer()).toList());
            case M -> a.setM(image(v.m()));
            case L -> a.setL(v.l().stream().map(LambdaEvents::value).toList());
            default -> throw new IllegalArgumentException("unknown attribute value " + v);
        }
        return a;
    }

    private static <T> String write(T event, Class<T> type) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LambdaEventSerializers.serializerFor(type, LambdaEvents.class.getClassLoader())
                .toJson(event, out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
