package io.eventflow.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventflow.emulator.RepoRoot;
import io.eventflow.runtime.cli.ExitCode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The command line as a user meets it: arguments in; exit code, the first line of stderr (or of stdout) out.
 * Every row is something a user can get wrong; none needs an emulator (rows with a running `up` are in CliIT).
 */
class CliTest {
    @TempDir
    Path state;

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    @BeforeEach
    void isolatedState() {
        System.setProperty("eventflow.state", state.toString());
    }

    @AfterEach
    void restore() {
        System.clearProperty("eventflow.state");
    }

    private int run(String... args) {
        return new Cli(
                        new PrintStream(stdout, true, StandardCharsets.UTF_8),
                        new PrintStream(stderr, true, StandardCharsets.UTF_8))
                .run(args);
    }

    private String firstLine(ByteArrayOutputStream s) {
        return s.toString(StandardCharsets.UTF_8).lines().findFirst().orElse("");
    }

    static Path sample(String path) {
        return RepoRoot.find().resolve(path);
    }

    /** {args, exit code, the first line of stderr starts with (or, for exit 0, the first line of stdout)}. */
    static Stream<Arguments> rows() throws Exception {
        Path bad = Files.createTempFile("bad", ".json");
        Files.writeString(bad, "{\"Records\": [\n  {\"body\": }\n]}");
        Path badEnvelope = Files.createTempFile("envelope", ".json");
        Files.writeString(badEnvelope, "{\"eventType\": \"OrderPlaced\"}");
        String order = sample("events/inventory/order-placed.json").toString();
        List<Arguments> rows = new ArrayList<>(List.of(
                // picocli: --help/-h, --version, typos refused with a suggestion, typed values
                Arguments.of(new String[] {"--version"}, 0, "eventflow 0.1.0"),
                Arguments.of(new String[] {"-V"}, 0, "eventflow 0.1.0"),
                Arguments.of(new String[] {"--help"}, 0, "Usage: eventflow [-hV] [--debug] [COMMAND]"),
                Arguments.of(new String[] {}, 2, "Usage: eventflow"),
                Arguments.of(new String[] {"upp"}, 2, "eventflow: unknown verb 'upp' (did you mean up"),
                Arguments.of(
                        new String[] {"up", "--demo", "--prot", "3001"},
                        2,
                        "eventflow up: unknown option '--prot' (did you mean --port?)"),
                Arguments.of(new String[] {"up", "-h"}, 0, "Usage: eventflow up "),
                Arguments.of(
                        new String[] {"up", "--port", "abc"},
                        2,
                        "eventflow up: invalid value for option '--port': 'abc' is not an int"),
                Arguments.of(
                        new String[] {"up", "--port", "70000"},
                        2,
                        "eventflow up: --port must be 0..65535 (0 = any free port), got 70000"),
                Arguments.of(new String[] {"up", "--keep"}, 2, "eventflow up: --keep only applies with --demo"),
                Arguments.of(
                        new String[] {"up", "--demo-timeout", "soon"},
                        2,
                        "eventflow up: invalid value for option '--demo-timeout'"),
                Arguments.of(
                        new String[] {"inspect", "--jsno"},
                        2,
                        "eventflow inspect: unknown option '--jsno' (did you mean --json?)"),
                Arguments.of(
                        new String[] {"logs", "--order-id", "X"},
                        2,
                        "eventflow logs: unknown option '--order-id' (did you mean --order?)"),
                Arguments.of(new String[] {"bench", "--help"}, 0, "Usage: eventflow bench"),
                Arguments.of(
                        new String[] {"bench", "many"},
                        2,
                        "eventflow bench: invalid value for positional parameter at index 0 (REPEATS): 'many' is not an int"),
                Arguments.of(
                        new String[] {"replay", "--dry-run"},
                        2,
                        "eventflow replay: missing required argument (specify one of these): (--stream=STREAM | --types=TYPE"),
                Arguments.of(
                        new String[] {"replay", "--stream", "ORD-1", "--types", "OrderPlaced"},
                        2,
                        "eventflow replay: --stream=STREAM, --types=TYPE are mutually exclusive (specify only one)"),
                Arguments.of(
                        new String[] {"replay", "--stream", "ORD-1", "--from", "yesterday"},
                        2,
                        "eventflow replay: invalid value for option '--from'"),
                Arguments.of(
                        new String[] {"invoke", "InventoryFunction", "--evnt", "x.json"},
                        2,
                        "eventflow invoke: unknown option '--evnt' (did you mean --event?)"),
                Arguments.of(
                        new String[] {"invoke", "InventoryFunction"},
                        2,
                        "eventflow invoke: missing required option: '--event=FILE'"),
                Arguments.of(
                        new String[] {"setup"}, 2, "eventflow setup: setup runs in the launcher: ./eventflow setup"),
                // one-line user errors, found before anything starts
                Arguments.of(
                        new String[] {"invoke", "InventoryFunction", "--event", "events/nope.json"},
                        3,
                        "eventflow invoke: event file events/nope.json not found: pass a sample from events/<function>/"),
                Arguments.of(
                        new String[] {"invoke", "InventoryFunction", "--event", bad.toString()},
                        3,
                        "eventflow invoke: event file " + bad + " is not valid JSON (line 2, column"),
                Arguments.of(
                        new String[] {"invoke", "Inventroy", "--event", order},
                        3,
                        "eventflow invoke: no function 'Inventroy' in template.yaml"
                                + " (did you mean InventoryFunction?): valid ids: OrderApiFunction, EventRelayFunction"),
                Arguments.of(
                        new String[] {"invoke", "InventoryFunction", "--event", order, "--given", bad.toString()},
                        3,
                        "eventflow invoke: given file " + bad + " is not valid JSON"),
                Arguments.of(
                        new String[] {"invoke", "InventoryFunction", "--event", order, "--endpoint", "localhost:5000"},
                        2,
                        "eventflow invoke: --endpoint 'localhost:5000' is not an http(s) URL"),
                Arguments.of(
                        new String[] {"publish", "events/none.json"},
                        3,
                        "eventflow publish: envelope file events/none.json not found"),
                Arguments.of(
                        new String[] {"publish", badEnvelope.toString()},
                        3,
                        "eventflow publish: " + badEnvelope + ": envelope 1 of 1"),
                Arguments.of(
                        new String[] {"redrive", "Nope", "--inspect"},
                        3,
                        "eventflow redrive: no dead-letter queue 'Nope' in template.yaml: pass one of"
                                + " EventBusTargetDLQ, InventoryDLQ"),
                Arguments.of(
                        new String[] {"redrive", "InventoryQueue"},
                        3,
                        "eventflow redrive: InventoryQueue is not a dead-letter queue"),
                Arguments.of(
                        new String[] {"trace", "not an id"},
                        3,
                        "eventflow trace: 'not an id' is not an order id: pass ORD-..."),
                // no running `up`: say so, and what to do
                Arguments.of(
                        new String[] {"inspect"},
                        4,
                        "eventflow inspect: no running `up` in this checkout: start `./eventflow up` first, or pass --endpoint URL"),
                Arguments.of(new String[] {"trace", "ORD-1"}, 4, "eventflow trace: no running `up`"),
                Arguments.of(
                        new String[] {"redrive", "InventoryDLQ", "--inspect"}, 4, "eventflow redrive: no running `up`"),
                Arguments.of(new String[] {"replay", "--stream", "ORD-1"}, 4, "eventflow replay: no running `up`"),
                Arguments.of(new String[] {"recover"}, 4, "eventflow recover: no running `up`"),
                Arguments.of(
                        new String[] {"recover", "--rate", "0"}, 2, "eventflow recover: --rate must be at least 1"),
                Arguments.of(new String[] {"logs"}, 4, "eventflow logs: no logs yet in"),
                Arguments.of(
                        new String[] {
                            "invoke",
                            "SqsFunction",
                            "--event",
                            order,
                            "--template",
                            TestTemplates.path().toString(),
                            "--endpoint",
                            "http://127.0.0.1:9"
                        },
                        4,
                        "eventflow invoke: cannot reach http://127.0.0.1:9 (Connection refused)"),
                Arguments.of(
                        new String[] {"up", "--emulator", "docker"},
                        2,
                        "eventflow up: --emulator must be one of moto, localstack"),
                Arguments.of(
                        new String[] {"inspect", "--endpoint", "http://127.0.0.1:9"},
                        4,
                        "eventflow inspect: cannot reach http://127.0.0.1:9 (Connection refused)")));
        for (String verb : List.of(
                "invoke",
                "up",
                "publish",
                "inspect",
                "trace",
                "logs",
                "replay",
                "recover",
                "redrive",
                "rebuild-projection",
                "bench")) {
            rows.add(Arguments.of(new String[] {verb, "--help"}, 0, "Usage: eventflow " + verb));
            rows.add(Arguments.of(new String[] {verb, "-h"}, 0, "Usage: eventflow " + verb));
            rows.add(Arguments.of(
                    new String[] {verb, "--bogus"}, 2, "eventflow " + verb + ": unknown option '--bogus'"));
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{index}: eventflow {0} -> {1}")
    @MethodSource("rows")
    void row(String[] args, int exit, String firstLine) {
        int code = run(args);
        String line = exit == 0 || args.length == 0 ? firstLine(code == 0 ? stdout : stderr) : firstLine(stderr);
        assertThat(code).as(stderr.toString(StandardCharsets.UTF_8)).isEqualTo(exit);
        assertThat(line).startsWith(firstLine);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).doesNotContain("\tat ", "Exception in thread");
    }

    @Test
    void debugAddsTheStackTraceUnderTheOneLineError() {
        assertThat(run("up", "--port", "70000", "--debug")).isEqualTo(ExitCode.USAGE);
        assertThat(firstLine(stderr)).isEqualTo("eventflow up: --port must be 0..65535 (0 = any free port), got 70000");
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("\tat io.eventflow.runtime.cli.UpCommand");
    }

    @Test
    void busyPortSaysPortNAndTouchesNothing() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThat(run("up", "--port", Integer.toString(busy.getLocalPort())))
                    .isEqualTo(ExitCode.ENVIRONMENT);
            assertThat(firstLine(stderr))
                    .isEqualTo(
                            "eventflow up: port " + busy.getLocalPort() + " on 127.0.0.1 is in use (another"
                                    + " `up`, or another program): pass --port N for another port, or --port 0 for any free one");
            assertThat(state.resolve("runtime.json")).doesNotExist();
        }
    }

    /** A running `up` (this JVM's pid owns runtime.json): a second `up` is refused and leaves the file as it was. */
    @Test
    void aSecondUpNeverBreaksTheRunningOne() throws Exception {
        String running = "{\"endpoint\":\"http://127.0.0.1:9\",\"port\":3999,\"pid\":"
                + ProcessHandle.current().pid() + "}\n";
        Files.writeString(state.resolve("runtime.json"), running);
        assertThat(run("up", "--port", "0")).isEqualTo(ExitCode.ENVIRONMENT);
        assertThat(firstLine(stderr))
                .startsWith("eventflow up: an `up` is already running in this checkout (pid "
                        + ProcessHandle.current().pid() + ", API http://127.0.0.1:3999)");
        assertThat(Files.readString(state.resolve("runtime.json"))).isEqualTo(running);
    }

    /** Only its owner removes runtime.json; a file of a process that is gone counts as no `up`. */
    @Test
    void runtimeFileBelongsToItsWriter() throws Exception {
        var dir = new io.eventflow.runtime.ops.StateDir(state);
        Files.writeString(dir.runtimeFile(), "{\"endpoint\":\"http://127.0.0.1:9\",\"port\":3999,\"pid\":999999999}\n");
        assertThat(dir.running()).isEmpty();
        dir.clearRuntime();
        assertThat(dir.runtimeFile()).exists();
        dir.writeRuntime(java.util.Map.of("endpoint", "http://127.0.0.1:9", "port", 3999));
        assertThat(dir.running()).isPresent();
        dir.clearRuntime();
        assertThat(dir.runtimeFile()).doesNotExist();
    }

    /** The URL `ready` printed is the runtime's API, not an AWS endpoint: mapped to the emulator of runtime.json. */
    @Test
    void inspectAcceptsTheRuntimesOwnApiUrl() throws Exception {
        Files.writeString(
                state.resolve("runtime.json"),
                "{\"endpoint\":\"http://127.0.0.1:9\",\"port\":3999,\"pid\":"
                        + ProcessHandle.current().pid() + "}\n");
        assertThat(run("inspect", "--endpoint", "http://127.0.0.1:3999")).isEqualTo(ExitCode.ENVIRONMENT);
        assertThat(firstLine(stderr))
                .isEqualTo("note: http://127.0.0.1:3999 is the API of the running `up`; using its emulator"
                        + " endpoint http://127.0.0.1:9");
        assertThat(stderr.toString(StandardCharsets.UTF_8)
                        .lines()
                        .skip(1)
                        .findFirst()
                        .orElse(""))
                .startsWith("eventflow inspect: cannot reach http://127.0.0.1:9");
    }

    /** The launcher's own verbs (bash) refuse unknown options too and have --help. */
    @ParameterizedTest(name = "./eventflow {0} -> {1}")
    @MethodSource("launcherRows")
    void launcherRow(String[] args, int exit, String firstLine) throws Exception {
        List<String> command = new ArrayList<>(
                List.of("bash", RepoRoot.find().resolve("eventflow").toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(err).isEqualTo(exit);
        assertThat((exit == 0 ? out : err).lines().findFirst().orElse("")).startsWith(firstLine);
    }

    static Stream<Arguments> launcherRows() {
        return Stream.of(
                Arguments.of(
                        new String[] {"setup", "--bogus"},
                        2,
                        "eventflow setup: unknown option '--bogus'; see ./eventflow setup --help"),
                Arguments.of(new String[] {"setup", "--help"}, 0, "Usage: ./eventflow setup"),
                Arguments.of(new String[] {"test", "-h"}, 0, "Usage: ./eventflow test"),
                Arguments.of(
                        new String[] {"test", "--fast"},
                        2,
                        "eventflow test: unknown option '--fast' (it takes -P<profile>"));
    }
}
