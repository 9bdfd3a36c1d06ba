package io.eventflow.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventflow.emulator.EmulatorExtension;
import io.eventflow.emulator.RepoRoot;
import io.eventflow.emulator.Template;
import io.eventflow.runtime.sources.Activity;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole demo on the real functions and template.yaml: two orders confirmed and shipped, one cancelled for
 * stock, one declined by payment and compensated (stock back), one poison message dead-lettered.
 */
@ExtendWith(EmulatorExtension.class)
class DemoIT {
    @Test
    void threeOrderPathsEndInTheirTerminalStatesAndOnlyThePoisonIsDeadLettered() throws Exception {
        runAndCheck();
    }

    /** The demo on whatever endpoints this JVM's SDK clients are pointed at; returns the account it ran in. */
    static String runAndCheck() throws Exception {
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        PrintStream log = new PrintStream(logs, true);
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(text, true);
        List<Activity.Hop> hops = new CopyOnWriteArrayList<>();
        Clients clients = new Clients();
        Template template = Template.load(
                RepoRoot.find().resolve("template.yaml"), Map.of(), CallerAccount.discover(), clients.queueUrls);
        LocalRuntime.Options options = new LocalRuntime.Options(0, 3, 1, 100, 100, Map.of(), false);
        try (LocalRuntime runtime = new LocalRuntime(template, clients, options, out, log, h -> {
            hops.add(h);
            out.println(Cli.describe(h));
        })) {
            Demo demo = new Demo(runtime, clients, out).prepare();
            runtime.start();
            Map<String, Long> seed =
                    Seed.inventory(clients, template, RepoRoot.find().resolve("events/inventory/seed-stock.json"));
            Demo.Result result = demo.run(seed, 120_000);
            out.println(result.json());
            System.out.println(
                    "[eventflow] demo in account " + template.account().id() + ": " + result.json());
            System.out.println(text);
            assertThat(result.orders()).isEqualTo(4);
            assertThat(result.confirmed()).isEqualTo(2);
            assertThat(result.cancelled()).isEqualTo(2);
            assertThat(result.dlq()).isEqualTo(1);
            assertThat(result.lost()).isZero();
            assertThat(text.toString()).doesNotContain("MISMATCH");
            assertThat(result.passed()).as(text.toString()).isTrue();
            assertThat(hops)
                    .extracting(Activity.Hop::function)
                    .contains(
                            "OrderApiFunction",
                            "EventRelayFunction",
                            "ProjectorFunction",
                            "InventoryFunction",
                            "PaymentFunction",
                            "OrderSagaFunction",
                            "ShippingFunction",
                            "NotifierFunction",
                            "EmailSenderFunction",
                            "SmsSenderFunction");
            return template.account().id();
        } finally {
            System.err.println(logs.toString()
                    .lines()
                    .filter(l -> l.contains("\"ERROR\"") || l.contains("WARN"))
                    .limit(40)
                    .reduce("", (a, b) -> a + b + "\n"));
        }
    }
}
