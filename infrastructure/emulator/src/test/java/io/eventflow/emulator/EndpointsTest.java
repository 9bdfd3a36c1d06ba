package io.eventflow.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventflow.emulator.Endpoints.Service;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EndpointsTest {
    private static final URI LOCALSTACK = URI.create("http://127.0.0.1:4566");
    private static final URI MOTO = URI.create("http://127.0.0.1:5000");
    private static final URI OTHER = URI.create("http://127.0.0.1:7000");

    @Test
    void theDefaultServesEveryServiceWithoutOverrides() {
        Endpoints e = Endpoints.resolve(LOCALSTACK, Map.of(), name -> null);
        assertThat(e.services())
                .hasSize(Service.values().length)
                .allSatisfy((s, uri) -> assertThat(uri).isEqualTo(LOCALSTACK));
        assertThat(e.single()).isTrue();
    }

    @Test
    void aPerServiceVariableWinsOverTheDefaultAndOverTheEnginesSplit() {
        Map<String, String> env = Map.of("AWS_ENDPOINT_URL_DYNAMODB", OTHER.toString());
        Endpoints e =
                Endpoints.resolve(LOCALSTACK, Map.of(Service.DYNAMODB, MOTO, Service.DYNAMODB_STREAMS, MOTO), env::get);
        assertThat(e.of(Service.DYNAMODB)).isEqualTo(OTHER);
        assertThat(e.of(Service.DYNAMODB_STREAMS)).isEqualTo(MOTO);
        assertThat(e.of(Service.SQS)).isEqualTo(LOCALSTACK);
        assertThat(e.describe()).contains("dynamodb at " + OTHER).contains("dynamodb_streams at " + MOTO);
    }

    @Test
    void functionsGetTheSdksStandardVariablesAndRequestsRouteBySigningName() {
        Endpoints e = Endpoints.resolve(
                LOCALSTACK, Map.of(Service.DYNAMODB, MOTO, Service.DYNAMODB_STREAMS, MOTO), n -> null);
        assertThat(e.environment())
                .containsEntry("AWS_ENDPOINT_URL", LOCALSTACK.toString())
                .containsEntry("AWS_ENDPOINT_URL_DYNAMODB", MOTO.toString())
                .containsEntry("AWS_ENDPOINT_URL_DYNAMODB_STREAMS", MOTO.toString())
                .containsEntry("AWS_ENDPOINT_URL_EVENTBRIDGE", LOCALSTACK.toString());
        assertThat(e.forSigningName("dynamodb")).contains(MOTO); // DynamoDB Streams signs as dynamodb too
        assertThat(e.forSigningName("email")).contains(LOCALSTACK);
        assertThat(e.forSigningName("s3")).isEmpty();
        assertThat(Endpoints.fromEnvironment(e.environment(), n -> null).services())
                .isEqualTo(e.services());
    }
}
