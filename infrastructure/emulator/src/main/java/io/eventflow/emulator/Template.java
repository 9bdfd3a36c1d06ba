package io.eventflow.emulator;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A CloudFormation/SAM template as plain maps. Short-form intrinsics ({@code !Ref}, {@code !GetAtt},
 * {@code !Sub}, ...) are read into their long form ({@code {"Ref": ...}}, {@code {"Fn::GetAtt": [...]}}).
 */
public final class Template {
    private static final List<String> FUNCTIONS = List.of("Base64", "Cidr", "FindInMap", "GetAZs", "ImportValue",
            "Join", "Select", "Split", "Sub", "Transform", "And", "Equals", "If", "Not", "Or", "Condition", "ToJsonString",
            "Length");

    private final Path path;
    private final Map<String, Object> root;

    private Template(Path path, Map<String, Object> root) {
        this.path = path;
        this.root = root;
    }

    public static Template load(Path path) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(50);
        Yaml yaml = new Yaml(new IntrinsicConstructor(options));
        try (Reader r = Files.newBufferedReader(path)) {
            Object doc = yaml.load(r);
            if (!(doc instanceof Map<?, ?> m)) {
                throw new IllegalArgumentException(path + " is not a YAML mapping");
            }
            @SuppressWarnings("unchecked") Map<String, Object> root = (Map<String, Object>) m;
            return new Template(path, root);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    public static Template project() {
        return load(RepoRoot.find().resolve("template.yaml"));
    }

    public Path path() {
        return path;
    }

    public Map<String, Object> root() {
        return root;
    }

    @SuppressWarnings("unchecked")
    public Map<String, Map<String, Object>> resources() {
        Object r = root.get("Resources");
        return r == null ? Map.of() : (Map<String, Map<String, Object>>) r;
    }

    /** A resource's Properties, naming the logical id when it is missing or of another type. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> properties(String logicalId, String expectedType) {
        Map<String, Object> resource = resources().get(logicalId);
        if (resource == null) {
            throw new IllegalArgumentException(path + ": no resource " + logicalId);
        }
        if (expectedType != null && !expectedType.equals(resource.get("Type"))) {
            throw new IllegalArgumentException(path + ": " + logicalId + " is a " + resource.get("Type")
                    + ", expected " + expectedType);
        }
        Object props = resource.get("Properties");
        return props == null ? Map.of() : (Map<String, Object>) props;
    }

    public List<String> logicalIdsOfType(String type) {
        return resources().entrySet().stream().filter(e -> type.equals(e.getValue().get("Type")))
                .map(Map.Entry::getKey).toList();
    }

    private static final class IntrinsicConstructor extends SafeConstructor {
        IntrinsicConstructor(LoaderOptions options) {
            super(options);
            yamlConstructors.put(new Tag("!Ref"), new Intrinsic("Ref"));
            yamlConstructors.put(new Tag("!GetAtt"), new Intrinsic("Fn::GetAtt"));
            for (String f : FUNCTIONS) {
                yamlConstructors.put(new Tag("!" + f), new Intrinsic(f.equals("Condition") ? "Condition" : "Fn::" + f));
            }
        }

        private final class Intrinsic extends AbstractConstruct {
            private final String key;

            Intrinsic(String key) {
                this.key = key;
            }

            @Override
            public Object construct(Node node) {
                Object value;
                if (node instanceof ScalarNode s) {
                    String text = s.getValue();
                    value = key.equals("Fn::GetAtt") ? Arrays.asList(text.split("\\.", 2)) : text;
                } else if (node instanceof SequenceNode seq) {
                    value = constructSequence(seq);
                } else {
                    value = constructMapping((MappingNode) node);
                }
                Map<String, Object> m = new LinkedHashMap<>();
                m.put(key, value);
                return m;
            }
        }
    }
}
