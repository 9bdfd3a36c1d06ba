package io.eventflow.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventflow.runtime.sources.DeliveryCheck;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeliveryCheckTest {
    private final DeliveryCheck rules = new DeliveryCheck(
            List.of("{\"source\":[{\"prefix\":\"eventflow.\"}],\"detail-type\":[\"OrderPlaced\"]}"), List.of());
    private final DeliveryCheck sns =
            new DeliveryCheck(List.of(), List.of("{\"notificationType\":[\"ShipmentScheduled\"]}"));

    @Test
    void eventsTheRulesMatchPass() {
        assertThat(rules.complaint("{\"source\":\"eventflow.orders\",\"detail-type\":\"OrderPlaced\",\"detail\":{}}"))
                .isNull();
        assertThat(rules.complaint(
                        "{\"source\":\"eventflow.orders\",\"detail-type\":\"OrderConfirmed\",\"detail\":{}}"))
                .contains("OrderConfirmed");
        assertThat(rules.complaint("not json")).isNull();
    }

    @Test
    void notificationsAreCheckedAgainstTheFilterPolicies() {
        assertThat(sns.complaint(
                        "{\"Type\":\"Notification\",\"Message\":\"x\",\"MessageAttributes\":{\"notificationType\":"
                                + "{\"Type\":\"String\",\"Value\":\"ShipmentScheduled\"}}}"))
                .isNull();
        assertThat(sns.complaint(
                        "{\"Type\":\"Notification\",\"Message\":\"x\",\"MessageAttributes\":{\"notificationType\":"
                                + "{\"Type\":\"String\",\"Value\":\"OrderConfirmed\"}}}"))
                .contains("FilterPolicy");
    }
}
