package io.eventflow.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventflow.runtime.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The report of a run against a bare URL (answers only), as JSON and as the HTML page. */
class ReportWritersTest {
    private static final long MS = 1_000_000L;

    private static Report report() {
        Schedule s = Schedule.constant(2, 10);
        List<OpenLoop.Send> sends = new ArrayList<>();
        for (int i = 0; i < s.size(); i++) {
            int status = i == 3 ? 429 : i == 4 ? 0 : 202;
            sends.add(new OpenLoop.Send(
                    i,
                    i % 5 == 0 ? "stock" : "shipped",
                    s.intendedNanos(i),
                    MS,
                    (50 + i * 10) * MS,
                    status,
                    status == 0 ? "timeout: request timed out" : null,
                    status == 202 ? "ORD-" + i : null));
        }
        return Analysis.report(new Analysis.Run(
                new Report.Target("url", "http://127.0.0.1:9/ <x>", "http://127.0.0.1:9/", false),
                new Report.Plan("constant", 2, null, 1, 10, Map.of("shipped", 0.8, "stock", 0.2), 1, 50, 2, 0, 10),
                s,
                1_000_000,
                sends,
                Map.of(),
                1_011_000,
                List.of(),
                List.of(0.0, 2.0),
                Map.of("InventoryQueue", List.of(new int[] {0, 0}, new int[] {3, 1})),
                List.of("the store cannot be read from here"),
                12_000));
    }

    @Test
    void theJsonCountsTheAnswersAndTheirLatencies() throws Exception {
        JsonNode r = Json.parse(Json.MAPPER.writeValueAsString(report()));

        assertThat(r.at("/counts/sent").asInt()).isEqualTo(20);
        assertThat(r.at("/counts/accepted").asInt()).isEqualTo(18);
        assertThat(r.at("/http/classes/2xx").asInt()).isEqualTo(18);
        assertThat(r.at("/http/throttled").asInt()).isEqualTo(1);
        assertThat(r.at("/http/timeouts").asInt()).isEqualTo(1);
        // HdrHistogram keeps 3 significant digits: a value reads back within 0.1%
        assertThat(r.at("/http/latency/max").asDouble()).isCloseTo(240.0, within(0.3));
        assertThat(r.at("/http/latency/p50").asDouble()).isCloseTo(140.0, within(0.2));
        assertThat(r.at("/endToEnd/latency/count").asInt()).isZero();
        assertThat(r.at("/throughput/offered").asDouble()).isEqualTo(2.0);
        assertThat(r.at("/queues/InventoryQueue/maxVisible").asInt()).isEqualTo(3);
        assertThat(r.at("/buckets")).hasSize(2);
        // 2 of the first window's 10 orders failed: more than 1%, so it bent there
        assertThat(r.at("/buckets/0/failed").asInt()).isEqualTo(2);
        assertThat(r.at("/knee/verdict").asText())
                .startsWith("bent at once: more than 1% of the orders of the first window");
        assertThat(r.at("/method").asText()).contains("no coordinated omission");
        assertThat(r.at("/outcomes/stock/sent").asInt()).isEqualTo(4);
        assertThat(Json.parse(report().summary()).path("errors").asInt()).isEqualTo(2);
    }

    @Test
    void thePageIsSelfContainedWithItsCharts() {
        String html = HtmlReport.render(report());

        assertThat(html).startsWith("<!doctype html>").endsWith("</html>\n");
        assertThat(html).doesNotContain("<script").doesNotContain("src=").doesNotContain("<link");
        assertThat(html.split("<svg xmlns").length - 1).isEqualTo(4);
        assertThat(html)
                .contains("http://127.0.0.1:9/ &lt;x&gt;")
                .contains("bent at once")
                .contains("InventoryQueue (max 3)");
    }
}
