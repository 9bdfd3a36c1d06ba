package io.eventflow.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class ScheduleTest {
    private static final long MS = 1_000_000L;

    @Test
    void aConstantRateSpacesEveryOrderOneOverTheRateApart() {
        Schedule s = Schedule.constant(5, 4);

        assertThat(s.size()).isEqualTo(20);
        assertThat(s.steps()).hasSize(1);
        for (int i = 0; i < 20; i++) {
            assertThat(s.intendedNanos(i)).isEqualTo(i * 200 * MS);
        }
        assertThat(s.durationNanos()).isEqualTo(4_000 * MS);
    }

    @Test
    void aRampIsEqualStepsOfConstantRatesFromTheFirstRateToTheLast() {
        Schedule s = Schedule.ramp(2, 10, 5, 10);

        assertThat(s.steps()).extracting(Schedule.Step::rate).containsExactly(2.0, 4.0, 6.0, 8.0, 10.0);
        assertThat(s.steps()).extracting(Schedule.Step::count).containsExactly(4, 8, 12, 16, 20);
        assertThat(s.size()).isEqualTo(60);
        assertThat(s.peakRate()).isEqualTo(10.0);
        // the third step starts at 4 s with its first order, then every 1/6 s
        Schedule.Step third = s.steps().get(2);
        assertThat(s.stepOf(third.first())).isEqualTo(2);
        assertThat(s.intendedNanos(third.first())).isEqualTo(4_000 * MS);
        assertThat(s.intendedNanos(third.first() + 3)).isEqualTo(4_500 * MS);
        for (int i = 1; i < s.size(); i++) {
            assertThat(s.intendedNanos(i)).isGreaterThan(s.intendedNanos(i - 1));
        }
        assertThat(s.intendedNanos(s.size() - 1)).isLessThan(s.durationNanos());
    }

    @Test
    void aRateTooLowForItsStepSendsNothingInItButKeepsTheStep() {
        Schedule s = Schedule.ramp(0.5, 2, 2, 2);

        assertThat(s.steps()).extracting(Schedule.Step::count).containsExactly(0, 2);
        assertThat(s.stepOf(0)).isEqualTo(1);
        assertThat(s.intendedNanos(1)).isEqualTo(1_500 * MS);
        assertThatThrownBy(() -> Schedule.constant(0, 5)).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * A server that answers one request at a time, 300 ms each: a closed loop would send the 10th order after nine
     * answers; the open loop sends it at 0.9 s, so its latency, measured from then, holds the wait the server caused.
     */
    @Test
    void sendsDoNotWaitForAnswersAndLatencyRunsFromTheIntendedTime() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.setExecutor(Executors.newSingleThreadExecutor());
        server.createContext("/orders", x -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = "{\"orderId\":\"ORD-1\"}".getBytes(StandardCharsets.UTF_8);
            x.sendResponseHeaders(202, body.length);
            x.getResponseBody().write(body);
            x.close();
        });
        server.start();
        try {
            Schedule s = Schedule.constant(10, 1);
            URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/orders");
            List<OpenLoop.Send> sends = OpenLoop.run(
                    s,
                    System.nanoTime(),
                    i -> "shipped",
                    i -> HttpRequest.newBuilder(uri)
                            .POST(HttpRequest.BodyPublishers.ofString("{}"))
                            .build(),
                    HttpClient.newHttpClient(),
                    () -> {});

            assertThat(sends).hasSize(10).allMatch(OpenLoop.Send::accepted);
            assertThat(sends)
                    .extracting(OpenLoop.Send::intendedNanos)
                    .containsExactly(
                            0L, 100 * MS, 200 * MS, 300 * MS, 400 * MS, 500 * MS, 600 * MS, 700 * MS, 800 * MS,
                            900 * MS);
            // ten answers, one after the other, take >= 3 s from the first send; the order answered last was meant for
            // 0.9 s at the latest
            assertThat(sends.stream()
                            .mapToLong(OpenLoop.Send::latencyNanos)
                            .max()
                            .orElseThrow())
                    .isGreaterThanOrEqualTo(2_100 * MS);
        } finally {
            server.stop(0);
        }
    }
}
