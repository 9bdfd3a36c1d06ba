package io.eventflow.sms;

import io.eventflow.events.PermanentException;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The E.164 country prefixes SMS may go to (template parameter SmsCountryPrefixes, e.g. "+1,+44"): SMS costs
 * differ by country by orders of magnitude, and a number elsewhere is refused as a permanent failure (the
 * same number will never be allowed) instead of being sent.
 */
public final class SmsCountries {
    private static final Pattern PREFIX = Pattern.compile("^\\+[1-9][0-9]{0,3}$");

    private final List<String> prefixes;

    private SmsCountries(List<String> prefixes) {
        this.prefixes = List.copyOf(prefixes);
    }

    /** @param setting comma-separated prefixes ("+1,+44"); anything else is a configuration error */
    public static SmsCountries parse(String setting) {
        List<String> prefixes = Arrays.stream(setting.split(",", -1)).map(String::strip).toList();
        for (String p : prefixes) {
            if (!PREFIX.matcher(p).matches()) {
                throw new IllegalStateException("SMS_COUNTRY_PREFIXES: '" + p + "' is not an E.164 country prefix like +44");
            }
        }
        return new SmsCountries(prefixes);
    }

    public boolean allows(String phoneNumber) {
        return phoneNumber != null && prefixes.stream().anyMatch(phoneNumber::startsWith);
    }

    /** The number itself, never in the message: only that its country is not configured. */
    public void check(String phoneNumber) {
        if (!allows(phoneNumber)) {
            throw new PermanentException("SMS refused: the phone number's country is not in SMS_COUNTRY_PREFIXES " + prefixes);
        }
    }

    public List<String> prefixes() {
        return prefixes;
    }
}
