package io.eventflow.templatechecks;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventflow.emulator.RepoRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The root Makefile (sam build's BuildMethod makefile) and samconfig.toml agree with the architecture. */
class BuildConfigTest {
    private static final Pattern MODULE_LINE =
            Pattern.compile("^MODULE_(\\w+Function)\\s*:=\\s*(\\S+)\\s*$", Pattern.MULTILINE);

    @Test
    void makefileMapsEveryFunctionToItsModule() throws IOException {
        String makefile = Files.readString(RepoRoot.find().resolve("Makefile"));
        Map<String, String> modules = new LinkedHashMap<>();
        Matcher m = MODULE_LINE.matcher(makefile);
        while (m.find()) {
            modules.put(m.group(1), m.group(2));
        }
        Map<String, String> expected = new LinkedHashMap<>();
        Architecture.load().functions().values().forEach(f -> expected.put(f.logicalId(), f.module()));
        assertThat(modules).isEqualTo(expected);
        assertThat(makefile).contains("FUNCTIONS := ");
        expected.keySet()
                .forEach(id -> assertThat(makefile).as("FUNCTIONS lists %s", id).containsPattern("\\b" + id + "\\b"));
    }

    @Test
    void samConfigBuildsInSource() throws IOException {
        String samconfig = Files.readString(RepoRoot.find().resolve("samconfig.toml"));
        assertThat(samconfig)
                .containsPattern(
                        "(?m)^\\[default\\.build\\.parameters\\]\\s*\\n(?:#.*\\n|\\s*\\n)*build_in_source\\s*=\\s*true");
    }
}
