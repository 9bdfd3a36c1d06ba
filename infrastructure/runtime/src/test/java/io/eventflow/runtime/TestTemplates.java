package io.eventflow.runtime;

import io.eventflow.emulator.Template;
import io.eventflow.emulator.template.Account;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

/** The runtime's own small template (src/test/resources/test-template.yaml). */
public final class TestTemplates {
    /** For unit tests that need no endpoint (moto's default account; ITs discover the endpoint's). */
    public static final Account ACCOUNT = new Account("aws", "us-east-1", "123456789012");

    private TestTemplates() {}

    public static Path path() {
        try {
            return Path.of(
                    TestTemplates.class.getResource("/test-template.yaml").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Offline: queue URLs in moto's format under {@code base}. */
    public static Template load(String suffix, String base) {
        return Template.load(path(), Map.of("Suffix", suffix), ACCOUNT, urls(base));
    }

    /** Against the test JVM's endpoint: its account, the URLs it gives. */
    public static Template load(String suffix, Clients clients) {
        return Template.load(path(), Map.of("Suffix", suffix), CallerAccount.discover(), clients.queueUrls);
    }

    public static Function<String, String> urls(String base) {
        return name -> base + "/" + ACCOUNT.id() + "/" + name;
    }
}
