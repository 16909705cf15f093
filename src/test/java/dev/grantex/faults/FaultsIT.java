package dev.grantex.faults;

import static dev.grantex.it.ErrorEnvelope.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.grantex.it.Api;
import dev.grantex.it.Flows;
import dev.grantex.it.ItServer;
import dev.grantex.it.Reply;
import dev.grantex.it.SseClient;
import dev.grantex.it.TestDeveloper;
import dev.grantex.it.WebhookReceiver;
import dev.grantex.it.WsClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Outages, crashes and kills against a server of the suite's own, on its own PostgreSQL cluster and
 * its own Redis (src/test/liberty/faults.env), so that they can be stopped and crashed without
 * touching the machine's shared services. Run by the build's faults profile (.ci/run does).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultsIT {
    private static PostgresCluster postgres;
    private static RedisProcess redis;
    private static LibertyServer server;
    /** The second node (two-node tests): same database and Redis, another port. */
    private static LibertyServer nodeB;
    private static final String NODE_B = System.getProperty("grantex.faults.server-b-url");

    @BeforeAll
    static void startTheLab() throws Exception {
        assumeTrue(PostgresCluster.available() && RedisProcess.available(),
                "needs Debian's pg_createcluster and redis-server");
        postgres = PostgresCluster.create(port("GRANTEX_DB_URL"));
        redis = new RedisProcess(port("GRANTEX_REDIS_URL"));
        redis.start();
        server = new LibertyServer(Path.of(System.getProperty("grantex.faults.wlp")),
                System.getProperty("grantex.faults.server"), ItServer.baseUrl());
        server.start();
    }

    @AfterAll
    static void stopTheLab() throws Exception {
        if (nodeB != null) {
            nodeB.stop();
        }
        if (server != null) {
            server.stop();
        }
        if (redis != null) {
            redis.stop();
        }
        if (postgres != null) {
            postgres.drop();
        }
    }

    @Test
    @Order(1)
    void aRedisOutageDegradesAndRecoversWithoutARestart() throws Exception {
        TestDeveloper developer = TestDeveloper.create("enterprise", "sandbox");
        String agent = Flows.createAgent(developer, List.of("read"));
        Flows.Issued kept = Flows.grant(developer, agent, List.of("read"));
        Flows.Issued revokedBefore = Flows.grant(developer, agent, List.of("read"));
        Flows.Issued revokedDuring = Flows.grant(developer, agent, List.of("read"));
        developer.api().delete("/v1/grants/" + revokedBefore.grantId()).expect(204);

        redis.stop();
        long started = System.nanoTime();
        assertEquals("alive", Api.anonymous().get("/health/live").expect(200).json().getString("status"));
        for (String path : List.of("/health", "/health/ready")) {
            JsonObject health = Api.anonymous().get(path).expect(503).json();
            assertEquals("degraded", health.getString("status"));
            assertEquals("unavailable", health.getString("redis"));
            assertEquals("ok", health.getString("database"));
            assertEquals("per-node", health.getString("rateLimits"));
        }
        assertTrue(Flows.valid(developer, kept.grantToken()), "verification answers from the database");
        assertFalse(Flows.valid(developer, revokedBefore.grantToken()), "a revoked token stays revoked");
        Flows.Issued during = Flows.grant(developer, agent, List.of("read"));
        assertTrue(Flows.valid(developer, during.grantToken()), "the flow keeps working");
        developer.api().delete("/v1/grants/" + revokedDuring.grantId()).expect(204);
        assertFalse(Flows.valid(developer, revokedDuring.grantToken()), "revoked during the outage");
        assertTrue(metrics().contains("grantex_rate_limits_per_node{mp_scope=\"application\",} 1.0"), "the metric says so");
        // Limits still hold, per node: keys-rotate allows 5 a minute (twice that if a minute ends meanwhile).
        String key = TestDeveloper.create("enterprise").apiKey();
        int rotated = 0;
        Reply rotation = Api.withKey(key).post("/v1/keys/rotate", null);
        while (rotation.status() == 200 && rotated < 11) {
            rotated++;
            key = rotation.json().getString("apiKey");
            rotation = Api.withKey(key).post("/v1/keys/rotate", null);
        }
        assertError(rotation, 429, "RATE_LIMIT_EXCEEDED");
        assertTrue(rotated >= 5 && rotated <= 10, rotated + " rotations before the 429");
        long outageMillis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(Files.readString(server.directory().resolve("logs/messages.log")).contains("Redis is not answering"),
                "the log says so");

        redis.start();
        JsonObject health = awaitHealthy();
        assertEquals("ok", health.getString("redis"));
        assertEquals("shared", health.getString("rateLimits"));
        assertTrue(metrics().contains("grantex_rate_limits_per_node{mp_scope=\"application\",} 0.0"));
        assertFalse(Flows.valid(developer, revokedBefore.grantToken()));
        assertFalse(Flows.valid(developer, revokedDuring.grantToken()));
        assertTrue(Flows.valid(developer, kept.grantToken()));
        System.out.println("[faults] redis outage: every check answered within " + outageMillis
                + " ms; recovered without a restart");
    }

    @Test
    @Order(2)
    void aDatabaseCrashUnderAuditLoadLosesNoAcknowledgedEntry() throws Exception {
        TestDeveloper developer = TestDeveloper.create("enterprise");
        AuditLoad load = new AuditLoad(developer, 8);
        Commands.sleep(3000);
        postgres.crash();
        Commands.sleep(2000);
        JsonObject ready = Api.anonymous().get("/health/ready").expect(503).json();
        assertEquals("unavailable", ready.getString("database"));
        long during = load.unavailable.get();
        Commands.sleep(8000);
        postgres.start();
        awaitHealthy();
        long acknowledgedAfterRecovery = load.acknowledged.size();
        Commands.sleep(3000);
        load.stop();

        System.out.println("[faults] database crashed for 10 s under audit load: " + load.counts());
        assertTrue(load.unavailable.get() > during || during > 0, "the outage answered 503");
        assertEquals(0, load.unavailableWithoutEnvelope.get(), "every 503 has the envelope and Retry-After");
        assertEquals(0, load.otherServerErrors.get(), "no 500");
        assertTrue(load.slowestMillis.get() < 10_000, "bounded: slowest answer " + load.slowestMillis.get() + " ms");
        assertTrue(load.acknowledged.size() > acknowledgedAfterRecovery, "appends resume without a restart");
        assertAllPresentAndChainIntact(developer, load);
    }

    @Test
    @Order(3)
    void aKilledServerLosesNoAcknowledgedEntryAndItsCodesWorkOnce() throws Exception {
        TestDeveloper developer = TestDeveloper.create("enterprise", "sandbox");
        String agent = Flows.createAgent(developer, List.of("read"));
        String code = Flows.code(developer, Flows.authorizeBody(agent, Flows.principal(), List.of("read")).build());
        Flows.Issued issued = Flows.grant(developer, agent, List.of("read"));
        AuditLoad load = new AuditLoad(developer, 8);
        Commands.sleep(3000);
        server.kill();
        Commands.sleep(1000);
        server.start();
        Commands.sleep(3000);
        load.stop();

        System.out.println("[faults] server killed with kill -9 under audit load and restarted: " + load.counts());
        assertEquals(0, load.otherServerErrors.get(), "no 500");
        assertAllPresentAndChainIntact(developer, load);
        String exchange = Json.createObjectBuilder().add("code", code).add("agentId", agent).build().toString();
        developer.api().post("/v1/token", exchange).expect(201);
        assertError(developer.api().post("/v1/token", exchange), 400, "BAD_REQUEST");
        String refresh = Json.createObjectBuilder().add("refreshToken", issued.refreshToken()).add("agentId", agent)
                .build().toString();
        developer.api().post("/v1/token/refresh", refresh).expect(201);
        assertError(developer.api().post("/v1/token/refresh", refresh), 400, "BAD_REQUEST");
    }

    @Test
    @Order(4)
    void eventsOfAFlowOnOneNodeReachStreamsOnTheOtherWithinASecondAndRevocationAtOnce() throws Exception {
        nodeB = new LibertyServer(Path.of(System.getProperty("grantex.faults.wlp")),
                System.getProperty("grantex.faults.server-b"), NODE_B);
        nodeB.start();
        TestDeveloper developer = TestDeveloper.create("enterprise", "sandbox");
        try (SseClient sse = SseClient.subscribed(NODE_B, developer.apiKey(), null);
             WsClient ws = WsClient.connect(NODE_B, developer.apiKey())) {
            Commands.sleep(300);
            String agent = Flows.createAgent(developer, List.of("read"));
            Flows.Issued issued = Flows.grant(developer, agent, List.of("read"));
            long revokedAt = System.currentTimeMillis();
            developer.api().delete("/v1/grants/" + issued.grantId()).expect(204);
            String verify = Json.createObjectBuilder().add("token", issued.grantToken()).build().toString();
            JsonObject onB = developer.api().at(NODE_B).post("/v1/tokens/verify", verify).expect(200).json();
            assertFalse(onB.getBoolean("valid"), "revoked on A, still valid on B: " + onB);

            for (String type : List.of("grant.created", "token.issued", "grant.revoked")) {
                JsonObject fromSse = sse.next(Duration.ofSeconds(1));
                JsonObject fromWs = ws.next(Duration.ofSeconds(1));
                assertEquals(type, fromSse == null ? null : fromSse.getString("type"), "SSE on B");
                assertEquals(type, fromWs == null ? null : fromWs.getString("type"), "WebSocket on B");
                assertEquals(issued.grantId(), fromSse.getJsonObject("data").getString("grantId"));
            }
            System.out.println("[faults] two nodes: B's streams had every event of A's flow; revocation on A "
                    + "verified invalid on B " + (System.currentTimeMillis() - revokedAt) + " ms after it was made");
        }
    }

    @Test
    @Order(5)
    void anApiKeyRotatedOnOneNodeStopsWorkingOnTheOtherAtOnce() {
        TestDeveloper developer = TestDeveloper.create("enterprise", "sandbox");
        Api oldKeyOnB = developer.api().at(NODE_B);
        oldKeyOnB.get("/v1/agents").expect(200); // B now holds the key in its cache
        String newKey = developer.api().post("/v1/keys/rotate", null).expect(200).json().getString("apiKey");
        // Without the pushed signal B would accept the old key until its next poll, up to a second later.
        assertError(oldKeyOnB.get("/v1/agents"), 401, "UNAUTHORIZED");
        Api.withKey(newKey).at(NODE_B).get("/v1/agents").expect(200);
    }

    @Test
    @Order(5)
    void aPolicyCreatedOnOneNodeDecidesOnTheOtherAtOnce() {
        TestDeveloper developer = TestDeveloper.create("enterprise", "live");
        String agent = Flows.createAgent(developer, List.of("read"));
        String request = Flows.authorizeBody(agent, "alice", List.of("read")).build().toString();
        Api onB = developer.api().at(NODE_B);
        assertEquals("pending", onB.post("/v1/authorize", request).expect(201).json().getString("status"));
        developer.api().post("/v1/policies", "{\"name\":\"no reads\",\"effect\":\"deny\",\"scopes\":[\"read\"]}")
                .expect(201);
        long createdAt = System.currentTimeMillis();
        // B kept the developer's (empty) policies; without the pushed signal it would read them again
        // only after 10 s. The signal crosses Redis asynchronously, so B is given a second.
        Reply onBAfter = onB.post("/v1/authorize", request);
        while (onBAfter.status() != 403 && System.currentTimeMillis() - createdAt < 1000) {
            Commands.sleep(20);
            onBAfter = onB.post("/v1/authorize", request);
        }
        assertError(onBAfter, 403, "POLICY_DENIED");
        System.out.println("[faults] two nodes: a deny policy created on A decided on B "
                + (System.currentTimeMillis() - createdAt) + " ms after it was made");
    }

    @Test
    @Order(6)
    void aDeliveryWhoseNodeIsKilledBetweenAttemptsIsCompletedByTheOther() throws Exception {
        TestDeveloper developer = TestDeveloper.create("enterprise", "sandbox");
        AtomicInteger calls = new AtomicInteger();
        try (WebhookReceiver receiver = new WebhookReceiver().answering(r -> calls.incrementAndGet() == 1 ? 500 : 200)) {
            String webhook = createWebhook(developer, receiver.url("/killed-between"));
            String agent = Flows.createAgent(developer, List.of("read"));
            Flows.grant(developer, agent, List.of("read"));
            WebhookReceiver.Received first = receiver.next(Duration.ofSeconds(10));
            assertNotNull(first, "first attempt");
            awaitDelivery(developer.api().at(NODE_B), webhook, d -> d.getInt("attempts") == 1, Duration.ofSeconds(10));
            server.kill();
            WebhookReceiver.Received second = receiver.next(Duration.ofSeconds(60));
            assertNotNull(second, "the retry was not made by the surviving node");
            assertEquals(first.body(), second.body());
            JsonObject delivered = awaitDelivery(developer.api().at(NODE_B), webhook,
                    d -> "delivered".equals(d.getString("status")), Duration.ofSeconds(10));
            assertEquals(2, delivered.getInt("attempts"));
            System.out.println("[faults] node A killed after a failed attempt; node B retried "
                    + (second.receivedAtMillis() - first.receivedAtMillis()) + " ms after the first attempt");
        } finally {
            server.start();
        }
    }

    /**
     * Node A (concurrency 32, of which one developer gets 24) takes one event's 40 deliveries: 24 hang
     * at the receiver, 16 wait for a thread. Stopped in the ordinary way, A hands the 16 back, and B
     * sends them within seconds rather than when A's leases end, a minute after the flow.
     */
    @Test
    @Order(7)
    void deliveriesQueuedOnAStoppedNodeAreSentByTheOtherAtOnce() throws Exception {
        TestDeveloper developer = TestDeveloper.create("enterprise", "sandbox");
        int webhooks = 40;
        int underWay = 24;
        boolean stopped = false;
        try (WebhookReceiver receiver = new WebhookReceiver().answering(r -> -20_000)) {
            for (int i = 0; i < webhooks; i++) {
                createWebhook(developer, receiver.url("/queued-" + i));
            }
            String agent = Flows.createAgent(developer, List.of("read"));
            long flowAt = System.currentTimeMillis();
            Flows.grant(developer, agent, List.of("read"));
            Set<String> arrived = new HashSet<>();
            awaitArrivals(receiver, arrived, underWay, flowAt + 10_000);
            assertEquals(underWay, arrived.size(), "attempts under way on A before the stop");
            long stopAt = System.currentTimeMillis();
            server.stop();
            stopped = true;
            long lastArrival = awaitArrivals(receiver, arrived, webhooks, System.currentTimeMillis() + 20_000);
            assertEquals(webhooks, arrived.size(), "deliveries sent within 20 s of A's stop");
            assertTrue(System.currentTimeMillis() - flowAt < 50_000, "A's leases would have run out by now");
            System.out.println("[faults] node A stopped with " + (webhooks - underWay) + " deliveries queued; "
                    + "B had sent them " + (lastArrival - stopAt) + " ms after the stop began");
        } finally {
            if (stopped) {
                server.start();
            }
        }
    }

    /**
     * Adds the paths of requests that arrive until {@code count} distinct ones have, or the deadline
     * passes; returns when the last of them arrived.
     */
    private static long awaitArrivals(WebhookReceiver receiver, Set<String> arrived, int count, long deadline) {
        long last = 0;
        while (arrived.size() < count && System.currentTimeMillis() < deadline) {
            WebhookReceiver.Received request = receiver.next(Duration.ofMillis(200));
            if (request != null && arrived.add(request.path())) {
                last = request.receivedAtMillis();
            }
        }
        return last;
    }

    @Test
    @Order(8)
    void anEventCommittedJustBeforeAKillIsDeliveredAfterTheRestart() throws Exception {
        nodeB.stop();
        TestDeveloper developer = TestDeveloper.create("enterprise", "sandbox");
        AtomicInteger calls = new AtomicInteger();
        // The first attempt hangs, so the server is killed with the delivery unrecorded.
        try (WebhookReceiver receiver = new WebhookReceiver().answering(r -> calls.incrementAndGet() == 1 ? -8_000 : 200)) {
            String webhook = createWebhook(developer, receiver.url("/killed-during"));
            String agent = Flows.createAgent(developer, List.of("read"));
            Flows.Issued issued = Flows.grant(developer, agent, List.of("read"));
            WebhookReceiver.Received first = receiver.next(Duration.ofSeconds(10));
            assertNotNull(first, "first attempt");
            server.kill();
            server.start();
            WebhookReceiver.Received again = receiver.next(Duration.ofSeconds(90));
            assertNotNull(again, "the event was not delivered after the restart");
            assertEquals(first.body(), again.body());
            assertTrue(again.body().contains(issued.grantId()));
            assertNotNull(awaitDelivery(developer.api(), webhook, d -> "delivered".equals(d.getString("status")),
                    Duration.ofSeconds(10)));
            System.out.println("[faults] killed during a delivery; made again " + (again.receivedAtMillis()
                    - first.receivedAtMillis()) + " ms after the first attempt, once the lease ran out");
        }
    }

    @Test
    @Order(9)
    void aPersistentTimerDueWhileItsNodeIsDownRunsOnTheOther() throws Exception {
        // Node A created the expiry sweep's persistent timer on the suite's fresh database, so A runs it.
        nodeB.start();
        TestDeveloper developer = TestDeveloper.create("enterprise", "sandbox");
        String agent = Flows.createAgent(developer, List.of("read"));
        String grant = Flows.exchange(developer, agent, Flows.code(developer, Flows.authorizeBody(agent,
                Flows.principal(), List.of("read")).add("expiresIn", "2s").build())).grantId();
        server.kill();
        try {
            long killedAt = System.currentTimeMillis();
            // The sweep is due every minute; B takes over a timer its owner missed by missedTaskThreshold
            // (100 s in faults.env), once Liberty's poll for missed tasks (its interval computed by
            // Liberty) comes round: measured from 109 s to 221 s after the kill, so up to six minutes.
            long deadline = killedAt + 360_000;
            Api onB = developer.api().at(NODE_B);
            String status = "active";
            while (!"expired".equals(status) && System.currentTimeMillis() < deadline) {
                Commands.sleep(2000);
                status = onB.get("/v1/grants/" + grant).expect(200).json().getString("status");
            }
            assertEquals("expired", status, "the expiry sweep did not run on B while A was down");
            System.out.println("[faults] node A killed; B ran its persistent expiry sweep "
                    + (System.currentTimeMillis() - killedAt) / 1000 + " s later");
        } finally {
            server.start();
        }
    }

    private static String createWebhook(TestDeveloper developer, String url) {
        String body = Json.createObjectBuilder().add("url", url)
                .add("events", Json.createArrayBuilder().add("grant.created")).build().toString();
        return developer.api().post("/v1/webhooks", body).expect(201).json().getString("id");
    }

    /** Polls the webhook's newest delivery until it matches. */
    private static JsonObject awaitDelivery(Api api, String webhookId, Predicate<JsonObject> matches,
                                            Duration wait) {
        long deadline = System.currentTimeMillis() + wait.toMillis();
        JsonObject newest = null;
        while (System.currentTimeMillis() < deadline) {
            var deliveries = api.get("/v1/webhooks/" + webhookId + "/deliveries").expect(200).json().getJsonArray("deliveries");
            newest = deliveries.isEmpty() ? null : deliveries.getJsonObject(0);
            if (newest != null && matches.test(newest)) {
                return newest;
            }
            Commands.sleep(200);
        }
        throw new AssertionError("the delivery did not get there within " + wait + ": " + newest);
    }

    private static void assertAllPresentAndChainIntact(TestDeveloper developer, AuditLoad load) {
        long present = load.acknowledged.stream()
                .filter(id -> developer.api().get("/v1/audit/" + id).status() == 200).count();
        JsonObject chain = developer.api().get("/v1/audit/verify").expect(200).json();
        System.out.println("[faults]   acknowledged=" + load.acknowledged.size() + " present=" + present
                + " chain valid=" + chain.getBoolean("valid") + " (" + chain.getJsonNumber("checkedEntries") + " entries)");
        assertEquals(load.acknowledged.size(), present, "every acknowledged entry is present");
        assertTrue(chain.getBoolean("valid"), chain.toString());
        assertTrue(chain.getJsonNumber("checkedEntries").longValue() >= present);
    }

    private static JsonObject awaitHealthy() {
        for (int i = 0; i < 60; i++) {
            Reply health = Api.anonymous().get("/health");
            if (health.status() == 200) {
                return health.json();
            }
            Commands.sleep(500);
        }
        throw new AssertionError("not healthy again within 30 s: " + Api.anonymous().get("/health").body());
    }

    private static String metrics() {
        return Api.send(Api.request("/metrics?scope=application").GET()).body();
    }

    private static int port(String setting) {
        String url = ItServer.env(setting);
        String afterHost = url.substring(url.indexOf("127.0.0.1:") + "127.0.0.1:".length());
        return Integer.parseInt(afterHost.replaceAll("[^0-9].*$", ""));
    }
}
