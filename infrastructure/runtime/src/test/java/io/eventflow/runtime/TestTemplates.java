package io.eventflow.runtime;

import io.eventflow.runtime.template.AppTemplate;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;

/** The runtime's own small template (src/test/resources/test-template.yaml). */
public final class TestTemplates {
    private TestTemplates() {
    }

    public static Path path() {
        try {
            return Path.of(TestTemplates.class.getResource("/test-template.yaml").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static AppTemplate load(String suffix, String sqsBase) {
        return AppTemplate.load(path(), Map.of("Suffix", suffix), "us-east-1", sqsBase);
    }
}
