package io.eventflow.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DocsWriterTest {
    @Test
    void onlyTheTextBetweenTheMarkersIsReplaced() {
        String doc = "intro\n<!-- generated:cost -->\nold\n<!-- /generated:cost -->\noutro\n";
        assertThat(DocsWriter.replace(doc, "cost", "new\n"))
                .isEqualTo("intro\n<!-- generated:cost -->\nnew\n<!-- /generated:cost -->\noutro\n");
    }

    @Test
    void aMissingBlockIsNamed() {
        assertThatThrownBy(() -> DocsWriter.replace("no markers", "summary", "x"))
                .hasMessageContaining("generated:summary");
    }

    @Test
    void theCommittedScalingDocHasEveryGeneratedBlock() throws Exception {
        String doc = java.nio.file.Files.readString(
                io.eventflow.emulator.RepoRoot.find().resolve(DocsWriter.DOC));
        for (String block : new String[] {"run", "inputs", "limits", "summary", "cost", "outputs"}) {
            assertThat(doc)
                    .contains("<!-- generated:" + block + " -->\n")
                    .contains("<!-- /generated:" + block + " -->");
        }
    }
}
