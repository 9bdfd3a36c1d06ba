package io.eventflow.runtime.cli;

import io.eventflow.emulator.RepoRoot;
import io.eventflow.emulator.Template;
import io.eventflow.emulator.template.Account;
import io.eventflow.emulator.template.TemplateException;
import io.eventflow.runtime.CallerAccount;
import io.eventflow.runtime.ops.StateDir;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --template PATH --param NAME=VALUE}: which template, with which parameters; and the checkout's state dir. */
public final class TemplateOptions {
    @Option(
            names = "--template",
            paramLabel = "PATH",
            description = "the SAM template (default: <checkout>/template.yaml)")
    Path template;

    @Option(
            names = "--param",
            paramLabel = "NAME=VALUE",
            description = "a template parameter, e.g. Stage=dev (repeatable)")
    Map<String, String> params = new LinkedHashMap<>();

    /** The checkout (state in .eventflow/, seed stock in events/); a template outside any checkout: its folder. */
    public Path root() {
        try {
            return RepoRoot.find();
        } catch (IllegalStateException outsideCheckout) {
            if (template == null) {
                throw UserError.environment(
                        "not inside an eventflow checkout: run from the checkout, or pass --template PATH");
            }
            return template.toAbsolutePath().getParent();
        }
    }

    /** .eventflow/ of the checkout; EVENTFLOW_STATE (or -Deventflow.state) puts it elsewhere (tests use a temp dir). */
    public StateDir state() {
        String configured = System.getProperty("eventflow.state", System.getenv("EVENTFLOW_STATE"));
        return new StateDir(
                configured != null && !configured.isBlank() ? Path.of(configured) : root().resolve(".eventflow"));
    }

    public Path path() {
        return template != null ? template : root().resolve("template.yaml");
    }

    public Map<String, String> params() {
        return params;
    }

    /** The template resolved on the connected endpoint: its account (STS), its queue URLs (SQS). */
    public Template load() {
        Path path = existing();
        io.eventflow.emulator.Emulator.defaultCredentials();
        Account account;
        try {
            account = CallerAccount.discover();
        } catch (IllegalStateException e) {
            throw new UserError(
                    ExitCode.ENVIRONMENT, e.getMessage() + ": is the endpoint an AWS endpoint that answers STS?", e);
        }
        try {
            return Template.load(path, params, account, io.eventflow.runtime.QueueUrls.ofEndpoint());
        } catch (TemplateException e) {
            throw new UserError(ExitCode.INPUT, "template " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * The template read without any endpoint (a placeholder account, queue URLs by name), to check names and
     * the template itself before anything is started.
     */
    public Template offline() {
        Path path = existing();
        try {
            return Template.offline(path, params);
        } catch (TemplateException e) {
            throw new UserError(ExitCode.INPUT, "template " + path + ": " + e.getMessage(), e);
        }
    }

    private Path existing() {
        Path path = path();
        if (!Files.isRegularFile(path)) {
            throw UserError.input("template " + path + " not found: pass --template PATH");
        }
        return path;
    }
}
