package io.eventflow.capacity;

import io.eventflow.capacity.measure.Measure;
import io.eventflow.capacity.model.Inputs;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code ./eventflow capacity}: {@code measure [--write]} re-measures the inputs on an embedded emulator;
 * otherwise the model prints the capacity and cost tables for {@code --orders-per-second N}.
 */
public final class CapacityMain {
    private CapacityMain() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("eventflow.root", ".")).toAbsolutePath().normalize();
        if (args.length > 0 && args[0].equals("measure")) {
            Inputs inputs = Measure.run(root, null, System.err);
            String json = Measure.json(inputs);
            if (java.util.Arrays.asList(args).contains("--write")) {
                Path file = root.resolve("docs/capacity/inputs.json");
                Files.createDirectories(file.getParent());
                Files.writeString(file, json);
                System.err.println("capacity: wrote " + root.relativize(file));
            } else {
                System.out.print(json);
            }
            System.exit(0);
        }
        System.exit(0);
    }
}
