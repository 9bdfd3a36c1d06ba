package io.eventflow.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TargetSpecTest {
    @Test
    void thePropertyWinsOverTheVariableAndLocalIsTheDefault() {
        Map<String, String> none = Map.of();
        Map<String, String> env = Map.of(TargetSpec.VARIABLE, "stack:eventflow-dev");
        assertThat(TargetSpec.selected(none::get, none::get)).isEqualTo(new TargetSpec(TargetSpec.Kind.LOCAL, null));
        assertThat(TargetSpec.selected(none::get, env::get).value()).isEqualTo("eventflow-dev");
        assertThat(TargetSpec.selected(Map.of(TargetSpec.PROPERTY, "localstack")::get, env::get)
                        .kind())
                .isEqualTo(TargetSpec.Kind.LOCALSTACK);
    }

    @Test
    void upTakesTheApiUrlAndStackTheName() {
        assertThat(TargetSpec.parse("up:http://127.0.0.1:3000/"))
                .isEqualTo(new TargetSpec(TargetSpec.Kind.UP, "http://127.0.0.1:3000"));
        assertThat(TargetSpec.parse("stack:eventflow-dev").toString()).isEqualTo("stack:eventflow-dev");
    }

    @Test
    void anUnknownTargetNamesTheOnesThereAre() {
        assertThatThrownBy(() -> TargetSpec.parse("prod"))
                .hasMessageContaining("local, localstack, up:<api url>, stack:<cloudformation stack name>");
        assertThatThrownBy(() -> TargetSpec.parse("stack:")).isInstanceOf(IllegalArgumentException.class);
    }
}
