package io.eventflow.notification;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The E.164 country prefixes SMS may go to (template parameter SmsCountryPrefixes, e.g. "+1,+44"): SMS costs
 * differ by country by orders of magnitude. The API refuses an order with a number elsewhere (422); a stored one
 * (placed before the setting changed) is undeliverable for the SMS sender: skipped, never sent.
 */
public final class SmsCountries {
    private static final Pattern PREFIX = Pattern.compile("^\\+[1-9][0-9]{0,3}$");

    private final List<String> prefixes;

    private SmsCountries(List<String> prefixes) {
        this.prefixes = List.copyOf(prefixes);
    }

    /** @param setting comma-separated prefixes ("+1,+44"); anything else is a configuration error */
    public static SmsCountries parse(String setting) {
        List<String> prefixes =
                Arrays.stream(setting.split(",", -1)).map(String::strip).toList();
        for (String p : prefixes) {
            if (!PREFIX.matcher(p).matches()) {
                throw new IllegalStateException(
                        "SMS_COUNTRY_PREFIXES: '" + p + "' is not an E.164 country prefix like +44");
            }
        }
        return new SmsCountries(prefixes);
    }

    public boolean allows(String phoneNumber) {
        return phoneNumber != null && prefixes.stream().anyMatch(phoneNumber::startsWith);
    }

    /** Any country: for tests of other behaviour. */
    public static SmsCountries any() {
        return parse("+1,+2,+3,+4,+5,+6,+7,+8,+9");
    }

    /** What is wrong with a number this refuses; never the number itself. */
    public String refusal() {
        return "SMS go only to numbers with the country prefixes " + String.join(", ", prefixes)
                + " (SMS_COUNTRY_PREFIXES)";
    }

    public void check(String phoneNumber) {
        if (!allows(phoneNumber)) {
            throw new UndeliverableException("sms-country-not-allowed", "SMS refused: " + refusal());
        }
    }

    public List<String> prefixes() {
        return prefixes;
    }
}
