package io.eventflow.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** `./eventflow chaos` as a user types it: picocli options, one-line errors (nothing here starts a run). */
class ChaosCliTest {
    static Stream<Arguments> rows() {
        return Stream.of(
                Arguments.of(new String[] {"--help"}, 0, "Usage: eventflow chaos"),
                Arguments.of(
                        new String[] {"--orders", "10"}, 2, "eventflow chaos: missing required option: '--seed=S'"),
                Arguments.of(
                        new String[] {"--ordrs", "10", "--seed", "1"},
                        2,
                        "eventflow chaos: unknown option '--ordrs' (did you mean --orders?)"),
                Arguments.of(
                        new String[] {"--orders", "0", "--seed", "1"},
                        2,
                        "eventflow chaos: --orders must be at least 1, got 0"),
                Arguments.of(
                        new String[] {"--orders", "5", "--seed", "1", "--crash-rate", "2"},
                        2,
                        "eventflow chaos: --crash-rate must be a probability in [0,1], got 2.0"),
                Arguments.of(
                        new String[] {"--orders", "many", "--seed", "1"},
                        2,
                        "eventflow chaos: invalid value for option '--orders': 'many' is not an int"),
                Arguments.of(
                        new String[] {"--orders", "5", "--seed", "1", "--param", "Stage=x"},
                        2,
                        "eventflow chaos: chaos runs the template with its default parameters: drop --param"));
    }

    @ParameterizedTest(name = "chaos {0} -> {1}")
    @MethodSource("rows")
    void row(String[] args, int exit, String firstLine) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ChaosMain.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(exit);
        String text = (exit == 0 ? out : err).toString(StandardCharsets.UTF_8);
        assertThat(text.lines().findFirst().orElse("")).startsWith(firstLine);
    }
}
