package io.eventflow.emulator.template;

/** A template problem the local runtime cannot work around; the message names the logical id. */
public final class TemplateException extends RuntimeException {
    public TemplateException(String logicalId, String problem) {
        super(logicalId + ": " + problem);
    }
}
