package io.eventflow.orderapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.eventflow.events.EventJson;
import io.eventflow.events.MalformedEventException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/** Request body helpers: media type, strict JSON parsing with a position, and the idempotency hash. */
final class JsonBody {
    // Strict: "{...} trailing" is not JSON, even though a lenient reader would stop after the object.
    // (A repeated key is refused by EventJson's mapper itself.)
    private static final ObjectReader READER =
            EventJson.mapper().reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonBody() {}

    /** application/json, with parameters allowed; a charset, when given, must be UTF-8 (RFC 8259). */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String[] parts = contentType.split(";");
        if (!parts[0].trim().equalsIgnoreCase("application/json")) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim();
            int eq = parameter.indexOf('=');
            if (parameter.isEmpty()) {
                continue;
            }
            if (eq < 1) {
                return false;
            }
            String name = parameter.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String value = parameter.substring(eq + 1).trim().replace("\"", "");
            if (name.equals("charset") && !value.equalsIgnoreCase("utf-8")) {
                return false;
            }
        }
        return true;
    }

    /** @throws MalformedEventException naming line and column when the bytes are not one JSON value */
    static JsonNode parse(byte[] body) {
        if (body.length == 0 || new String(body, StandardCharsets.UTF_8).isBlank()) {
            throw new MalformedEventException("empty body: expected a JSON object");
        }
        try {
            return READER.readTree(body);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            // Jackson names the source as "[Source: REDACTED (...); line: 2, ...]": keep only the position.
            String detail = e.getOriginalMessage().replaceAll("\\[Source: [^;\\]]*; ", "[");
            throw new MalformedEventException("malformed JSON" + where + ": " + detail);
        } catch (IOException e) {
            throw new MalformedEventException("unreadable body: " + e.getMessage());
        }
    }

    static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
