package io.eventflow.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventflow.runtime.Cli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** `./eventflow capacity` as a user types it: the same picocli command line as every verb. */
class CapacityCliTest {
    static Stream<Arguments> rows() {
        return Stream.of(
                Arguments.of(new String[] {"capacity", "--help"}, 0, "Usage: eventflow capacity"),
                Arguments.of(new String[] {"capacity", "measure", "--help"}, 0, "Usage: eventflow capacity measure"),
                Arguments.of(
                        new String[] {"capacity", "--orders-per-second", "10"},
                        0,
                        "eventflow capacity at 10.0 orders/s"),
                Arguments.of(new String[] {"capacity"}, 2, "eventflow capacity: --orders-per-second N is required"),
                Arguments.of(
                        new String[] {"capacity", "--ordrs", "5"},
                        2,
                        "eventflow capacity: unknown option '--ordrs' (did you mean --orders-per-second?)"),
                Arguments.of(
                        new String[] {"capacity", "--orders-per-second", "fast"},
                        2,
                        "eventflow capacity: invalid value for option '--orders-per-second': 'fast' is not a double"),
                Arguments.of(
                        new String[] {"capacity", "measure", "--wrte"},
                        2,
                        "eventflow capacity measure: unknown option '--wrte' (did you mean --write?)"),
                Arguments.of(
                        new String[] {"capacity", "--orders-per-second", "10", "--inputs", "nope.json"},
                        3,
                        "eventflow capacity: no such file: "));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("rows")
    void row(String[] args, int exit, String firstLine) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Cli(
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(args);
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(exit);
        assertThat((exit == 0 ? out : err)
                        .toString(StandardCharsets.UTF_8)
                        .lines()
                        .findFirst()
                        .orElse(""))
                .startsWith(firstLine);
    }
}
