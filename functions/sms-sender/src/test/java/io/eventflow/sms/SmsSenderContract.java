package io.eventflow.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventflow.events.PermanentException;
import org.junit.jupiter.api.Test;

/** What every {@link SmsSender} does: the twin and SNS on the emulator. */
public abstract class SmsSenderContract {
    protected abstract SmsSender sender();

    @Test
    void sendsToAnE164NumberAndReturnsTheProvidersMessageId() {
        String messageId = sender().send(new Sms("+15550100042", "eventflow: order ORD-1 has shipped."));
        assertThat(messageId).isNotBlank();
    }

    @Test
    void everySendIsAnotherMessage() {
        Sms sms = new Sms("+15550100043", "eventflow: order ORD-2 is confirmed.");
        assertThat(sender().send(sms)).isNotEqualTo(sender().send(sms));
    }

    @Test
    void aNumberThatIsNotE164IsRejectedForGoodWithoutQuotingIt() {
        assertThatThrownBy(() -> sender().send(new Sms("555-CALL-ME", "text")))
                .isInstanceOf(PermanentException.class)
                .hasMessageContaining("InvalidParameter")
                .hasMessageNotContaining("555-CALL-ME");
    }
}
