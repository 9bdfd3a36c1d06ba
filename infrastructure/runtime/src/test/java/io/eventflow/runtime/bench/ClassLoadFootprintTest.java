package io.eventflow.runtime.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The class-load log as JDK 21-25 write it with {@code -Xlog:class+load=debug:file=...:tid}. */
class ClassLoadFootprintTest {
    @Test
    void countsTheClassesAUrlClassLoaderDefinedPerSourcePairedByThread(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("class-load.log");
        Files.writeString(
                log,
                String.join(
                        "\n",
                        "[12345] java.lang.Object source: shared objects file",
                        "[12345] io.eventflow.runtime.Json source: file:/repo/runtime/target/classes/",
                        // another thread's class between a pair's two lines; a 3-digit thread id padded to 5
                        "[307  ] com.fasterxml.jackson.databind.ObjectMapper source: file:/m2/jackson-databind.jar",
                        "[12345]  klass: 0x1 super: 0x2 loader: [loader data: 0x3 for instance a 'jdk/internal/loader/ClassLoaders$AppClassLoader'{0x4}] bytes: 1",
                        "[307  ]  klass: 0x5 super: 0x6 loader: [loader data: 0x7 for instance a 'java/net/URLClassLoader'{0x8}] bytes: 2",
                        "[307  ] com.fasterxml.jackson.core.JsonFactory source: file:/m2/jackson-core.jar",
                        "[307  ]  klass: 0x9 super: 0x6 loader: [loader data: 0x7 for instance a 'java/net/URLClassLoader'{0x8}] bytes: 2",
                        "[307  ] io.eventflow.sms.SmsHandler source: file:/art/",
                        "[307  ]  klass: 0xa super: 0x6 loader: [loader data: 0x7 for instance a 'java/net/URLClassLoader'{0x8}] bytes: 2",
                        ""));
        var counts = ClassLoadFootprint.functionClassSources(log);
        assertThat(counts)
                .containsOnlyKeys(
                        Path.of("/m2/jackson-databind.jar"), Path.of("/m2/jackson-core.jar"), Path.of("/art"));
        assertThat(counts.get(Path.of("/art"))).isEqualTo(1);
    }
}
