package io.eventflow.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventflow.runtime.Json;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MixTest {
    @Test
    void sharesAreNormalisedAndEachOrdersPathFollowsFromTheSeed() {
        Mix mix = Mix.parse("shipped=8, stock=1,payment=1");

        assertThat(mix.shares())
                .containsExactly(Map.entry("shipped", 0.8), Map.entry("stock", 0.1), Map.entry("payment", 0.1));
        Map<String, Integer> counts = new HashMap<>();
        for (int n = 0; n < 10_000; n++) {
            counts.merge(mix.pathOf(42, n), 1, Integer::sum);
            assertThat(mix.pathOf(42, n)).isEqualTo(mix.pathOf(42, n));
        }
        assertThat(counts.get("shipped")).isBetween(7_800, 8_200);
        assertThat(counts.get("stock")).isBetween(900, 1_100);
        assertThat(Mix.parse("stock=1").pathOf(1, 7)).isEqualTo("stock");
    }

    @Test
    void badMixesAreRefused() {
        assertThatThrownBy(() -> Mix.parse("shipped")).hasMessageContaining("path=share pairs");
        assertThatThrownBy(() -> Mix.parse("shipped=-1")).hasMessageContaining("must be >= 0");
        assertThatThrownBy(() -> Mix.parse("shipped=0")).hasMessageContaining("sum to 0");
        assertThatThrownBy(() -> Mix.parse("shipped=x")).hasMessageContaining("not a number");
    }

    @Test
    void eachPathAsksForWhatMakesItEndThatWay() {
        Mix.Catalog c = new Mix.Catalog("IN", "OUT");

        assertThat(Json.parse(Mix.body("stock", 3, "t", c)).at("/items/0/sku").asText())
                .isEqualTo("OUT");
        assertThat(Json.parse(Mix.body("payment", 3, "t", c)).path("customerId").asText())
                .startsWith("CUST-DECLINE-");
        assertThat(Json.parse(Mix.body("shipped", 3, "t", c)).at("/items/0/sku").asText())
                .isEqualTo("IN");
    }
}
