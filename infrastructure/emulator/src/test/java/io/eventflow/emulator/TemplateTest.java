package io.eventflow.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventflow.emulator.template.Model;
import io.eventflow.emulator.template.Values;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        assertThatThrownBy(() -> project.tableSchema("OrderApiFunction"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("OrderApiFunction")
                .hasMessageContaining("AWS::DynamoDB::Table");
    }

    @Test
    void theSameReadResolvesNamesWithTheParametersDefaults() {
        assertThat(project.table("EventStoreTable")).map(Model.Table::name).contains("eventflow-events-dev");
        assertThat(project.account()).isEqualTo(io.eventflow.emulator.template.Account.placeholder());
        assertThat(project.tables())
                .extracting(Model.Table::logicalId)
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
        assertThat(t.properties("T", "AWS::DynamoDB::Table"))
                .containsEntry("TableName", Map.of("Fn::Sub", "x-${AWS::Region}"))
                .containsEntry("StreamArn", Map.of("Fn::GetAtt", List.of("T", "StreamArn")));
        assertThat(t.tables()).singleElement().extracting(Model.Table::name).isEqualTo("x-us-east-1");
        assertThat(t.tableSchema("T").streamViewType()).isNull();
        assertThat(t.tableSchema("T").ttlAttribute()).isNull();
    }

    @Test
    void aParameterWithoutDefaultTakesItsLocalValueAndRulesReadInTheirLongForm(@TempDir Path dir) throws Exception {
        Path p = dir.resolve("t.yaml");
        Files.writeString(p, """
                Metadata:
                  Eventflow:
                    LocalParameters: {Environment: dev}
                Parameters:
                  Environment: {Type: String, AllowedValues: [dev, prod]}
                  Stage: {Type: String, Default: dev}
                Rules:
                  R:
                    RuleCondition: !Not [!Contains [[dev], !Ref Environment]]
                    Assertions: [{Assert: !Equals [!Ref Stage, dev]}]
                Resources: {}
                """);
        assertThat(Template.load(p).parameters())
                .containsEntry("Environment", "dev")
                .containsEntry("Stage", "dev");
        assertThat(Template.offline(p, Map.of("Environment", "prod")).parameters())
                .containsEntry("Environment", "prod");
        assertThat(Values.map(Values.map(Template.load(p).root().get("Rules")).get("R"))
                        .get("RuleCondition"))
                .isEqualTo(Map.of(
                        "Fn::Not",
                        List.of(Map.of("Fn::Contains", List.of(List.of("dev"), Map.of("Ref", "Environment"))))));
    }

    @Test
    void jsonValuedPropertiesAreCompactJsonInTheirOrder() {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("total", List.of(Map.of("numeric", List.of(">", 100))));
        detail.put("paid", List.of(true));
        Map<String, Object> pattern = new LinkedHashMap<>();
        pattern.put("source", List.of(Map.of("prefix", "eventflow.")));
        pattern.put("detail", detail);
        assertThat(Values.jsonText(pattern))
                .isEqualTo(
                        "{\"source\":[{\"prefix\":\"eventflow.\"}],\"detail\":{\"total\":[{\"numeric\":[\">\",100]}],\"paid\":[true]}}");
        assertThat(Values.jsonText("{\"a\": 1}")).isEqualTo("{\"a\": 1}");
    }
}
