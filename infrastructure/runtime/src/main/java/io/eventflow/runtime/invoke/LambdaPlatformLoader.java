package io.eventflow.runtime.invoke;

import com.amazonaws.services.lambda.runtime.Context;
import java.net.URL;
import java.security.CodeSource;
import java.util.Collections;
import java.util.Enumeration;

/**
 * The parent of every function classloader: what the Lambda Java runtime itself provides, nothing more. Lambda
 * loads the customer's code in a classloader of its own whose parent holds the runtime interface client, and
 * with it aws-lambda-java-core ({@code Context}, {@code RequestHandler}, {@code LambdaLogger}...): a copy of
 * those classes in the function's jars is shadowed by the runtime's. Everything else (the SDK, Jackson,
 * aws-lambda-java-events, eventflow-shared) must come from the function's own artifact.
 *
 * <p>Here: the JDK's platform classes, plus exactly the classes of the jar that holds this runtime's
 * {@link Context} (aws-lambda-java-core).
 */
final class LambdaPlatformLoader extends ClassLoader {
    static final LambdaPlatformLoader INSTANCE = new LambdaPlatformLoader();

    private final ClassLoader runtime = LambdaPlatformLoader.class.getClassLoader();
    private final CodeSource core = Context.class.getProtectionDomain().getCodeSource();

    private LambdaPlatformLoader() {
        super("lambda-platform", ClassLoader.getPlatformClassLoader());
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        if (name.startsWith("com.amazonaws.services.lambda.runtime.")) {
            Class<?> c = runtime.loadClass(name);
            CodeSource from = c.getProtectionDomain().getCodeSource();
            if (core != null && from != null && core.getLocation().equals(from.getLocation())) {
                return c;
            }
        }
        throw new ClassNotFoundException(name);
    }

    @Override
    protected URL findResource(String name) {
        return null;
    }

    @Override
    protected Enumeration<URL> findResources(String name) {
        return Collections.emptyEnumeration();
    }
}
