package io.eventflow.chaos;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;

/**
 * An HTTP proxy on 127.0.0.1 between the runtime's (and the handlers') SDK clients and the emulator. It
 * forwards every request and injects the {@link FaultInjector} faults, plus an outage window during which
 * every request is answered 503 ServiceUnavailable. It also counts the customer-visible effects that reach
 * the provider: SES SendEmail and SNS Publish to a phone number (answered 2xx by the emulator).
 */
public final class ChaosProxy implements AutoCloseable {
    private static final Set<String> HOP_HEADERS =
            Set.of("connection", "content-length", "expect", "host", "upgrade", "transfer-encoding", "keep-alive");

    private final io.eventflow.emulator.Endpoints targets;
    private volatile FaultInjector faults;
    private final HttpServer server;
    private final HttpClient http;
    private final ExecutorService pool;
    private volatile long outageStart;
    private volatile long outageEnd;
    private volatile long busOutageStart;
    private volatile long busOutageEnd;
    final AtomicLong busOutageRejected = new AtomicLong();
    private final int providerOutageSeconds;
    private final int providerOutageStartCall;
    private volatile long providerOutageEnd;
    final AtomicLong requests = new AtomicLong();
    final AtomicLong providerCalls = new AtomicLong();
    final AtomicLong providerOutageRejected = new AtomicLong();
    final AtomicLong outageRejected = new AtomicLong();
    final AtomicLong emailsSent = new AtomicLong();
    final AtomicLong smsSent = new AtomicLong();
    final AtomicLong forwardErrors = new AtomicLong();
    /** Recipient and subject (URL-encoded, as sent) -> emails accepted: who got the same email twice. */
    final Map<String, Integer> emailsTo = new java.util.concurrent.ConcurrentHashMap<>();
    /** Phone number (URL-encoded, as sent) -> SMS accepted. */
    private final Map<String, Integer> smsTo = new java.util.concurrent.ConcurrentHashMap<>();

    /** @param targets where each service really is: a request goes to the endpoint of the service it is signed for */
    public ChaosProxy(io.eventflow.emulator.Endpoints targets, FaultPlan plan) throws IOException {
        this.targets = targets;
        this.faults = new FaultInjector(plan);
        this.providerOutageSeconds = plan.providerOutageSeconds();
        this.providerOutageStartCall = plan.providerOutageStartCall();
        this.pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "chaos-proxy");
            t.setDaemon(true);
            return t;
        });
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(pool)
                .build();
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        server.createContext("/", this::handle);
        server.setExecutor(pool);
        server.start();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** From now on, for {@code seconds}, every request is refused with 503. */
    public void startOutage(int seconds) {
        long now = System.currentTimeMillis();
        outageStart = now;
        outageEnd = now + seconds * 1000L;
    }

    /**
     * The delivery faults from now on (a test's own): a new injector, so receipts handed out under the previous plan
     * are no longer faulted and the delivery counters start again. The provider outage stays as constructed.
     */
    public void plan(FaultPlan plan) {
        faults = new FaultInjector(plan);
    }

    /** SES SendEmail / SendRawEmail calls to {@code recipient} the provider accepted (2xx), repeats included. */
    public int emailsAccepted(String recipient) {
        return emailsTo.entrySet().stream()
                .filter(e -> decode(e.getKey().substring(0, e.getKey().indexOf(" | ")))
                        .equals(recipient))
                .mapToInt(Map.Entry::getValue)
                .sum();
    }

    /** SNS Publish calls to {@code phoneNumber} (SMS) the provider accepted (2xx), repeats included. */
    public int smsAccepted(String phoneNumber) {
        return smsTo.entrySet().stream()
                .filter(e -> decode(e.getKey()).equals(phoneNumber))
                .mapToInt(Map.Entry::getValue)
                .sum();
    }

    private static String decode(String formValue) {
        return java.net.URLDecoder.decode(formValue, StandardCharsets.UTF_8);
    }

    /** In the outage of every request, or of the bus: the run is not quiet then. */
    public boolean inOutage() {
        return inFullOutage() || inBusOutage();
    }

    private boolean inFullOutage() {
        long now = System.currentTimeMillis();
        return now >= outageStart && now < outageEnd;
    }

    /** From now on, for {@code seconds}, every EventBridge PutEvents is refused with 503 (the bus is down, nothing else). */
    public void startBusOutage(int seconds) {
        long now = System.currentTimeMillis();
        busOutageStart = now;
        busOutageEnd = now + seconds * 1000L;
    }

    public boolean inBusOutage() {
        long now = System.currentTimeMillis();
        return now >= busOutageStart && now < busOutageEnd;
    }

    public long outageEndMillis() {
        return outageEnd;
    }

    /**
     * Provider outage: from the plan's {@link FaultPlan#providerOutageStartCall()}-th provider call on, for
     * {@link FaultPlan#providerOutageSeconds()}, every provider call (SES SendEmail, SNS Publish to a phone number)
     * is answered 503 ServiceUnavailable, as a provider's own outage would be: SQS, DynamoDB and the rest answer.
     *
     * @return true when this request is refused
     */
    boolean refuseProviderCall() {
        if (providerOutageSeconds == 0) {
            return false;
        }
        long n = providerCalls.incrementAndGet();
        long now = System.currentTimeMillis();
        if (n == providerOutageStartCall) {
            providerOutageEnd = now + providerOutageSeconds * 1000L;
        }
        if (now < providerOutageEnd) {
            providerOutageRejected.incrementAndGet();
            return true;
        }
        return false;
    }

    /** What was injected and observed so far. */
    public Map<String, Long> counters() {
        Map<String, Long> m = new LinkedHashMap<>();
        FaultInjector faults = this.faults;
        m.put("requests", requests.get());
        m.put("duplicateDeliveries", faults.duplicates.get());
        m.put("crashedBatches", faults.crashedBatches.get());
        m.put("crashRedeliveries", faults.crashDroppedDeletes.get());
        m.put("heldBackDeliveries", faults.heldBack.get());
        m.put("streamReorderedPages", faults.reorderedPages.get());
        m.put("streamReorderedRecords", faults.reorderedRecords.get());
        m.put("outageRejectedRequests", outageRejected.get());
        m.put("busOutageRejectedPutEvents", busOutageRejected.get());
        m.put("providerCalls", providerCalls.get());
        m.put("providerOutageRejectedCalls", providerOutageRejected.get());
        m.put("forwardErrors", forwardErrors.get());
        m.put("emailsSent", emailsSent.get());
        m.put("smsSent", smsSent.get());
        return m;
    }

    private void handle(HttpExchange ex) throws IOException {
        requests.incrementAndGet();
        FaultInjector faults = this.faults;
        try (ex) {
            byte[] body;
            try (InputStream in = ex.getRequestBody()) {
                body = in.readAllBytes();
            }
            String amzTarget = header(ex, "X-Amz-Target");
            if (inFullOutage()) {
                outageRejected.incrementAndGet();
                unavailable(ex, amzTarget != null);
                return;
            }
            String op = amzTarget == null ? "" : amzTarget.substring(amzTarget.indexOf('.') + 1);
            String service = amzTarget == null ? "" : amzTarget.substring(0, Math.max(0, amzTarget.indexOf('.')));
            if (service.equals("AWSEvents") && op.equals("PutEvents") && inBusOutage()) {
                busOutageRejected.incrementAndGet();
                unavailable(ex, true);
                return;
            }
            String text = new String(body, StandardCharsets.UTF_8);
            if (providerCall(service, op, text) && refuseProviderCall()) {
                unavailable(ex, amzTarget != null);
                return;
            }
            if (service.equals("AmazonSQS") && op.equals("DeleteMessageBatch")) {
                FaultInjector.DeleteSplit split = faults.splitDeletes(text);
                if (!split.droppedIds().isEmpty()) {
                    String forwarded = null;
                    if (split.forwardBody() != null) {
                        HttpResponse<byte[]> r = forward(ex, split.forwardBody().getBytes(StandardCharsets.UTF_8));
                        if (r.statusCode() / 100 != 2) {
                            relay(ex, r, r.body());
                            return;
                        }
                        forwarded = new String(r.body(), StandardCharsets.UTF_8);
                    }
                    json(ex, FaultInjector.deleteResponse(forwarded, split.droppedIds()));
                    return;
                }
            } else if (service.equals("AmazonSQS") && op.equals("DeleteMessage") && faults.dropDelete(text)) {
                json(ex, "{}");
                return;
            }
            HttpResponse<byte[]> r = forward(ex, body);
            byte[] answer = r.body();
            if (r.statusCode() / 100 == 2) {
                if (service.equals("AmazonSQS") && op.equals("ReceiveMessage")) {
                    String changed = faults.onReceive(text, new String(answer, StandardCharsets.UTF_8));
                    if (changed != null) {
                        answer = changed.getBytes(StandardCharsets.UTF_8);
                    }
                } else if (service.startsWith("DynamoDBStreams")
                        && op.equals("GetRecords")
                        && r.headers().firstValue("content-encoding").isEmpty()) {
                    String reordered = faults.reorder(new String(answer, StandardCharsets.UTF_8));
                    if (reordered != null) {
                        answer = reordered.getBytes(StandardCharsets.UTF_8);
                    }
                }
                countEffects(service, op, text);
            }
            relay(ex, r, answer);
        } catch (IOException | RuntimeException e) {
            // the emulator is unreachable or the client went away: a connection-level failure for the client
            forwardErrors.incrementAndGet();
            try {
                unavailable(ex, header(ex, "X-Amz-Target") != null);
            } catch (IOException | RuntimeException ignored) {
                // response already started
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Recipient | subject pairs sent more than once, with the count. */
    public Map<String, Integer> repeatedRecipients() {
        Map<String, Integer> m = new java.util.TreeMap<>();
        emailsTo.forEach((to, n) -> {
            if (n > 1) {
                m.put(java.net.URLDecoder.decode(to, StandardCharsets.UTF_8), n);
            }
        });
        return m;
    }

    /** A call to an outside provider: SES SendEmail / SendRawEmail, SNS Publish to a phone number (SMS). */
    static boolean providerCall(String service, String op, String body) {
        if (service.isEmpty()) {
            return body.contains("Action=SendEmail")
                    || body.contains("Action=SendRawEmail")
                    || (body.contains("Action=Publish") && body.contains("PhoneNumber="));
        }
        return (op.equals("Publish")
                        && service.contains("SimpleNotificationService")
                        && body.contains("\"PhoneNumber\""))
                || ((op.equals("SendEmail") || op.equals("SendRawEmail")) && service.contains("SimpleEmailService"));
    }

    private void countEffects(String service, String op, String body) {
        if (service.isEmpty()) {
            // query protocol (SES v1, SNS): Action=... form bodies
            if (body.contains("Action=SendEmail") || body.contains("Action=SendRawEmail")) {
                emailsSent.incrementAndGet();
                java.util.regex.Matcher to = java.util.regex.Pattern.compile("ToAddresses\\.member\\.1=([^&]*)")
                        .matcher(body);
                java.util.regex.Matcher subject = java.util.regex.Pattern.compile("Subject\\.Data=([^&]*)")
                        .matcher(body);
                emailsTo.merge(
                        (to.find() ? to.group(1) : "?") + " | " + (subject.find() ? subject.group(1) : "?"),
                        1,
                        Integer::sum);
            } else if (body.contains("Action=Publish") && body.contains("PhoneNumber=")) {
                smsSent.incrementAndGet();
                java.util.regex.Matcher phone =
                        java.util.regex.Pattern.compile("PhoneNumber=([^&]*)").matcher(body);
                smsTo.merge(phone.find() ? phone.group(1) : "?", 1, Integer::sum);
            }
        } else if (op.equals("Publish")
                && service.contains("SimpleNotificationService")
                && body.contains("\"PhoneNumber\"")) {
            smsSent.incrementAndGet();
        } else if ((op.equals("SendEmail") || op.equals("SendRawEmail")) && service.contains("SimpleEmailService")) {
            emailsSent.incrementAndGet();
        }
    }

    private HttpResponse<byte[]> forward(HttpExchange ex, byte[] body) throws IOException, InterruptedException {
        URI uri = target(header(ex, "Authorization"))
                .resolve(ex.getRequestURI().getRawPath()
                        + (ex.getRequestURI().getRawQuery() == null
                                ? ""
                                : "?" + ex.getRequestURI().getRawQuery()));
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(60))
                .method(
                        ex.getRequestMethod(),
                        body.length == 0
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        for (Map.Entry<String, List<String>> h : ex.getRequestHeaders().entrySet()) {
            if (!HOP_HEADERS.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                h.getValue().forEach(v -> b.header(h.getKey(), v));
            }
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** SigV4's credential scope names the service ({@code Credential=KEY/date/region/service/aws4_request}). */
    private URI target(String authorization) {
        if (authorization != null) {
            int c = authorization.indexOf("Credential=");
            if (c >= 0) {
                String[] scope =
                        authorization.substring(c + 11).split("[,\\s]", 2)[0].split("/");
                if (scope.length >= 4) {
                    return targets.forSigningName(scope[3]).orElse(targets.defaultUrl());
                }
            }
        }
        return targets.defaultUrl();
    }

    private static void relay(HttpExchange ex, HttpResponse<byte[]> r, byte[] body) throws IOException {
        boolean changed = body != r.body();
        r.headers().map().forEach((name, values) -> {
            String n = name.toLowerCase(Locale.ROOT);
            if (!HOP_HEADERS.contains(n) && !n.startsWith(":") && !(changed && n.equals("x-amz-crc32"))) {
                values.forEach(v -> ex.getResponseHeaders().add(name, v));
            }
        });
        if (changed) {
            CRC32 crc = new CRC32();
            crc.update(body);
            ex.getResponseHeaders().set("x-amz-crc32", Long.toString(crc.getValue()));
        }
        send(ex, r.statusCode(), body);
    }

    private static void json(HttpExchange ex, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.0");
        ex.getResponseHeaders()
                .set("x-amzn-RequestId", java.util.UUID.randomUUID().toString());
        send(ex, 200, bytes);
    }

    private static void unavailable(HttpExchange ex, boolean jsonProtocol) throws IOException {
        String body = jsonProtocol
                ? "{\"__type\":\"ServiceUnavailableException\",\"message\":\"chaos: endpoint unreachable (outage window)\"}"
                : "<ErrorResponse><Error><Type>Receiver</Type><Code>ServiceUnavailable</Code>"
                        + "<Message>chaos: endpoint unreachable (outage window)</Message></Error><RequestId>chaos</RequestId></ErrorResponse>";
        ex.getResponseHeaders().set("Content-Type", jsonProtocol ? "application/x-amz-json-1.0" : "text/xml");
        send(ex, 503, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange ex, int status, byte[] body) throws IOException {
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static String header(HttpExchange ex, String name) {
        return ex.getRequestHeaders().getFirst(name);
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
