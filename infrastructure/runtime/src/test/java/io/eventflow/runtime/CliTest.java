package io.eventflow.runtime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The CLI without an endpoint: help for every verb; no account is assumed when the endpoint cannot say (CliIT invokes). */
class CliTest {
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private final Cli cli = new Cli(new PrintStream(stdout, true), new PrintStream(stderr, true));

    @Test
    void anUnreachableEndpointIsAClearErrorNotAFixedAccount(@TempDir Path dir) throws Exception {
        Path event = dir.resolve("e.json");
        Files.writeString(event, "{\"Records\":[]}");
        assertThatThrownBy(() -> cli.run(new String[]{"invoke", "SqsFunction", "--event", event.toString(), "--template",
                TestTemplates.path().toString(), "--endpoint", "http://127.0.0.1:9"}))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot discover the account")
                .hasMessageContaining("GetCallerIdentity");
        assertThat(stdout.toString()).isEmpty();
    }

    @Test
    void everyVerbHasHelp() throws Exception {
        for (String verb : new String[]{"invoke", "up", "publish", "inspect", "logs", "replay", "redrive", "rebuild-projection"}) {
            stdout.reset();
            assertThat(cli.run(new String[]{verb, "--help"})).isZero();
            assertThat(stdout.toString()).startsWith(verb);
        }
    }
}
