package dev.grantex.budgets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grantex.it.Api;
import dev.grantex.it.Flows;
import dev.grantex.it.Reply;
import dev.grantex.it.SseClient;
import dev.grantex.it.TestDeveloper;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** /v1/budget (contract §7.1): allocations, atomic debits, the ledger, alerts and the bdg claim. */
class BudgetsIT {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static String grant(TestDeveloper developer) {
        return Flows.grant(developer, Flows.createAgent(developer, List.of("payments:initiate")),
                List.of("payments:initiate")).grantId();
    }

    private static Reply allocate(TestDeveloper developer, String grantId, String initialBudgetJson) {
        return developer.api().post("/v1/budget/allocate",
                "{\"grantId\":\"" + grantId + "\",\"initialBudget\":" + initialBudgetJson + "}");
    }

    private static Reply debit(TestDeveloper developer, String grantId, String amountJson) {
        return developer.api().post("/v1/budget/debit", "{\"grantId\":\"" + grantId + "\",\"amount\":" + amountJson + "}");
    }

    private static Reply debitWithKey(TestDeveloper developer, String key, String body) {
        return Api.send(Api.request("/v1/budget/debit").header("Authorization", "Bearer " + developer.apiKey())
                .header("Content-Type", "application/json").header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static String remaining(TestDeveloper developer, String grantId) {
        return developer.api().get("/v1/budget/balance/" + grantId).expect(200).json().getString("remainingBudget");
    }

    private static void assertCode(int status, String code, Reply reply) {
        assertEquals(status, reply.status(), reply.body());
        assertEquals(code, reply.json().getString("code"), reply.body());
    }

    @Test
    void allocateDebitAndReadTheLedgerInExactDecimals() {
        TestDeveloper developer = TestDeveloper.create("enterprise");
        String grantId = grant(developer);
        JsonObject allocation = allocate(developer, grantId, "100").expect(201).json();
        assertTrue(allocation.getString("id").startsWith("bdg_"));
        assertEquals(grantId, allocation.getString("grantId"));
        assertEquals(developer.developerId(), allocation.getString("developerId"));
        assertEquals("100.0000", allocation.getString("initialBudget"));
        assertEquals("100.0000", allocation.getString("remainingBudget"));
        assertEquals("USD", allocation.getString("currency"));
        assertEquals("open", allocation.getString("status"));
        assertTrue(allocation.getString("createdAt").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));

        for (int i = 0; i < 10; i++) {
            JsonObject debited = debit(developer, grantId, "0.1").expect(200).json();
            assertTrue(debited.getString("transactionId").startsWith("btx_"));
            assertEquals(grantId, debited.getString("grantId"));
        }
        assertEquals("99.0000", remaining(developer, grantId));

        JsonObject described = developer.api().post("/v1/budget/debit", Json.createObjectBuilder()
                .add("grantId", grantId).add("amount", "2.5").add("description", "inference")
                .add("metadata", Json.createObjectBuilder().add("model", "m1").add("tokens", 1200)).build().toString())
                .expect(200).json();
        assertEquals("96.5000", described.getString("remaining"));

        JsonObject page = developer.api().get("/v1/budget/transactions/" + grantId + "?pageSize=3").expect(200).json();
        assertEquals(11, page.getInt("total"));
        List<JsonObject> rows = page.getJsonArray("transactions").getValuesAs(JsonObject.class);
        assertEquals(3, rows.size());
        JsonObject newest = rows.get(0);
        assertEquals(described.getString("transactionId"), newest.getString("id"));
        assertEquals("2.5000", newest.getString("amount"));
        assertEquals("inference", newest.getString("description"));
        assertEquals(1200, newest.getJsonObject("metadata").getInt("tokens"));
        assertEquals(allocation.getString("id"), newest.getString("allocationId"));
        assertEquals("0.1000", rows.get(1).getString("amount"));
        assertEquals(2, developer.api().get("/v1/budget/transactions/" + grantId + "?page=4&pageSize=3").expect(200)
                .json().getJsonArray("transactions").size());
        assertEquals(11, developer.api().get("/v1/budget/transactions/" + grantId).expect(200).json()
                .getJsonArray("transactions").size());

        List<JsonObject> allocations = developer.api().get("/v1/budget/allocations").expect(200).json()
                .getJsonArray("allocations").getValuesAs(JsonObject.class);
        assertEquals(1, allocations.size());
        assertEquals("96.5000", allocations.get(0).getString("remainingBudget"));
    }

    @Test
    void badInputIs400AndChangesNothing() {
        TestDeveloper developer = TestDeveloper.create("enterprise");
        String grantId = grant(developer);
        for (String bad : List.of("0", "-5", "0.00001", "\"ten\"", "1e400", "100000000000000", "true", "null")) {
            assertCode(400, "BAD_REQUEST", allocate(developer, grantId, bad));
        }
        assertCode(400, "BAD_REQUEST", developer.api().post("/v1/budget/allocate", "{\"initialBudget\":5}"));
        assertCode(400, "BAD_REQUEST", developer.api().post("/v1/budget/allocate",
                "{\"grantId\":\"" + grantId + "\",\"initialBudget\":5,\"currency\":\"dollars\"}"));
        assertCode(400, "BAD_REQUEST", developer.api().post("/v1/budget/allocate", "{\"grantId\":"));
        developer.api().get("/v1/budget/balance/" + grantId).expect(404);

        assertEquals("EUR", developer.api().post("/v1/budget/allocate",
                "{\"grantId\":\"" + grantId + "\",\"initialBudget\":\"10.25\",\"currency\":\"eur\"}").expect(201)
                .json().getString("currency"));
        for (String bad : List.of("0", "-1", "1.23456", "\"1,5\"", "[]", "{}", "1e400")) {
            assertCode(400, "BAD_REQUEST", debit(developer, grantId, bad));
        }
        assertCode(400, "BAD_REQUEST", developer.api().post("/v1/budget/debit",
                "{\"grantId\":\"" + grantId + "\",\"amount\":1,\"metadata\":\"not an object\"}"));
        assertCode(400, "BAD_REQUEST", developer.api().post("/v1/budget/debit",
                "{\"grantId\":\"" + grantId + "\",\"amount\":1,\"description\":\"" + "x".repeat(1001) + "\"}"));
        assertCode(400, "BAD_REQUEST", debitWithKey(developer, "has space", "{\"grantId\":\"" + grantId + "\",\"amount\":1}"));
        assertEquals("10.2500", remaining(developer, grantId));
        assertEquals(0, developer.api().get("/v1/budget/transactions/" + grantId).expect(200).json().getInt("total"));

        for (String query : List.of("pageSize=201", "pageSize=0", "page=0", "page=x")) {
            assertCode(400, "BAD_REQUEST", developer.api().get("/v1/budget/transactions/" + grantId + "?" + query));
        }
    }

    @Test
    void eachDocumentedRefusal() {
        TestDeveloper developer = TestDeveloper.create("enterprise");
        String grantId = grant(developer);
        assertCode(404, "NOT_FOUND", allocate(developer, "grnt_01JUNKNOWNUNKNOWNUNKNOWNUN", "5"));
        assertCode(402, "INSUFFICIENT_BUDGET", debit(developer, grantId, "1"));
        allocate(developer, grantId, "5").expect(201);
        assertCode(409, "CONFLICT", allocate(developer, grantId, "5"));
        assertCode(402, "INSUFFICIENT_BUDGET", debit(developer, grantId, "5.0001"));
        assertEquals("0.0000", debit(developer, grantId, "5").expect(200).json().getString("remaining"));
        assertCode(402, "INSUFFICIENT_BUDGET", debit(developer, grantId, "0.0001"));
        assertCode(404, "NOT_FOUND", debit(developer, "grnt_01JUNKNOWNUNKNOWNUNKNOWNUN", "1"));

        String revoked = grant(developer);
        allocate(developer, revoked, "5").expect(201);
        developer.api().delete("/v1/grants/" + revoked).expect(204);
        assertCode(409, "GRANT_INACTIVE", debit(developer, revoked, "1"));
        String revokedBare = grant(developer);
        developer.api().delete("/v1/grants/" + revokedBare).expect(204);
        assertCode(409, "GRANT_INACTIVE", allocate(developer, revokedBare, "5"));
        assertEquals("5.0000", remaining(developer, revoked));
    }

    @Test
    void anotherDevelopersGrantsAndBudgetsAre404() {
        TestDeveloper owner = TestDeveloper.create("enterprise");
        TestDeveloper other = TestDeveloper.create("enterprise");
        String grantId = grant(owner);
        assertCode(404, "NOT_FOUND", allocate(other, grantId, "5"));
        allocate(owner, grantId, "5").expect(201);
        assertCode(404, "NOT_FOUND", debit(other, grantId, "1"));
        other.api().get("/v1/budget/balance/" + grantId).expect(404);
        other.api().get("/v1/budget/transactions/" + grantId).expect(404);
        assertEquals(0, other.api().get("/v1/budget/allocations").expect(200).json().getJsonArray("allocations").size());
        assertEquals("5.0000", remaining(owner, grantId));
    }

    @Test
    void aHundredConcurrentDebitsOfOneAgainstFiftySucceedFiftyTimesAndAlertOnce() throws Exception {
        TestDeveloper developer = TestDeveloper.create("enterprise");
        String grantId = grant(developer);
        allocate(developer, grantId, "50").expect(201);
        try (SseClient stream = SseClient.subscribed(developer.apiKey(), "types=budget.threshold,budget.exhausted")) {
            ExecutorService pool = Executors.newFixedThreadPool(32);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return debit(developer, grantId, "1").status();
                }));
            }
            start.countDown();
            int ok = 0;
            int refused = 0;
            for (Future<Integer> result : results) {
                int status = result.get();
                ok += status == 200 ? 1 : 0;
                refused += status == 402 ? 1 : 0;
            }
            pool.shutdown();
            assertEquals(50, ok);
            assertEquals(50, refused);
            assertEquals("0.0000", remaining(developer, grantId));
            assertEquals(50, developer.api().get("/v1/budget/transactions/" + grantId).expect(200).json().getInt("total"));

            List<String> alerts = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                JsonObject event = stream.next(WAIT);
                JsonObject data = event.getJsonObject("data");
                assertEquals(grantId, data.getString("grantId"));
                alerts.add(event.getString("type") + (data.containsKey("pct") ? ":" + data.getInt("pct") : ""));
            }
            assertEquals(List.of("budget.threshold:50", "budget.threshold:80", "budget.exhausted"), alerts);
            assertNull(stream.next(Duration.ofSeconds(2)), "an alert was announced twice");
        }
    }

    @Test
    void thresholdsAreAnnouncedOnceOverManyDebits() {
        TestDeveloper developer = TestDeveloper.create("enterprise");
        String grantId = grant(developer);
        allocate(developer, grantId, "10").expect(201);
        try (SseClient stream = SseClient.subscribed(developer.apiKey(), "types=budget.threshold,budget.exhausted")) {
            for (int i = 0; i < 19; i++) {
                debit(developer, grantId, "0.5").expect(200);
            }
            JsonObject fifty = stream.next(WAIT);
            assertEquals(50, fifty.getJsonObject("data").getInt("pct"));
            assertEquals("5.0000", fifty.getJsonObject("data").getString("remaining"));
            JsonObject eighty = stream.next(WAIT);
            assertEquals(80, eighty.getJsonObject("data").getInt("pct"));
            assertEquals("2.0000", eighty.getJsonObject("data").getString("remaining"));
            assertNull(stream.next(Duration.ofSeconds(2)));
            debit(developer, grantId, "0.5").expect(200);
            JsonObject exhausted = stream.next(WAIT);
            assertEquals("budget.exhausted", exhausted.getString("type"));
            assertEquals("0", exhausted.getJsonObject("data").getString("remaining"));
        }
    }

    @Test
    void aRetriedDebitWithTheSameIdempotencyKeyDebitsOnce() throws Exception {
        TestDeveloper developer = TestDeveloper.create("enterprise");
        String grantId = grant(developer);
        allocate(developer, grantId, "20").expect(201);
        String body = "{\"grantId\":\"" + grantId + "\",\"amount\":\"3\",\"description\":\"gpu\"}";
        Reply first = debitWithKey(developer, "retry-1", body).expect(200);
        Reply again = debitWithKey(developer, "retry-1", body).expect(200);
        assertEquals(first.json(), again.json());
        assertEquals("true", again.header("Idempotent-Replayed").orElse(null));
        assertFalse(first.header("Idempotent-Replayed").isPresent());
        assertEquals("17.0000", remaining(developer, grantId));
        assertCode(409, "CONFLICT", debitWithKey(developer, "retry-1",
                "{\"grantId\":\"" + grantId + "\",\"amount\":\"4\",\"description\":\"gpu\"}"));

        ExecutorService pool = Executors.newFixedThreadPool(10);
        Set<String> answers = ConcurrentHashMap.newKeySet();
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            results.add(pool.submit(() -> {
                Reply reply = debitWithKey(developer, "retry-2", body);
                if (reply.status() == 200) {
                    answers.add(reply.json().getString("transactionId"));
                }
                return reply.status();
            }));
        }
        for (Future<Integer> result : results) {
            assertEquals(200, result.get());
        }
        pool.shutdown();
        assertEquals(1, answers.size());
        assertEquals("14.0000", remaining(developer, grantId));
        assertEquals(2, developer.api().get("/v1/budget/transactions/" + grantId).expect(200).json().getInt("total"));
    }

    @Test
    void refreshedTokensCarryTheRemainingBudgetInBdg() {
        TestDeveloper developer = TestDeveloper.create("enterprise");
        String agentId = Flows.createAgent(developer, List.of("payments:initiate"));
        Flows.Issued issued = Flows.grant(developer, agentId, List.of("payments:initiate"));
        assertFalse(issued.claims().containsKey("bdg"));
        allocate(developer, issued.grantId(), "25").expect(201);
        debit(developer, issued.grantId(), "0.75").expect(200);
        JsonObject refreshed = developer.api().post("/v1/token/refresh", Json.createObjectBuilder()
                .add("refreshToken", issued.refreshToken()).add("agentId", agentId).build().toString()).expect(201).json();
        JsonObject claims = Flows.claims(refreshed.getString("grantToken"));
        assertEquals(new BigDecimal("24.25"), claims.getJsonNumber("bdg").bigDecimalValue());
        JsonObject verified = developer.api().post("/v1/grants/verify", Json.createObjectBuilder()
                .add("token", refreshed.getString("grantToken")).build().toString()).expect(200).json();
        assertEquals(new BigDecimal("24.25"), verified.getJsonObject("claims").getJsonNumber("bdg").bigDecimalValue());
    }

    @Test
    void theSweepClosesTheBudgetsOfRevokedAndExpiredGrantsAndReportsWhatWasLeft() {
        TestDeveloper developer = TestDeveloper.create("enterprise");
        String agentId = Flows.createAgent(developer, List.of("read"));
        String code = Flows.code(developer, Flows.authorizeBody(agentId, Flows.principal(), List.of("read"))
                .add("expiresIn", "3s").build());
        String expiring = Flows.exchange(developer, agentId, code).grantId();
        allocate(developer, expiring, "8").expect(201);
        debit(developer, expiring, "1.5").expect(200);
        String revoked = Flows.grant(developer, agentId, List.of("read")).grantId();
        allocate(developer, revoked, "4").expect(201);
        String lasting = Flows.grant(developer, agentId, List.of("read")).grantId();
        allocate(developer, lasting, "4").expect(201);
        try (SseClient stream = SseClient.subscribed(developer.apiKey(), "types=budget.closed")) {
            developer.api().delete("/v1/grants/" + revoked).expect(204);
            Set<String> closed = ConcurrentHashMap.newKeySet();
            for (int i = 0; i < 2; i++) {
                JsonObject event = stream.next(Duration.ofSeconds(90));
                assertTrue(event != null, "the sweep did not close the budgets within 90 s");
                JsonObject data = event.getJsonObject("data");
                closed.add(data.getString("grantId") + ":" + data.getString("reason") + ":" + data.getString("remaining"));
            }
            assertEquals(Set.of(expiring + ":expired:6.5000", revoked + ":revoked:4.0000"), closed);
        }
        JsonObject expired = developer.api().get("/v1/budget/balance/" + expiring).expect(200).json();
        assertEquals("closed", expired.getString("status"));
        assertEquals("expired", expired.getString("closedReason"));
        assertEquals("6.5000", expired.getString("remainingBudget"));
        assertEquals("open", developer.api().get("/v1/budget/balance/" + lasting).expect(200).json().getString("status"));
    }

    @Test
    void deletingTheAgentRemovesItsBudgets() {
        TestDeveloper developer = TestDeveloper.create("enterprise");
        String agentId = Flows.createAgent(developer, List.of("read"));
        String grantId = Flows.grant(developer, agentId, List.of("read")).grantId();
        allocate(developer, grantId, "5").expect(201);
        debit(developer, grantId, "1").expect(200);
        developer.api().delete("/v1/agents/" + agentId).expect(204);
        developer.api().get("/v1/budget/balance/" + grantId).expect(404);
        assertEquals(0, developer.api().get("/v1/budget/allocations").expect(200).json().getJsonArray("allocations").size());
    }
}
