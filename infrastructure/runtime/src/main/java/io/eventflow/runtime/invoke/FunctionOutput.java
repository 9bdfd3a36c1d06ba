package io.eventflow.runtime.invoke;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Per-function stdout/stderr in one JVM. Lambda gives every function its own process, whose stdout and stderr
 * go to the function's log group; here {@code System.out} and {@code System.err} are replaced once by streams
 * that route each line by the writing thread's {@link ThreadGroup}: every thread of a function sandbox (and
 * every thread those threads start) is in the sandbox's group, and the group maps to that sandbox's sink.
 * Threads outside any sandbox (the runtime itself) write to the original streams. Lines are assembled per
 * thread, so two functions never interleave within a line.
 */
final class FunctionOutput {
    /** Where one sandbox's lines go; {@link #close()} cuts it off (a timed-out invocation keeps no voice). */
    static final class Sink {
        private final PrintStream target;
        private final AtomicLong dropped = new AtomicLong();
        private volatile boolean open = true;

        Sink(PrintStream target) {
            this.target = target;
        }

        void line(String text) {
            if (open) {
                target.println(text);
            } else {
                dropped.incrementAndGet();
            }
        }

        void close() {
            open = false;
        }

        /** Lines written after {@link #close()} and not passed on. */
        long dropped() {
            return dropped.get();
        }
    }

    private static final Map<ThreadGroup, Sink> SINKS = new ConcurrentHashMap<>();
    private static PrintStream originalOut;
    private static PrintStream originalErr;

    private FunctionOutput() {}

    /** Installs the routing streams (once per JVM); threads of {@code group} write to {@code sink}. */
    static synchronized void register(ThreadGroup group, Sink sink) {
        if (originalOut == null) {
            originalOut = System.out;
            originalErr = System.err;
            System.setOut(routing(originalOut));
            System.setErr(routing(originalErr));
        }
        // A closed sandbox's group is forgotten once its last thread is gone; until then its threads stay muted.
        SINKS.entrySet().removeIf(e -> !e.getValue().open && e.getKey().activeCount() == 0);
        SINKS.put(group, sink);
    }

    private static Sink sinkOf(Thread thread) {
        for (ThreadGroup g = thread.getThreadGroup(); g != null; g = g.getParent()) {
            Sink s = SINKS.get(g);
            if (s != null) {
                return s;
            }
        }
        return null;
    }

    private static PrintStream routing(PrintStream fallback) {
        ThreadLocal<ByteArrayOutputStream> pending = ThreadLocal.withInitial(ByteArrayOutputStream::new);
        OutputStream router = new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                Sink sink = sinkOf(Thread.currentThread());
                if (sink == null) {
                    fallback.write(b, off, len);
                    return;
                }
                ByteArrayOutputStream line = pending.get();
                for (int i = off; i < off + len; i++) {
                    if (b[i] == '\n') {
                        sink.line(line.toString(StandardCharsets.UTF_8));
                        line.reset();
                    } else if (b[i] != '\r') {
                        line.write(b[i]);
                    }
                }
            }

            @Override
            public void flush() {
                fallback.flush();
            }
        };
        return new PrintStream(router, true, StandardCharsets.UTF_8);
    }
}
