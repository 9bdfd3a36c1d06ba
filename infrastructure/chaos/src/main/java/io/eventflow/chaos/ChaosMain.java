package io.eventflow.chaos;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./eventflow chaos --orders N --seed S [--duplicate-rate R] [--reorder-rate R] [--crash-rate R]
 * [--poison-rate R] [--outage-seconds T] [--timeout-seconds T] [--concurrency C] [--endpoint URL] [--json-only]
 * [--no-replay]}.
 * stdout: the JSON report, then {@code N passed, M failed}; exit 0 only when every invariant holds (1 when one
 * fails, 2 on bad arguments). Progress goes to stderr (not with --json-only), function logs to
 * .eventflow/chaos/functions.jsonl.
 */
public final class ChaosMain {
    static final String USAGE = """
            usage: eventflow chaos --orders N --seed S [--duplicate-rate R] [--reorder-rate R] [--crash-rate R]
                                   [--poison-rate R] [--outage-seconds T] [--timeout-seconds T] [--concurrency C]
                                   [--stream-reorder-rate R] [--endpoint URL | --emulator moto|localstack]
                                   [--template PATH] [--json-only]
                                   [--no-replay]
              Faults at the delivery layer (a proxy between the SDK clients and the emulator), decided from the seed:
                --duplicate-rate  first deliveries whose delete is dropped: redelivered after the visibility timeout
                --reorder-rate    first deliveries held back (redelivered later, behind newer events of the order);
                                  every received batch is shuffled too
                --crash-rate      messages whose batch "crashes" after the handler ran: no delete for the whole batch
                --poison-rate     per order, a malformed message sent straight to a consumer queue (must end in its DLQ)
                --outage-seconds  every request answered 503 for T s, starting at a seeded order of the run
                --stream-reorder-rate  (default 0) records moved within a DynamoDB stream page: breaks shard order,
                                  an AWS guarantee, so the projector stalls by design
              rates are probabilities in [0,1] (defaults: duplicate 0.05, reorder 0.05, crash 0.05, poison 0.01);
              outage default 10 s (0 = none; longer than the 5 quick retries stream consumers once had); timeout default max(600, N) s (moto settles ~2 orders/s here); concurrency (parallel POSTs) default 4.
              After the invariants, the whole run is replayed to the bus (ReplayFunction, every event type, faults on);
              a 7th invariant holds when that changed nothing (store, idempotency records, stock, emails, SMS, DLQs)
              and rebuild-projection changes no view. --no-replay skips it (6 invariants).
              Without --endpoint (or AWS_ENDPOINT_URL) the engine of --emulator / EVENTFLOW_EMULATOR is started: moto
              (default; infrastructure/emulator/moto) or localstack (LocalStack for messaging, moto for DynamoDB).
              AWS_ENDPOINT_URL_<SERVICE> wins per service; the proxy forwards each request to its service's endpoint.""";

    /**
     * An outage longer than a retry count lasts (5 stream retries were spent in ~1 s) and 5% crashed batches:
     * the CI run must show that a dependency outage shunts no record and the read model repairs itself.
     */
    static final int DEFAULT_OUTAGE_SECONDS = 10;
    static final double DEFAULT_CRASH_RATE = 0.05;

    private ChaosMain() {
    }

    public static void main(String[] args) {
        PrintStream stdout = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream stderr = System.err;
        System.setOut(stderr); // handlers run in this JVM: their prints must not mix with the report
        int code;
        try {
            code = run(args, stdout, stderr);
        } catch (IllegalArgumentException e) {
            stderr.println("eventflow chaos: " + e.getMessage() + "\n" + USAGE);
            code = 2;
        } catch (Exception e) {
            stderr.println("eventflow chaos: " + e);
            code = 1;
        }
        stdout.flush();
        System.exit(code);
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        Map<String, String> a = parse(args);
        if (a.containsKey("help")) {
            out.println(USAGE);
            return 0;
        }
        ChaosRun.Options options = options(a);
        PrintStream progress = a.containsKey("json-only") ? new PrintStream(java.io.OutputStream.nullOutputStream()) : err;
        ChaosRun.Report report = new ChaosRun(options, progress).run();
        out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report.json()));
        out.println(report.summary());
        return report.passed() ? 0 : 1;
    }

    static ChaosRun.Options options(Map<String, String> a) {
        if (!a.containsKey("orders") || !a.containsKey("seed")) {
            throw new IllegalArgumentException("--orders and --seed are required");
        }
        if (a.containsKey("emulator")) {
            System.setProperty("eventflow.emulator", a.get("emulator")); // read by Emulator.selectedEngine()
        }
        int orders = Integer.parseInt(a.get("orders"));
        if (orders < 1) {
            throw new IllegalArgumentException("--orders must be >= 1");
        }
        Path root = a.containsKey("template") ? Path.of(a.get("template")).toAbsolutePath().getParent() : io.eventflow.emulator.RepoRoot.find();
        return new ChaosRun.Options(orders, Long.parseLong(a.get("seed")), rate(a, "duplicate-rate", 0.05),
                rate(a, "reorder-rate", 0.05), rate(a, "crash-rate", DEFAULT_CRASH_RATE), rate(a, "poison-rate", 0.01),
                Integer.parseInt(a.getOrDefault("outage-seconds", Integer.toString(DEFAULT_OUTAGE_SECONDS))), rate(a, "stream-reorder-rate", 0), Integer.parseInt(a.getOrDefault("timeout-seconds", Integer.toString(Math.max(600, orders)))),
                a.get("endpoint"), a.containsKey("template") ? Path.of(a.get("template")) : null,
                Integer.parseInt(a.getOrDefault("concurrency", "4")), root.resolve(".eventflow/chaos/functions.jsonl"),
                !a.containsKey("no-replay"));
    }

    private static double rate(Map<String, String> a, String name, double dflt) {
        double r = a.containsKey(name) ? Double.parseDouble(a.get(name)) : dflt;
        if (r < 0 || r > 1) {
            throw new IllegalArgumentException("--" + name + " must be in [0,1], got " + r);
        }
        return r;
    }

    static Map<String, String> parse(String[] args) {
        List<String> flags = List.of("json-only", "help", "no-replay");
        List<String> known = new ArrayList<>(List.of("orders", "seed", "duplicate-rate", "reorder-rate", "crash-rate", "poison-rate",
                "outage-seconds", "stream-reorder-rate", "timeout-seconds", "concurrency", "endpoint", "emulator", "template"));
        known.addAll(flags);
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + arg);
            }
            String name = arg.substring(2);
            String value = null;
            if (name.contains("=")) {
                value = name.substring(name.indexOf('=') + 1);
                name = name.substring(0, name.indexOf('='));
            }
            if (!known.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name);
            }
            if (value == null) {
                if (flags.contains(name)) {
                    value = "true";
                } else if (i + 1 < args.length) {
                    value = args[++i];
                } else {
                    throw new IllegalArgumentException("--" + name + " needs a value");
                }
            }
            m.put(name, value);
        }
        return m;
    }
}
