package io.eventflow.capacity.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class ItemSizeTest {
    @Test
    void namesAndStringsCountTheirUtf8Bytes() {
        assertThat(ItemSize.of(Map.of("id", AttributeValue.fromS("abc")))).isEqualTo(5);
        assertThat(ItemSize.of(Map.of("n", AttributeValue.fromS("é")))).isEqualTo(3);
    }

    @Test
    void numbersTakeAboutOneBytePerTwoSignificantDigitsPlusOne() {
        assertThat(ItemSize.number("7")).isEqualTo(2);
        assertThat(ItemSize.number("1234")).isEqualTo(3);
        assertThat(ItemSize.number("1000000")).isEqualTo(2);
        assertThat(ItemSize.number("-12.345")).isEqualTo(4);
    }

    @Test
    void binaryBooleansNullsListsAndMaps() {
        assertThat(ItemSize.value(AttributeValue.fromB(SdkBytes.fromByteArray(new byte[10]))))
                .isEqualTo(10);
        assertThat(ItemSize.value(AttributeValue.fromBool(true))).isEqualTo(1);
        assertThat(ItemSize.value(AttributeValue.fromNul(true))).isEqualTo(1);
        assertThat(ItemSize.value(AttributeValue.fromL(List.of(AttributeValue.fromS("ab"), AttributeValue.fromS("c")))))
                .isEqualTo(3 + 3 + 2);
        assertThat(ItemSize.value(AttributeValue.fromM(Map.of("k", AttributeValue.fromS("v")))))
                .isEqualTo(3 + 1 + 1 + 1);
    }

    @Test
    void writeUnitsPerStartedKilobyteDoubledInATransaction() {
        assertThat(ItemSize.writeUnits(0, false)).isEqualTo(1);
        assertThat(ItemSize.writeUnits(1024, false)).isEqualTo(1);
        assertThat(ItemSize.writeUnits(1025, false)).isEqualTo(2);
        assertThat(ItemSize.writeUnits(3000, true)).isEqualTo(6);
    }

    @Test
    void readUnitsPerStarted4KilobytesHalfWhenEventuallyConsistent() {
        assertThat(ItemSize.readUnits(100, true, false)).isEqualTo(1.0);
        assertThat(ItemSize.readUnits(100, false, false)).isEqualTo(0.5);
        assertThat(ItemSize.readUnits(8192, true, false)).isEqualTo(2.0);
        assertThat(ItemSize.readUnits(8193, false, false)).isEqualTo(1.5);
        assertThat(ItemSize.readUnits(4096, true, true)).isEqualTo(2.0);
    }

    @Test
    void callsAreAttributedToTheFunctionThreadOrItsPoller() {
        assertThat(CallCounter.caller("fn-PaymentFunction")).isEqualTo("PaymentFunction");
        assertThat(CallCounter.caller("sqs-PaymentFunction <- SQS arn:aws:sqs:us-east-1:1:q"))
                .isEqualTo("ESM:PaymentFunction");
        assertThat(CallCounter.caller("stream-ProjectorFunction <- DynamoDB stream of t"))
                .isEqualTo("ESM:ProjectorFunction");
        assertThat(CallCounter.caller("fn-PaymentFunction-12")).isEqualTo("PaymentFunction");
        assertThat(CallCounter.caller("main")).isEqualTo("driver");
        Thread inGroup = new Thread(new ThreadGroup("fn-ShippingFunction-2"), () -> {}, "pool-1-thread-1");
        assertThat(CallCounter.caller(inGroup)).isEqualTo("ShippingFunction");
        assertThat(CallCounter.chunks(1)).isEqualTo(1);
        assertThat(CallCounter.chunks(64 * 1024 + 1)).isEqualTo(2);
    }
}
