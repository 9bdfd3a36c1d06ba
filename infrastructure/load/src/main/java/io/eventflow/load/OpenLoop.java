package io.eventflow.load;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventflow.runtime.Json;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * Sends the {@link Schedule}'s orders at their intended times, whatever the answers: each send is asynchronous, and
 * the next one waits only for its own time. Latency is measured from the intended send time, not from when the
 * request left: a generator that fell behind (a busy machine) would otherwise hide the wait it caused. How late the
 * generator itself was is kept too ({@link Send#dispatchLagNanos}).
 */
final class OpenLoop {
    /**
     * One order as sent and answered.
     *
     * @param intendedNanos the intended send time, after the run's start
     * @param dispatchLagNanos how much later than intended the request was handed to the HTTP client
     * @param latencyNanos from the intended send time to the answer (or the error)
     * @param status the HTTP status, or 0 when there was none (time-out, I/O error)
     */
    record Send(
            int index,
            String path,
            long intendedNanos,
            long dispatchLagNanos,
            long latencyNanos,
            int status,
            String error,
            String orderId) {
        boolean accepted() {
            return status / 100 == 2 && orderId != null;
        }

        boolean timedOut() {
            return error != null && error.startsWith("timeout");
        }
    }

    private OpenLoop() {}

    /**
     * Sends every order of {@code schedule} from {@code startNanos} ({@link System#nanoTime()} scale) and waits for
     * the last answer; each request carries the client's time-out, so this ends.
     */
    static List<Send> run(
            Schedule schedule,
            long startNanos,
            IntFunction<String> pathOf,
            IntFunction<HttpRequest> requestOf,
            HttpClient http,
            Runnable everySecond) {
        int n = schedule.size();
        AtomicReferenceArray<Send> sends = new AtomicReferenceArray<>(n);
        List<CompletableFuture<?>> pending = new ArrayList<>(n);
        long nextTick = startNanos + 1_000_000_000L;
        for (int i = 0; i < n; i++) {
            long intended = schedule.intendedNanos(i);
            long due = startNanos + intended;
            for (long now = System.nanoTime(); now < due; now = System.nanoTime()) {
                if (now >= nextTick) {
                    everySecond.run();
                    nextTick += 1_000_000_000L;
                }
                LockSupport.parkNanos(Math.min(due, nextTick) - now);
            }
            int index = i;
            String path = pathOf.apply(i);
            long dispatchLag = System.nanoTime() - due;
            HttpRequest request;
            try {
                request = requestOf.apply(i);
            } catch (RuntimeException e) {
                sends.set(
                        i, new Send(i, path, intended, dispatchLag, System.nanoTime() - due, 0, "request: " + e, null));
                continue;
            }
            pending.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                    .handle((r, e) -> {
                        long latency = System.nanoTime() - due;
                        sends.set(
                                index,
                                e == null
                                        ? new Send(
                                                index,
                                                path,
                                                intended,
                                                dispatchLag,
                                                latency,
                                                r.statusCode(),
                                                null,
                                                orderId(r))
                                        : new Send(index, path, intended, dispatchLag, latency, 0, error(e), null));
                        return null;
                    }));
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
        everySecond.run();
        List<Send> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(sends.get(i));
        }
        return out;
    }

    private static String orderId(HttpResponse<String> r) {
        if (r.statusCode() / 100 != 2) {
            return null;
        }
        try {
            JsonNode n = Json.parse(r.body());
            return n.path("orderId").asText(null);
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    private static String error(Throwable e) {
        Throwable cause =
                e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof HttpTimeoutException) {
            return "timeout: " + cause.getMessage();
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }
}
