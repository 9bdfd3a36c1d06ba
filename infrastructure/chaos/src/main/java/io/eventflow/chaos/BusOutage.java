package io.eventflow.chaos;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventflow.runtime.LocalRuntime;
import io.eventflow.runtime.cli.OpsCommands;
import io.eventflow.runtime.invoke.InvocationResult;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The bus-outage fault: EventBridge PutEvents refused ({@link ChaosProxy#startBusOutage}) for longer than the relay's
 * retry budget, which a local run scales down from the template's 24 h to half the outage while it lasts. The relay
 * gives up the records it could not publish (their metadata goes to RelayFailureQueue); once the run is quiet,
 * {@link #recover} runs the recovery (ReplayFunction, mode recover, what {@code ./eventflow recover} sends) and
 * waits for quiet again. The invariants then check that every order still finished, every notification went out
 * exactly once and the failure queue is empty.
 */
final class BusOutage {
    static final String RELAY = "EventRelayFunction";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Failure records a recovery may leave (its events not all sent): tried again this many times. */
    private static final int RECOVERY_RUNS = 3;

    private final int seconds;
    private final LocalRuntime runtime;
    private final ChaosProxy proxy;
    private final PrintStream progress;
    private final AtomicBoolean started = new AtomicBoolean();
    private final Map<String, Long> counters = new LinkedHashMap<>();

    BusOutage(int seconds, LocalRuntime runtime, ChaosProxy proxy, PrintStream progress) {
        this.seconds = seconds;
        this.runtime = runtime;
        this.proxy = proxy;
        this.progress = progress;
    }

    /** The relay's local retry budget during the outage: records older than this are given up. */
    int relayBudgetSeconds() {
        return Math.max(1, seconds / 2);
    }

    /** The order number whose placement starts the outage (in the middle half of the run), or -1 when off. */
    static int startOrder(FaultPlan plan, int orders, int seconds) {
        return seconds > 0 ? (int) (orders * (0.25 + 0.5 * plan.unit("bus-outage", "start"))) : -1;
    }

    /** Bus down for the outage, the relay's budget scaled down while it lasts, then the template's budget again. */
    void start(int atOrder) {
        if (!started.compareAndSet(false, true)) {
            return;
        }
        runtime.capRecordAge(RELAY, relayBudgetSeconds());
        proxy.startBusOutage(seconds);
        progress.println("chaos: bus outage of " + seconds + " s starts at order #" + atOrder + " (relay budget "
                + relayBudgetSeconds() + " s while it lasts)");
        counters.put("busOutageSeconds", (long) seconds);
        counters.put("busOutageStartedAtOrder", (long) atOrder);
        Thread.ofPlatform().daemon().name("chaos-bus-outage").start(() -> {
            try {
                Thread.sleep(seconds * 1000L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                runtime.capRecordAge(RELAY, null);
            }
        });
    }

    /**
     * Runs the recovery until the failure queue is empty (or {@link #RECOVERY_RUNS} runs), waiting for quiet after
     * each. Nothing happens when the outage did not start.
     *
     * @return whether the run was quiet at the end
     */
    boolean recover(ReplayPhase.Quiescence quiescence, long deadline) throws Exception {
        if (!started.get()) {
            return true;
        }
        long t0 = System.currentTimeMillis();
        long records = 0;
        long recovered = 0;
        long sent = 0;
        boolean quiet = false;
        for (int run = 0; run < RECOVERY_RUNS; run++) {
            InvocationResult r = runtime.container("ReplayFunction")
                    .invoke(JSON.writeValueAsString(OpsCommands.Recover.request(500, null, false)));
            if (!(r instanceof InvocationResult.Success s)) {
                progress.println("chaos: recovery failed: " + ((InvocationResult.Failure) r).errorMessage());
                break;
            }
            Map<String, Object> report = JSON.readValue(s.payload(), new TypeReference<>() {});
            long got = ((Number) report.get("records")).longValue();
            long done = ((Number) report.get("recovered")).longValue();
            records += got;
            recovered += done;
            sent += ((Number) report.get("sent")).longValue();
            quiet = quiescence.await(deadline);
            if (got == done) {
                break;
            }
        }
        counters.put("relayFailureRecords", records);
        counters.put("recoveredRecords", recovered);
        counters.put("recoveredEvents", sent);
        counters.put("recoveryMs", System.currentTimeMillis() - t0);
        progress.println("chaos: recovery: " + recovered + " of " + records + " relay failure record(s) recovered, "
                + sent + " event(s) re-published as first deliveries, " + (System.currentTimeMillis() - t0) + " ms");
        return quiet;
    }

    /** For the report's faults. */
    Map<String, Long> counters() {
        return Map.copyOf(counters);
    }
}
