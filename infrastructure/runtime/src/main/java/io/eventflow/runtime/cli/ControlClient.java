package io.eventflow.runtime.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventflow.runtime.Json;
import io.eventflow.runtime.ops.StateDir;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Talks to the running `up`'s {@link ControlServer}. */
final class ControlClient {
    private final StateDir.Running up;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    ControlClient(StateDir.Running up) {
        this.up = up;
    }

    /** The answer of POST path with body; an `up` that does not answer is an environment error. */
    JsonNode post(String path, String body, Duration timeout) {
        try {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + up.controlPort() + path))
                            .timeout(timeout)
                            .header(ControlServer.TOKEN_HEADER, up.controlToken())
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode answer = Json.parse(r.body());
            if (r.statusCode() != 200) {
                if (r.statusCode() == 404) {
                    throw UserError.input(answer.path("message").asText(r.body()));
                }
                throw new UserError(
                        r.statusCode() == 400 ? ExitCode.INPUT : ExitCode.ENVIRONMENT,
                        "the running `up` (pid " + up.pid() + ") refused: "
                                + answer.path("message").asText(r.body()));
            }
            return answer;
        } catch (IOException e) {
            throw UserError.environment("the running `up` (pid " + up.pid() + ") did not answer on its control port "
                    + up.controlPort() + " (" + e.getMessage() + "): restart it, or pass --cold");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw UserError.environment("interrupted");
        }
    }
}
