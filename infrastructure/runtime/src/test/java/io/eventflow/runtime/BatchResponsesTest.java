package io.eventflow.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventflow.runtime.invoke.InvocationResult;
import io.eventflow.runtime.sources.BatchResponses;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The partial batch response table of the runtime README, row by row. */
class BatchResponsesTest {
    private static final Set<String> IDS = Set.of("m1", "m2");

    private static BatchResponses.Verdict sqs(String payload) {
        return BatchResponses.judge(new InvocationResult.Success("r", payload, 1), true, IDS, true);
    }

    @Test
    void successRows() {
        assertThat(sqs("{\"batchItemFailures\":[]}").allSucceeded()).isTrue();
        assertThat(sqs("{\"batchItemFailures\":null}").allSucceeded()).isTrue();
        assertThat(sqs("{}").allSucceeded()).isTrue();
        assertThat(sqs("null").allSucceeded()).isTrue();
    }

    @Test
    void partialRow() {
        var v = sqs("{\"batchItemFailures\":[{\"itemIdentifier\":\"m2\"}]}");
        assertThat(v.complete()).isFalse();
        assertThat(v.failedIds()).isEqualTo(List.of("m2"));
    }

    @Test
    void completeFailureRows() {
        assertThat(sqs("{not json").complete()).isTrue();
        assertThat(sqs("{\"batchItemFailures\":[{\"itemIdentifier\":\"\"}]}").complete())
                .isTrue();
        assertThat(sqs("{\"batchItemFailures\":[{\"itemIdentifier\":null}]}").complete())
                .isTrue();
        assertThat(sqs("{\"batchItemFailures\":[{\"id\":\"m1\"}]}").complete()).isTrue();
        assertThat(sqs("{\"batchItemFailures\":[{\"itemIdentifier\":\"other\"}]}")
                        .complete())
                .isTrue();
        assertThat(BatchResponses.judge(new InvocationResult.Failure("r", "E", "m", false, 1), true, IDS, true)
                        .complete())
                .isTrue();
    }

    @Test
    void withoutReportBatchItemFailuresTheBodyIsIgnored() {
        var v = BatchResponses.judge(
                new InvocationResult.Success("r", "{\"batchItemFailures\":[{\"itemIdentifier\":\"m2\"}]}", 1),
                false,
                IDS,
                true);
        assertThat(v.allSucceeded()).isTrue();
    }

    @Test
    void streamsDoNotRequireKnownIds() {
        var v = BatchResponses.judge(
                new InvocationResult.Success("r", "{\"batchItemFailures\":[{\"itemIdentifier\":\"99\"}]}", 1),
                true,
                Set.of("1", "2"),
                false);
        assertThat(v.complete()).isFalse();
        assertThat(v.failedIds()).containsExactly("99");
    }
}
