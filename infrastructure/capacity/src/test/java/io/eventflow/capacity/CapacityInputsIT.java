package io.eventflow.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.eventflow.capacity.measure.Measure;
import io.eventflow.capacity.model.Inputs;
import io.eventflow.emulator.EmulatorExtension;
import io.eventflow.emulator.MotoOnly;
import io.eventflow.emulator.RepoRoot;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The model's inputs must be what the code does today: a fresh measuring run (a few orders per path through the
 * local runtime) must count exactly the calls, records and shared-key loads committed in docs/capacity/inputs.json.
 * Durations and log bytes are benchmark numbers and are not compared; nor are counts that depend on how many records
 * a poller found in one batch, nor counts that differed between the orders of one path in either run (how a stream
 * poller's batching window cut an order's records depends on the machine's load: a timing, not a property of the
 * code). When this fails: {@code ./eventflow capacity measure --write}, and review the diff.
 */
@ExtendWith(EmulatorExtension.class)
@MotoOnly // compares with call counts measured on moto
class CapacityInputsIT {
    @Test
    void committedInputsMatchAFreshMeasuringRun() throws Exception {
        assumeTrue(
                System.getenv("AWS_ENDPOINT_URL") == null
                        && "moto".equals(System.getProperty("eventflow.emulator", "moto")),
                "the committed inputs were measured on moto; another endpoint may count differently");
        Path root = RepoRoot.find();
        Inputs committed = Measure.read(root.resolve(Measure.INPUTS));
        Inputs fresh = Measure.run(root, System.getProperty("aws.endpointUrl"), System.out);
        System.out.println(Measure.json(fresh));
        List<String> drift = new ArrayList<>();
        Set<String> varied = new TreeSet<>();
        for (String u : concat(committed.measured().unstable(), fresh.measured().unstable())) {
            varied.add(u.substring(0, u.lastIndexOf(' '))); // "path: caller metric", without its "min..max"
        }
        assertThat(fresh.paths().keySet()).isEqualTo(committed.paths().keySet());
        for (String path : committed.paths().keySet()) {
            Inputs.PathInputs was = committed.paths().get(path);
            Inputs.PathInputs now = fresh.paths().get(path);
            TreeSet<String> callers = new TreeSet<>(was.calls().keySet());
            callers.addAll(now.calls().keySet());
            for (String caller : callers) {
                TreeSet<String> metrics =
                        new TreeSet<>(was.calls().getOrDefault(caller, Map.of()).keySet());
                metrics.addAll(now.calls().getOrDefault(caller, Map.of()).keySet());
                for (String m : metrics) {
                    if (Inputs.batchingDependent(m) || varied.contains(path + ": " + caller + " " + m)) {
                        continue;
                    }
                    Double a = was.calls().getOrDefault(caller, Map.of()).get(m);
                    Double b = now.calls().getOrDefault(caller, Map.of()).get(m);
                    if (a == null || !a.equals(b)) {
                        drift.add(path + ": " + caller + " " + m + ": committed " + a + ", measured " + b);
                    }
                }
            }
            TreeSet<String> fns = new TreeSet<>(was.functions().keySet());
            fns.addAll(now.functions().keySet());
            for (String fn : fns) {
                Double a = was.functions().containsKey(fn)
                        ? was.functions().get(fn).records()
                        : null;
                Double b = now.functions().containsKey(fn)
                        ? now.functions().get(fn).records()
                        : null;
                if (a == null || !a.equals(b)) {
                    drift.add(path + ": " + fn + " records per order: committed " + a + ", measured " + b);
                }
            }
            TreeSet<String> tables = new TreeSet<>(was.partitions().keySet());
            tables.addAll(now.partitions().keySet());
            for (String table : tables) {
                String writes = "dynamodb." + table + ".wru";
                if (varied.stream().anyMatch(v -> v.startsWith(path + ": ") && v.endsWith(writes))) {
                    continue;
                }
                if (!java.util.Objects.equals(
                        was.partitions().get(table), now.partitions().get(table))) {
                    drift.add(path + ": partition-key loads of " + table + ": committed "
                            + was.partitions().get(table) + ", measured "
                            + now.partitions().get(table));
                }
            }
        }
        if (!varied.isEmpty()) {
            System.out.println("not compared (differed between the orders of a path): " + varied);
        }
        assertThat(drift)
                .as("docs/capacity/inputs.json no longer matches what the functions do; re-measure with "
                        + Measure.COMMAND + " and commit the diff")
                .isEmpty();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a == null ? List.of() : a);
        all.addAll(b == null ? List.of() : b);
        return all;
    }
}
