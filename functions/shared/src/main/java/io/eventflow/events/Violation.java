package io.eventflow.events;

/** One schema violation: where (a JSON path such as {@code $.data.items[0].quantity}) and what. */
public record Violation(String path, String message) {
    @Override
    public String toString() {
        return path + ": " + message;
    }
}
