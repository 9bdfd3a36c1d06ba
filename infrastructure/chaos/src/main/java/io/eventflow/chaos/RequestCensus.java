package io.eventflow.chaos;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Where the emulator's requests come from: every SDK request attempt in this JVM, by API ({@code Service.Operation})
 * and caller (the function or Lambda poller a thread works for, as the local runtime names its threads). Registered
 * through the SDK's global interceptor file, so neither functions nor runtime change; the tally lives in a JDK map
 * under a JVM-wide key so copies of this class in per-function class loaders add up to one census. Attempts, not
 * calls: an SDK retry is a request the emulator serves too.
 */
public final class RequestCensus implements ExecutionInterceptor {
    private static final String KEY = "eventflow.chaos.census";

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        try {
            String api = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + "."
                    + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
            tally().computeIfAbsent(api + " " + caller(Thread.currentThread()), k -> new LongAdder())
                    .increment();
        } catch (RuntimeException e) {
            // a census never fails the request it counts
        }
    }

    @SuppressWarnings("unchecked")
    private static ConcurrentHashMap<String, LongAdder> tally() {
        Map<Object, Object> props = System.getProperties();
        synchronized (props) {
            return (ConcurrentHashMap<String, LongAdder>)
                    props.computeIfAbsent(KEY, k -> new ConcurrentHashMap<String, LongAdder>());
        }
    }

    /** "API caller" -> request attempts so far. */
    public static Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        tally().forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    static String caller(Thread thread) {
        String name = thread.getName();
        if (!name.startsWith("fn-")
                && !name.startsWith("sqs-")
                && !name.startsWith("stream-")
                && thread.getThreadGroup() != null) {
            name = thread.getThreadGroup().getName();
        }
        if (name.startsWith("fn-")) {
            return name.substring(3).replaceFirst("-\\d+$", "");
        }
        if (name.startsWith("sqs-") || name.startsWith("stream-")) {
            String rest = name.substring(name.indexOf('-') + 1);
            int arrow = rest.indexOf(" <-");
            return "ESM:" + (arrow < 0 ? rest : rest.substring(0, arrow));
        }
        return "driver";
    }
}
