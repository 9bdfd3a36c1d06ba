package io.eventflow.sms;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventflow.events.PermanentException;
import io.eventflow.events.RetryableException;
import io.eventflow.notification.UndeliverableException;
import org.junit.jupiter.api.Test;

/** SNS Publish error codes the emulator never answers for an SMS, classified. */
class SnsSmsSenderFailuresTest {
    @Test
    void anOptedOutNumberIsUndeliverableAMalformedRequestPermanentAndTheRestRetryable() {
        assertThat(SnsSmsSender.failure("OptedOut"))
                .isInstanceOf(UndeliverableException.class)
                .extracting(e -> ((UndeliverableException) e).reason())
                .isEqualTo("OptedOut");
        assertThat(SnsSmsSender.failure("InvalidParameter"))
                .isInstanceOf(PermanentException.class)
                .isNotInstanceOf(UndeliverableException.class);
        assertThat(SnsSmsSender.failure("Throttling")).isInstanceOf(RetryableException.class);
    }
}
