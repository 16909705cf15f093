package dev.grantex.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.grantex.it.Flows;
import dev.grantex.it.Reply;
import dev.grantex.it.TestDeveloper;
import dev.grantex.it.WebhookReceiver;
import dev.grantex.it.WebhookReceiver.Received;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** /v1/webhooks (contract §2.12 and the webhooks suite of §3) and delivery (§6.2). */
class WebhooksIT {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Pattern SECRET = Pattern.compile("^[0-9a-f]{48}$");

    private static JsonObject create(TestDeveloper developer, String url, String... events) {
        return developer.api().post("/v1/webhooks", body(url, events)).expect(201).json();
    }

    private static String body(String url, String... events) {
        var array = Json.createArrayBuilder();
        for (String event : events) {
            array.add(event);
        }
        return Json.createObjectBuilder().add("url", url).add("events", array).build().toString();
    }

    @Test
    void createListAndDeleteAsTheConformanceSuiteDoes() {
        TestDeveloper developer = TestDeveloper.create("enterprise");
        JsonObject created = create(developer, "https://example.com/webhook", "grant.created", "grant.revoked");
        assertTrue(created.getString("id").startsWith("wh_"));
        assertTrue(SECRET.matcher(created.getString("secret")).matches(), created.getString("secret"));
        assertEquals("https://example.com/webhook", created.getString("url"));
        assertEquals(List.of("grant.created", "grant.revoked"), created.getJsonArray("events").getValuesAs(
                jakarta.json.JsonString::getString));
        assertNotNull(created.getString("createdAt"));

        JsonObject listed = developer.api().get("/v1/webhooks").expect(200).json().getJsonArray("webhooks").getJsonObject(0);
        assertEquals(created.getString("id"), listed.getString("id"));
        assertFalse(listed.containsKey("secret"));

        developer.api().delete("/v1/webhooks/" + created.getString("id")).expect(204);
        developer.api().delete("/v1/webhooks/" + created.getString("id")).expect(404);
        assertEquals(0, developer.api().get("/v1/webhooks").expect(200).json().getJsonArray("webhooks").size());
    }

    @Test
    void badUrlsAndEventTypesAre400AndCreateNothing() {
        TestDeveloper developer = TestDeveloper.create("enterprise");
        for (String url : List.of("not a url", "/relative", "ftp://example.com/x", "http://example.com/x",
                "https://user:pw@example.com/x", "https://127.0.0.1/x", "https://10.0.0.7/x", "https://[::1]/x",
                "https://169.254.169.254/latest/meta-data", "https://a.localhost/x")) {
            Reply reply = developer.api().post("/v1/webhooks", body(url, "grant.created"));
            assertEquals(400, reply.status(), url);
            assertEquals("BAD_REQUEST", reply.json().getString("code"));
        }
        Reply unknown = developer.api().post("/v1/webhooks", body("https://example.com/x", "grant.created", "budget.threshold"));
        assertEquals(400, unknown.status());
        assertTrue(unknown.json().getString("message").contains("grant.created, grant.revoked, token.issued"),
                unknown.json().getString("message"));
        assertEquals(400, developer.api().post("/v1/webhooks", body("https://example.com/x")).status());
        assertEquals(400, developer.api().post("/v1/webhooks", "{\"url\":\"https://example.com/x\"}").status());
        assertEquals(400, developer.api().post("/v1/webhooks", "{\"url\":\"https://example.com/x\",\"events\":\"grant.created\"}").status());
        assertEquals(400, developer.api().post("/v1/webhooks", "{\"events\":[\"grant.created\"]}").status());
        assertEquals(0, developer.api().get("/v1/webhooks").expect(200).json().getJsonArray("webhooks").size());
    }

    @Test
    void theFreePlanAllowsItsQuotaThen402() {
        TestDeveloper developer = TestDeveloper.create("free");
        for (int i = 0; i < 3; i++) { // GRANTEX_PLANS_FREE_WEBHOOKS=3 on the test server
            create(developer, "https://example.com/" + i, "grant.created");
        }
        Reply refused = developer.api().post("/v1/webhooks", body("https://example.com/4", "grant.created"));
        assertEquals(402, refused.status());
        assertEquals("PLAN_LIMIT_EXCEEDED", refused.json().getString("code"));
    }

    @Test
    void anotherDevelopersWebhookIs404() {
        TestDeveloper owner = TestDeveloper.create("enterprise");
        TestDeveloper other = TestDeveloper.create("enterprise");
        String id = create(owner, "https://example.com/x", "grant.created").getString("id");
        other.api().delete("/v1/webhooks/" + id).expect(404);
        other.api().get("/v1/webhooks/" + id + "/deliveries").expect(404);
        assertEquals(0, other.api().get("/v1/webhooks").expect(200).json().getJsonArray("webhooks").size());
        owner.api().get("/v1/webhooks/" + id + "/deliveries").expect(200);
    }

    @Test
    void eachSubscribedEventIsDeliveredSignedAndRecorded() throws Exception {
        TestDeveloper developer = TestDeveloper.create("enterprise");
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            JsonObject webhook = create(developer, receiver.url("/hook"), "grant.created", "token.issued", "grant.revoked");
            String secret = webhook.getString("secret");
            String agentId = Flows.createAgent(developer, List.of("read"));
            Flows.Issued issued = Flows.grant(developer, agentId, List.of("read"));
            developer.api().delete("/v1/grants/" + issued.grantId()).expect(204);

            List<String> types = new java.util.ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Received request = receiver.next(WAIT);
                assertNotNull(request, "delivery " + (i + 1) + " did not arrive");
                assertEquals("application/json", request.header("Content-Type"));
                assertEquals("Grantex-Webhooks/0.1", request.header("User-Agent"));
                assertEquals("sha256=" + WebhookReceiver.hmacSha256Hex(secret, request.body()), request.header("X-Grantex-Signature"));
                long timestamp = Long.parseLong(request.header("X-Grantex-Timestamp"));
                assertTrue(Math.abs(System.currentTimeMillis() / 1000 - timestamp) <= 300);
                assertEquals("sha256=" + WebhookReceiver.hmacSha256Hex(secret, timestamp + "." + request.body()), request.header("X-Grantex-Signature-V2"));
                JsonObject envelope = Json.createReader(new StringReader(request.body())).readObject();
                assertEquals(issued.grantId(), envelope.getJsonObject("data").getString("grantId"));
                types.add(envelope.getString("type"));
            }
            assertEquals(List.of("grant.created", "grant.revoked", "token.issued"), types.stream().sorted().toList());

            JsonObject page = awaitDeliveries(developer, webhook.getString("id"), "delivered", 3);
            JsonObject delivery = page.getJsonArray("deliveries").getJsonObject(0);
            assertTrue(delivery.getString("id").startsWith("whd_"));
            assertTrue(delivery.getString("eventId").startsWith("evt_"));
            assertEquals(webhook.getString("id"), delivery.getString("webhookId"));
            assertEquals(1, delivery.getInt("attempts"));
            assertEquals(5, delivery.getInt("maxAttempts"));
            assertEquals(receiver.url("/hook"), delivery.getString("url"));
            assertTrue(delivery.isNull("lastError"));
            assertFalse(delivery.isNull("deliveredAt"));
            assertEquals(1, page.getInt("page"));
        }
    }

    @Test
    void onlySubscribedTypesAreDelivered() {
        TestDeveloper developer = TestDeveloper.create("enterprise");
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            create(developer, receiver.url("/revocations"), "grant.revoked");
            String agentId = Flows.createAgent(developer, List.of("read"));
            Flows.Issued issued = Flows.grant(developer, agentId, List.of("read"));
            developer.api().delete("/v1/grants/" + issued.grantId()).expect(204);
            Received request = receiver.next(WAIT);
            assertNotNull(request);
            assertTrue(request.body().contains("\"type\":\"grant.revoked\""), request.body());
            assertNull(receiver.next(Duration.ofSeconds(1)));
        }
    }

    @Test
    void aFailedAttemptIsRecordedAndRetriedAfterThirtySeconds() {
        TestDeveloper developer = TestDeveloper.create("enterprise");
        AtomicInteger calls = new AtomicInteger();
        try (WebhookReceiver receiver = new WebhookReceiver().answering(r -> calls.incrementAndGet() == 1 ? 500 : 200)) {
            String id = create(developer, receiver.url("/flaky"), "grant.created").getString("id");
            String agentId = Flows.createAgent(developer, List.of("read"));
            Flows.grant(developer, agentId, List.of("read"));
            Received first = receiver.next(WAIT);
            assertNotNull(first);
            JsonObject pending = awaitDeliveries(developer, id, "pending", d -> d.getInt("attempts") == 1, WAIT)
                    .getJsonArray("deliveries").getJsonObject(0);
            assertEquals("HTTP 500", pending.getString("lastError"));
            Received second = receiver.next(Duration.ofSeconds(45));
            assertNotNull(second, "no retry within 45 s");
            long waited = second.receivedAtMillis() - first.receivedAtMillis();
            assertTrue(waited >= 29_000 && waited < 40_000, "retried after " + waited + " ms");
            assertEquals(first.body(), second.body());
            assertEquals(first.header("X-Grantex-Signature"), second.header("X-Grantex-Signature"));
            JsonObject delivered = awaitDeliveries(developer, id, "delivered", 1).getJsonArray("deliveries").getJsonObject(0);
            assertEquals(2, delivered.getInt("attempts"));
        }
    }

    @Test
    void aHangingReceiverTimesOutWithoutDelayingOthersOrTheFlow() {
        TestDeveloper developer = TestDeveloper.create("enterprise");
        try (WebhookReceiver hanging = new WebhookReceiver().answering(r -> -15_000);
             WebhookReceiver prompt = new WebhookReceiver()) {
            String hangingId = create(developer, hanging.url("/slow"), "grant.created").getString("id");
            create(developer, prompt.url("/fast"), "grant.created");
            String agentId = Flows.createAgent(developer, List.of("read"));
            long start = System.currentTimeMillis();
            Flows.grant(developer, agentId, List.of("read"));
            Flows.grant(developer, agentId, List.of("read"));
            assertTrue(System.currentTimeMillis() - start < 5_000, "the flow waited for a receiver");
            assertNotNull(prompt.next(Duration.ofSeconds(3)));
            assertNotNull(prompt.next(Duration.ofSeconds(3)));
            JsonObject pending = awaitDeliveries(developer, hangingId, "pending",
                    d -> !d.isNull("lastError"), Duration.ofSeconds(25));
            assertEquals("No answer within 10 s", pending.getJsonArray("deliveries").getJsonObject(0).getString("lastError"));
        }
    }

    /**
     * One developer has more deliveries at once than a node queues (160 of 128 places), to receivers
     * that take 4 s over each. Another developer's delivery is still queued and made at once: no
     * developer gets more than three quarters of the places (else it would be left due) or of the
     * threads (else it would wait for one of the first developer's attempts to end). Before that, it
     * waited behind the first developer's whole queue (about 16 s here; with hanging receivers,
     * minutes). The first developer's deliveries all arrive, once each, leased as its share frees.
     */
    @Test
    void aDeveloperWithABacklogForSlowReceiversDelaysNoOtherDeveloper() {
        TestDeveloper busy = TestDeveloper.create("enterprise");
        TestDeveloper other = TestDeveloper.create("enterprise");
        int webhooks = 40;
        int flows = 2;
        try (WebhookReceiver slow = new WebhookReceiver().answering(r -> -4_000);
             WebhookReceiver prompt = new WebhookReceiver()) {
            for (int i = 0; i < webhooks; i++) {
                create(busy, slow.url("/backlog-" + i), "grant.created", "token.issued");
            }
            create(other, prompt.url("/other"), "grant.created");
            String busyAgent = Flows.createAgent(busy, List.of("read"));
            String otherAgent = Flows.createAgent(other, List.of("read"));
            for (int i = 0; i < flows; i++) {
                Flows.grant(busy, busyAgent, List.of("read"));
            }
            Flows.grant(other, otherAgent, List.of("read"));
            assertNotNull(prompt.next(Duration.ofSeconds(2)), "the other developer's delivery within 2 s");

            int expected = webhooks * flows * 2;
            assertEquals(expected, distinctArrivals(slow, expected, Duration.ofSeconds(60)),
                    "distinct deliveries of the busy developer that arrived within 60 s");
        }
    }

    /**
     * More deliveries at once than a node queues for one developer (three quarters of four rounds of
     * its 32 attempts) to a receiver that takes a second over each: what the node has no room for is
     * left due and leased as its queue runs low, so everything arrives at the receiver's pace over the
     * developer's 24 threads, about 15 s here, rather than once the 60 s leases of the excess have run
     * out.
     */
    @Test
    void aBurstLargerThanTheQueueArrivesAtTheReceiversPace() {
        TestDeveloper developer = TestDeveloper.create("enterprise");
        int webhooks = 30;
        int flows = 6;
        try (WebhookReceiver receiver = new WebhookReceiver().answering(r -> -1_000)) {
            for (int i = 0; i < webhooks; i++) {
                create(developer, receiver.url("/burst-" + i), "grant.created", "token.issued");
            }
            String agentId = Flows.createAgent(developer, List.of("read"));
            for (int i = 0; i < flows; i++) {
                Flows.grant(developer, agentId, List.of("read"));
            }
            int expected = webhooks * flows * 2;
            assertEquals(expected, distinctArrivals(receiver, expected, Duration.ofSeconds(40)),
                    "distinct deliveries that arrived within 40 s");
        }
    }

    /** How many distinct deliveries (a webhook's path and an event id) arrive, counting until the expected number or the wait is over. */
    private static int distinctArrivals(WebhookReceiver receiver, int expected, Duration wait) {
        Set<String> arrived = new HashSet<>();
        long deadline = System.currentTimeMillis() + wait.toMillis();
        while (arrived.size() < expected && System.currentTimeMillis() < deadline) {
            Received request = receiver.next(Duration.ofSeconds(1));
            if (request != null) {
                arrived.add(request.path() + " " + Json.createReader(new StringReader(request.body())).readObject().getString("id"));
            }
        }
        return arrived.size();
    }

    /**
     * Twelve deliveries at once to one receiver hold twelve connections; the next twelve, a second
     * later, go over the same connections rather than new ones (the JDK keeps five by default, which
     * liberty/jvm.options raises to the sender's concurrency).
     */
    @Test
    void deliveriesToOneReceiverReuseTheirConnections() {
        TestDeveloper developer = TestDeveloper.create("enterprise");
        int webhooks = 12;
        try (WebhookReceiver receiver = new WebhookReceiver().answering(r -> -500)) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < webhooks; i++) {
                ids.add(create(developer, receiver.url("/reuse-" + i), "grant.created").getString("id"));
            }
            String agentId = Flows.createAgent(developer, List.of("read"));
            Flows.grant(developer, agentId, List.of("read"));
            Set<Integer> first = senderPorts(receiver, webhooks);
            assertTrue(first.size() > 5, "the first round's deliveries held " + first.size() + " connections at once");
            // Recorded as delivered only after the answer was read, when its connection is back with the JDK.
            ids.forEach(id -> awaitDeliveries(developer, id, "delivered", 1));
            Flows.grant(developer, agentId, List.of("read"));
            Set<Integer> second = senderPorts(receiver, webhooks);
            second.removeAll(first);
            assertEquals(Set.of(), second, "connections the second round opened anew");
        }
    }

    private static Set<Integer> senderPorts(WebhookReceiver receiver, int deliveries) {
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < deliveries; i++) {
            Received request = receiver.next(WAIT);
            assertNotNull(request, "delivery " + (i + 1) + " of " + deliveries);
            ports.add(request.senderPort());
        }
        return ports;
    }

    /**
     * A receiver that sends its status line and headers a byte a second: no single read waits long,
     * so only the attempt's own deadline can end it.
     */
    @Test
    void aReceiverThatTricklesItsAnswerIsCutOffAfterTenSeconds() throws Exception {
        TestDeveloper developer = TestDeveloper.create("enterprise");
        try (ServerSocket trickling = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread answering = new Thread(() -> trickle(trickling));
            answering.setDaemon(true);
            answering.start();
            String id = create(developer, "http://localhost:" + trickling.getLocalPort() + "/trickle", "grant.created")
                    .getString("id");
            String agentId = Flows.createAgent(developer, List.of("read"));
            Flows.grant(developer, agentId, List.of("read"));
            JsonObject pending = awaitDeliveries(developer, id, "pending",
                    d -> !d.isNull("lastError"), Duration.ofSeconds(25));
            assertEquals("No answer within 10 s", pending.getJsonArray("deliveries").getJsonObject(0).getString("lastError"));
        }
    }

    /** Answers the first request on the socket with 200 and a header that grows a byte a second for a minute. */
    private static void trickle(ServerSocket server) {
        try (Socket socket = server.accept()) {
            InputStream in = socket.getInputStream();
            int matched = 0;
            for (int b; matched < 4 && (b = in.read()) >= 0; ) {
                matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : (b == '\r' ? 1 : 0);
            }
            OutputStream out = socket.getOutputStream();
            out.write("HTTP/1.1 200 OK\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 60; i++) {
                out.write('a');
                out.flush();
                Thread.sleep(1_000);
            }
        } catch (IOException | InterruptedException e) {
            // The server cut the connection off, or the test ended.
        }
    }

    /**
     * Over https a receiver needs a certificate from an authority the server trusts (here the test CA
     * of GRANTEX_WEBHOOK_TRUSTED_CERTIFICATES) that names the host it was reached by. A self-signed
     * certificate, or one of the trusted CA for another host, fails the attempt before anything is sent.
     */
    @Test
    void deliveriesOverHttpsNeedATrustedCertificateThatNamesTheHost() {
        TestDeveloper developer = TestDeveloper.create("enterprise");
        try (WebhookReceiver trusted = WebhookReceiver.overTls("localhost.p12");
             WebhookReceiver selfSigned = WebhookReceiver.overTls("untrusted.p12");
             WebhookReceiver otherHost = WebhookReceiver.overTls("other-host.p12")) {
            JsonObject webhook = create(developer, trusted.url("/tls"), "grant.created");
            String secret = webhook.getString("secret");
            String selfSignedId = create(developer, selfSigned.url("/tls"), "grant.created").getString("id");
            String otherHostId = create(developer, otherHost.url("/tls"), "grant.created").getString("id");
            String agentId = Flows.createAgent(developer, List.of("read"));
            Flows.Issued issued = Flows.grant(developer, agentId, List.of("read"));

            Received request = trusted.next(WAIT);
            assertNotNull(request, "nothing arrived over https");
            assertTrue(request.body().contains(issued.grantId()), request.body());
            assertEquals("sha256=" + WebhookReceiver.hmacSha256Hex(secret, request.body()), request.header("X-Grantex-Signature"));
            awaitDeliveries(developer, webhook.getString("id"), "delivered", 1);

            String untrustedError = awaitDeliveries(developer, selfSignedId, "pending", d -> !d.isNull("lastError"), WAIT)
                    .getJsonArray("deliveries").getJsonObject(0).getString("lastError");
            assertTrue(untrustedError.startsWith("SSLHandshakeException"), untrustedError);
            String otherHostError = awaitDeliveries(developer, otherHostId, "pending", d -> !d.isNull("lastError"), WAIT)
                    .getJsonArray("deliveries").getJsonObject(0).getString("lastError");
            assertTrue(otherHostError.toLowerCase(java.util.Locale.ROOT).contains("hostname"), otherHostError);
            assertNull(selfSigned.next(Duration.ZERO), "a request reached the self-signed receiver");
            assertNull(otherHost.next(Duration.ZERO), "a request reached the receiver named for another host");
        }
    }

    @Test
    void redirectsAreNotFollowed() {
        TestDeveloper developer = TestDeveloper.create("enterprise");
        try (WebhookReceiver receiver = new WebhookReceiver().answering(r -> 302)) {
            String id = create(developer, receiver.url("/moved"), "grant.created").getString("id");
            String agentId = Flows.createAgent(developer, List.of("read"));
            Flows.grant(developer, agentId, List.of("read"));
            assertNotNull(receiver.next(WAIT));
            JsonObject pending = awaitDeliveries(developer, id, "pending", d -> !d.isNull("lastError"), WAIT);
            assertEquals("HTTP 302 (redirects are not followed)",
                    pending.getJsonArray("deliveries").getJsonObject(0).getString("lastError"));
            assertNull(receiver.next(Duration.ofSeconds(1)), "the redirect was followed");
        }
    }

    @Test
    void aHostNameThatResolvesToALoopbackAddressIsRefusedAtDelivery() throws Exception {
        String hostName = InetAddress.getLocalHost().getHostName();
        assumeTrue(InetAddress.getByName(hostName).isLoopbackAddress(), hostName + " does not resolve to loopback here");
        TestDeveloper developer = TestDeveloper.create("enterprise");
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String url = "https://" + hostName + ":" + receiver.port() + "/rebound";
            String id = create(developer, url, "grant.created").getString("id");
            String agentId = Flows.createAgent(developer, List.of("read"));
            Flows.grant(developer, agentId, List.of("read"));
            JsonObject pending = awaitDeliveries(developer, id, "pending", d -> !d.isNull("lastError"), WAIT);
            String error = pending.getJsonArray("deliveries").getJsonObject(0).getString("lastError");
            assertTrue(error.contains("loopback, link-local or private"), error);
            assertNull(receiver.next(Duration.ofSeconds(1)));
        }
    }

    @Test
    void deliveriesArePagedAndFilteredAndBadParametersAre400() {
        TestDeveloper developer = TestDeveloper.create("enterprise");
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String id = create(developer, receiver.url("/paged"), "grant.created", "token.issued").getString("id");
            String agentId = Flows.createAgent(developer, List.of("read"));
            Flows.grant(developer, agentId, List.of("read"));
            Flows.grant(developer, agentId, List.of("read"));
            awaitDeliveries(developer, id, "delivered", 4);
            JsonObject page = developer.api().get("/v1/webhooks/" + id + "/deliveries?page=2&pageSize=3").expect(200).json();
            assertEquals(4, page.getInt("total"));
            assertEquals(2, page.getInt("page"));
            assertEquals(3, page.getInt("pageSize"));
            assertEquals(1, page.getJsonArray("deliveries").size());
            assertEquals(100, developer.api().get("/v1/webhooks/" + id + "/deliveries?pageSize=1000").expect(200).json().getInt("pageSize"));
            assertEquals(0, developer.api().get("/v1/webhooks/" + id + "/deliveries?status=failed").expect(200).json().getInt("total"));
            for (String query : List.of("status=done", "page=0", "page=x", "pageSize=0", "pageSize=-1")) {
                assertEquals(400, developer.api().get("/v1/webhooks/" + id + "/deliveries?" + query).status(), query);
            }
        }
    }

    private static JsonObject awaitDeliveries(TestDeveloper developer, String webhookId, String status, int count) {
        return awaitDeliveries(developer, webhookId, status, d -> true, WAIT, count);
    }

    private static JsonObject awaitDeliveries(TestDeveloper developer, String webhookId, String status,
                                              Predicate<JsonObject> first, Duration wait) {
        return awaitDeliveries(developer, webhookId, status, first, wait, 1);
    }

    /** Polls the deliveries list until {@code count} have the status and the newest matches {@code first}. */
    private static JsonObject awaitDeliveries(TestDeveloper developer, String webhookId, String status,
                                              Predicate<JsonObject> first, Duration wait, int count) {
        long deadline = System.currentTimeMillis() + wait.toMillis();
        JsonObject page;
        do {
            page = developer.api().get("/v1/webhooks/" + webhookId + "/deliveries?status=" + status).expect(200).json();
            // The page and its total are two reads: on Derby the page can miss a row being updated
            // that the total counts.
            var deliveries = page.getJsonArray("deliveries");
            if (page.getInt("total") >= count && !deliveries.isEmpty() && first.test(deliveries.getJsonObject(0))) {
                return page;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        } while (System.currentTimeMillis() < deadline);
        throw new AssertionError("Deliveries never reached " + count + " " + status + ": " + page);
    }

}
