package io.eventflow.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventflow.events.PermanentException;
import io.eventflow.notification.UndeliverableException;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every {@link EmailSender} does: the twin and SES on the emulator. */
public abstract class EmailSenderContract {
    /** A sender whose from-address is a verified identity. */
    protected abstract EmailSender sender();

    /** A sender whose from-address was never verified. */
    protected abstract EmailSender unverifiedSender();

    /** How many emails {@link #sender()}'s provider has accepted so far. */
    protected abstract long sentCount();

    private static Email email() {
        return new Email(
                "customer-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com",
                "Your order ORD-1 is confirmed",
                "Thank you!");
    }

    @Test
    void sendsAndReturnsTheProvidersMessageId() {
        long before = sentCount();

        String messageId = sender().send(email());

        assertThat(messageId).isNotBlank();
        assertThat(sentCount()).isEqualTo(before + 1);
    }

    @Test
    void everySendIsAnotherMessage() {
        Email email = email();
        assertThat(sender().send(email)).isNotEqualTo(sender().send(email));
    }

    @Test
    void anUnverifiedSenderIsRejectedForGood() {
        long before = sentCount();

        assertThatThrownBy(() -> unverifiedSender().send(email()))
                .isInstanceOf(UndeliverableException.class)
                .hasMessageContaining("MessageRejected");
        assertThat(sentCount()).isEqualTo(before);
    }

    @Test
    void anAddressWithoutDomainIsRejectedForGoodWithoutQuotingIt() {
        assertThatThrownBy(() -> sender().send(new Email("not-an-address", "s", "b")))
                .isInstanceOf(PermanentException.class)
                .hasMessageNotContaining("not-an-address");
    }
}
