package io.eventflow.runtime.testfns;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test handler with per-environment state: reports how many times this class was constructed in its
 * classloader and, asked to, sleeps past its timeout and then writes (what a timed-out Lambda can never do); last
 * it sets the system property "doneProperty" names, so that a test knows the late writes are over.
 */
public class LateWriterFunction {
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    private final int instance = INSTANCES.incrementAndGet();

    public LateWriterFunction() {
        System.out.println("init:" + instance);
    }

    public Map<String, Object> handleRequest(Map<String, Object> event) {
        long sleepMs = ((Number) event.getOrDefault("sleepMs", 0)).longValue();
        if (sleepMs > 0) {
            pause(sleepMs);
            try {
                for (int i = 0; i < 50; i++) {
                    System.out.println("late:" + i);
                    System.err.println("late-err:" + i);
                    pause(10);
                }
            } finally {
                // a property, not a file: the runtime's interrupts would close an interruptible channel
                Object done = event.get("doneProperty");
                if (done != null) {
                    System.setProperty(done.toString(), "done");
                }
            }
        }
        System.out.println("handled:" + instance);
        return Map.of("instance", instance);
    }

    /** Sleeps like code that swallows interrupts: the runtime must still cut it off. */
    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            // keeps going
        }
    }
}
