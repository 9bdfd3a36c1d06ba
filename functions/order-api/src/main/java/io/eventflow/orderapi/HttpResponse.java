package io.eventflow.orderapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventflow.events.EventJson;
import java.util.LinkedHashMap;
import java.util.Map;

/** A response of the API: always a JSON body. */
public record HttpResponse(int status, Map<String, String> headers, String body) {

    public HttpResponse {
        headers = Map.copyOf(headers);
    }

    public static HttpResponse json(int status, JsonNode body) {
        return new HttpResponse(status, Map.of("Content-Type", "application/json"), EventJson.write(body));
    }

    public static HttpResponse error(int status, String message) {
        ObjectNode body = EventJson.mapper().createObjectNode().put("error", message);
        return json(status, body);
    }

    public HttpResponse withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new HttpResponse(status, copy, body);
    }

    /** The body as JSON (tests and callers that inspect it). */
    public JsonNode json() {
        return EventJson.parse(body);
    }
}
