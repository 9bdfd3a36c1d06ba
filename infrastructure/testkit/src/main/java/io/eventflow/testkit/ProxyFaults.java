package io.eventflow.testkit;

import io.eventflow.chaos.ChaosProxy;
import io.eventflow.chaos.FaultPlan;
import java.time.Duration;
import java.util.Map;

/** {@link Faults} on the chaos proxy in front of the in-process runtime: one plan per test, rates 0 or 1. */
final class ProxyFaults implements Faults {
    private static final long SEED = 1;
    private final ChaosProxy proxy;
    private double duplicate;
    private double reorder;
    private double crash;

    ProxyFaults(ChaosProxy proxy) {
        this.proxy = proxy;
    }

    @Override
    public synchronized Faults duplicates() {
        duplicate = 1;
        return apply();
    }

    @Override
    public synchronized Faults reorder() {
        reorder = 1;
        return apply();
    }

    @Override
    public synchronized Faults crashBatches() {
        crash = 1;
        return apply();
    }

    @Override
    public Faults outage(Duration duration) {
        proxy.startOutage(Math.toIntExact(Math.max(1, duration.toSeconds())));
        return this;
    }

    @Override
    public Map<String, Long> injected() {
        return proxy.counters();
    }

    /** No faults, and no outage left running: between tests. */
    synchronized void clear() {
        duplicate = 0;
        reorder = 0;
        crash = 0;
        proxy.startOutage(0);
        apply();
    }

    private Faults apply() {
        proxy.plan(new FaultPlan(SEED, duplicate, reorder, crash, 0, 0, 0));
        return this;
    }
}
