package io.eventflow.runtime.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the project version (filtered into version.properties by the build), the JVM, picocli. */
public final class VersionInfo implements IVersionProvider {
    @Override
    public String[] getVersion() {
        Properties p = new Properties();
        try (InputStream in = VersionInfo.class.getResourceAsStream("/io/eventflow/runtime/version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // version unknown
        }
        return new String[] {
            "eventflow " + p.getProperty("version", "unknown"),
            "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + "), picocli "
                    + picocli.CommandLine.VERSION
        };
    }
}
