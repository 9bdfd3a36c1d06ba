package io.eventflow.runtime.cli;

import io.eventflow.emulator.RepoRoot;
import io.eventflow.runtime.ops.StateDir;
import io.eventflow.runtime.template.AppTemplate;
import io.eventflow.runtime.template.TemplateException;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code --template PATH --param NAME=VALUE}: which template, with which parameters; and the checkout's state dir. */
public final class TemplateOptions {
    @Option(names = "--template", paramLabel = "PATH", description = "the SAM template (default: <checkout>/template.yaml)")
    Path template;

    @Option(names = "--param", paramLabel = "NAME=VALUE", description = "a template parameter, e.g. Stage=dev (repeatable)")
    Map<String, String> params = new LinkedHashMap<>();

    /** The checkout (state in .eventflow/, seed stock in events/); a template outside any checkout: its folder. */
    public Path root() {
        try {
            return RepoRoot.find();
        } catch (IllegalStateException outsideCheckout) {
            if (template == null) {
                throw UserError.environment("not inside an eventflow checkout: run from the checkout, or pass --template PATH");
            }
            return template.toAbsolutePath().getParent();
        }
    }

    /** .eventflow/ of the checkout; EVENTFLOW_STATE (or -Deventflow.state) puts it elsewhere (tests use a temp dir). */
    public StateDir state() {
        String configured = System.getProperty("eventflow.state", System.getenv("EVENTFLOW_STATE"));
        return new StateDir(configured != null && !configured.isBlank() ? Path.of(configured) : root().resolve(".eventflow"));
    }

    public Path path() {
        return template != null ? template : root().resolve("template.yaml");
    }

    public Map<String, String> params() {
        return params;
    }

    /** The template resolved against an endpoint; a missing or invalid template is the user's input error. */
    public AppTemplate load(String endpointUrl) {
        Path path = path();
        if (!Files.isRegularFile(path)) {
            throw UserError.input("template " + path + " not found: pass --template PATH");
        }
        io.eventflow.runtime.Endpoint.defaults(); // the region, which the template's ARNs need
        try {
            return AppTemplate.load(path, params, io.eventflow.aws.AwsClients.region().id(), endpointUrl);
        } catch (TemplateException e) {
            throw new UserError(ExitCode.INPUT, "template " + path + ": " + e.getMessage(), e);
        }
    }
}
