package io.eventflow.emulator;

import io.eventflow.emulator.template.Model;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one model of template.yaml, read offline: as written (what tables are created from) and as deployed. */
class TemplateTest {
    private final Template project = Template.project();

    @Test
    void tableSchemaIsWhatCreateTableIsGiven() {
        Model.TableSchema events = project.tableSchema("EventStoreTable");
        assertThat(events.keyNames()).containsExactly("streamId", "sequence");
        assertThat(events.attributeTypes()).containsEntry("sequence", "N").containsEntry("eventType", "S");
        assertThat(events.indexes()).singleElement().satisfies(i -> {
            assertThat(i.name()).isEqualTo("ByTypeAndTime");
            assertThat(i.keyNames()).containsExactly("eventType", "typeTime");
            assertThat(i.projectionType()).isEqualTo("ALL");
        });
        assertThat(events.streamViewType()).isNotNull();
        assertThatThrownBy(() -> project.tableSchema("OrderApiFunction")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("OrderApiFunction").hasMessageContaining("AWS::DynamoDB::Table");
    }

    @Test
    void theSameReadResolvesNamesWithTheParametersDefaults() {
        assertThat(project.table("EventStoreTable")).map(Model.Table::name).contains("eventflow-events-dev");
        assertThat(project.account()).isEqualTo(io.eventflow.emulator.template.Account.placeholder());
        assertThat(project.tables()).extracting(Model.Table::logicalId)
                .containsExactlyInAnyOrderElementsOf(project.logicalIdsOfType("AWS::DynamoDB::Table"));
    }

    @Test
    void shortFormIntrinsicsAreReadInTheirLongForm(@TempDir Path dir) throws Exception {
        Path p = dir.resolve("t.yaml");
        Files.writeString(p, """
                Resources:
                  T:
                    Type: AWS::DynamoDB::Table
                    Properties:
                      TableName: !Sub 'x-${AWS::Region}'
                      StreamArn: !GetAtt T.StreamArn
                      KeySchema: [{AttributeName: id, KeyType: HASH}]
                      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
                """);
        Template t = Template.load(p);
        assertThat(t.properties("T", "AWS::DynamoDB::Table")).containsEntry("TableName", Map.of("Fn::Sub", "x-${AWS::Region}"))
                .containsEntry("StreamArn", Map.of("Fn::GetAtt", List.of("T", "StreamArn")));
        assertThat(t.tables()).singleElement().extracting(Model.Table::name).isEqualTo("x-us-east-1");
        assertThat(t.tableSchema("T").streamViewType()).isNull();
        assertThat(t.tableSchema("T").ttlAttribute()).isNull();
    }
}
