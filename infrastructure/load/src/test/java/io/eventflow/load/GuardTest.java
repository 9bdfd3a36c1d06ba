package io.eventflow.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventflow.runtime.Cli;
import io.eventflow.runtime.cli.UserError;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GuardTest {
    @TempDir
    Path out;

    @Test
    void aRateAboveTheCeilingIsRefused() {
        assertThatThrownBy(() -> Guard.rate("--rate", 51, 50))
                .isInstanceOf(UserError.class)
                .hasMessage("refusing --rate 51 orders/s: above the ceiling --max-rate 50 (raise --max-rate on purpose"
                        + " if the target is meant to take it)")
                .satisfies(e -> assertThat(((UserError) e).exitCode()).isEqualTo(2));
        Guard.rate("--rate", 50, 50);
        assertThatThrownBy(() -> Guard.rate("--rate", 0, 50)).hasMessageContaining("must be a rate > 0");
    }

    @Test
    void onlyLoopbackUrlsUnlessRemoteIsAllowed() {
        assertThat(Guard.url("http://127.0.0.1:3000", false).getPort()).isEqualTo(3000);
        assertThat(Guard.url("http://localhost:3000/", false).getHost()).isEqualTo("localhost");
        assertThat(Guard.url("http://[::1]:3000", false).getPort()).isEqualTo(3000);
        assertThatThrownBy(() -> Guard.url("http://10.1.2.3:3000", false))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("refusing --url http://10.1.2.3:3000: not a loopback address")
                .hasMessageContaining("--allow-remote");
        assertThat(Guard.url("https://10.1.2.3/prod/", true).getHost()).isEqualTo("10.1.2.3");
        assertThatThrownBy(() -> Guard.url("ftp://127.0.0.1/", false)).hasMessageContaining("is not an http(s) URL");
    }

    @Test
    void theVerbRefusesBeforeStartingAnything() {
        assertThat(run("load", "--rate", "80")).startsWith("2 ").contains("refusing --rate 80 orders/s");
        assertThat(run("load", "--rate", "5", "--ramp-to", "60", "--max-rate", "55"))
                .startsWith("2 ")
                .contains("refusing --ramp-to 60");
        assertThat(run("load", "--rate", "200", "--max-rate", "300", "--url", "http://192.0.2.1/"))
                .startsWith("2 ")
                .contains("not a loopback address");
        assertThat(run("load", "--mix", "shipped=1,lost=1")).startsWith("2 ").contains("unknown path 'lost'");
        assertThat(run("load", "--duration", "0")).startsWith("2 ").contains("--duration must be 1..3600");
        assertThat(run("load", "--url", "http://127.0.0.1:1", "--stack", "s")).startsWith("2 ");
        assertThat(run("load", "--rate", "0.1", "--duration", "5"))
                .startsWith("2 ")
                .contains("sends no order");
        assertThat(run("load", "--ratee", "1")).startsWith("2 ");
        assertThat(run(
                        "load",
                        "--duration",
                        "1",
                        "--template",
                        out.resolve("missing.yaml").toString(),
                        "--out",
                        out.toString()))
                .startsWith("3 ")
                .contains("missing.yaml not found");
    }

    /** "exit-code stderr" of one command line. */
    private static String run(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Cli(
                        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(args);
        return code + " " + err.toString(StandardCharsets.UTF_8);
    }
}
