package io.eventflow.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PutEventsErrorsTest {
    @Test
    void anEntryTheBusRefusesForWhatItIsIsGivenUp() {
        assertThat(PutEventsErrors.permanent("MalformedDetail")).isTrue();
        assertThat(PutEventsErrors.permanent("AccessDeniedException")).isTrue();
    }

    @Test
    void throttlingAnInternalFailureAndUnknownCodesMayPassLater() {
        assertThat(PutEventsErrors.permanent("ThrottlingException")).isFalse();
        assertThat(PutEventsErrors.permanent("InternalFailure")).isFalse();
        assertThat(PutEventsErrors.permanent("SomeCodeAddedLater")).isFalse();
        assertThat(PutEventsErrors.permanent(null)).isFalse();
    }
}
