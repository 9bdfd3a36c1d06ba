package io.eventflow.runtime.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --env KEY=VALUE}: an environment variable for the functions (over the template's Environment). */
public final class EnvOptions {
    @Option(
            names = "--env",
            paramLabel = "KEY=VALUE",
            description = "an environment variable for the functions (repeatable)")
    Map<String, String> env = new LinkedHashMap<>();

    public Map<String, String> env() {
        return env;
    }
}
