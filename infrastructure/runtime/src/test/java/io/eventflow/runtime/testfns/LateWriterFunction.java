package io.eventflow.runtime.testfns;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test handler with per-environment state: reports how many times this class was constructed in its
 * classloader and, asked to, sleeps past its timeout and then writes (what a timed-out Lambda can never do).
 */
public class LateWriterFunction {
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    private final int instance = INSTANCES.incrementAndGet();

    public LateWriterFunction() {
        System.out.println("init:" + instance);
    }

    public Map<String, Object> handleRequest(Map<String, Object> event) throws InterruptedException {
        long sleepMs = ((Number) event.getOrDefault("sleepMs", 0)).longValue();
        if (sleepMs > 0) {
            try {
                Thread.sleep(sleepMs);
            } catch (InterruptedException e) {
                // keeps going like code that swallows interrupts: the runtime must still cut it off
            }
            for (int i = 0; i < 50; i++) {
                System.out.println("late:" + i);
                System.err.println("late-err:" + i);
                Thread.sleep(10);
            }
        }
        System.out.println("handled:" + instance);
        return Map.of("instance", instance);
    }
}
