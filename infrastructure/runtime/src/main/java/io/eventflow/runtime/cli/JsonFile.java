package io.eventflow.runtime.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.eventflow.runtime.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A JSON file the user named: read and parsed before anything is started, so a bad one costs nothing. */
public record JsonFile(Path path, String text, JsonNode json) {
    public static JsonFile read(Path path, String what, String hint) {
        if (!Files.exists(path)) {
            throw UserError.input(what + " " + path + " not found: " + hint);
        }
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw UserError.input(what + " " + path + " is not a readable file: " + hint);
        }
        String text;
        try {
            text = Files.readString(path);
        } catch (IOException e) {
            throw UserError.input("cannot read " + what + " " + path + ": " + e.getMessage());
        }
        try {
            JsonNode json = Json.MAPPER.readTree(text);
            if (json == null || json.isMissingNode()) {
                throw UserError.input(what + " " + path + " is empty: it must hold one JSON value");
            }
            return new JsonFile(path, text, json);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw UserError.input(what + " " + path + " is not valid JSON"
                    + (at == null
                            ? ""
                            : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ": "
                                    + e.getOriginalMessage().lines().findFirst().orElse("") + ")")
                    + ": fix the file");
        }
    }
}
