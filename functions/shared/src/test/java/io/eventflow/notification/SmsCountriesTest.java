package io.eventflow.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SmsCountriesTest {
    @Test
    void allowsOnlyTheConfiguredPrefixes() {
        SmsCountries countries = SmsCountries.parse("+1, +44");
        assertThat(countries.prefixes()).containsExactly("+1", "+44");
        assertThat(countries.allows("+15550100042")).isTrue();
        assertThat(countries.allows("+447700900123")).isTrue();
        assertThat(countries.allows("+4915112345678")).isFalse();
        assertThat(countries.allows(null)).isFalse();
        assertThatThrownBy(() -> countries.check("+4915112345678"))
                .isInstanceOf(UndeliverableException.class)
                .hasMessageContaining("+1, +44")
                .hasMessageNotContaining("4915112345678");
    }

    @Test
    void aMalformedSettingIsAConfigurationError() {
        assertThatThrownBy(() -> SmsCountries.parse("44"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SMS_COUNTRY_PREFIXES");
        assertThatThrownBy(() -> SmsCountries.parse("+1,")).isInstanceOf(IllegalStateException.class);
    }
}
