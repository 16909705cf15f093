package dev.grantex.audit;

import static dev.grantex.it.ErrorEnvelope.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grantex.it.TestDeveloper;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class AuditIT {
    private final TestDeveloper developer = TestDeveloper.create("enterprise");

    private static String entry(String action, String extra) {
        return "{\"agentId\":\"ag_1\",\"agentDid\":\"did:grantex:ag_1\",\"grantId\":\"grnt_1\",\"principalId\":\"user_1\","
                + "\"action\":\"" + action + "\"" + extra + "}";
    }

    private JsonObject log(TestDeveloper who, String body) {
        return who.api().post("/v1/audit/log", body).expect(201).json();
    }

    /** Recomputes an entry's hash from what the server returned, as an auditor would. */
    private static String recompute(JsonObject e) {
        return AuditHash.of(e.getString("entryId"), e.getString("agentId"), e.getString("agentDid"),
                e.getString("grantId"), e.getString("principalId"), e.getString("developerId"), e.getString("action"),
                CanonicalJson.of(e.getJsonObject("metadata")), e.getString("timestamp"),
                e.isNull("prevHash") ? null : e.getString("prevHash"), e.getString("status"));
    }

    private List<JsonObject> allEntries(TestDeveloper who) {
        List<JsonObject> entries = new ArrayList<>();
        String cursor = null;
        do {
            JsonObject page = who.api().get("/v1/audit/entries?limit=500" + (cursor == null ? "" : "&after=" + cursor))
                    .expect(200).json();
            entries.addAll(page.getJsonArray("entries").getValuesAs(JsonObject.class));
            cursor = page.containsKey("nextCursor") ? page.getString("nextCursor") : null;
        } while (cursor != null);
        return entries;
    }

    @Test
    void entriesFormOneChainPerDeveloper() {
        JsonObject first = log(developer, entry("conformance.test.1",
                ",\"metadata\":{\"merchant\":\"Air India\",\"amount\":420,\"nested\":{\"z\":true,\"a\":[3,1.5,null]}}"));
        assertTrue(first.getString("entryId").startsWith("alog_"));
        assertTrue(first.isNull("prevHash"));
        assertTrue(first.getString("hash").matches("[0-9a-f]{64}"));
        assertEquals("success", first.getString("status"));
        assertEquals(developer.developerId(), first.getString("developerId"));
        assertEquals(recompute(first), first.getString("hash"));
        assertEquals("{\"amount\":420,\"merchant\":\"Air India\",\"nested\":{\"a\":[3,1.5,null],\"z\":true}}",
                CanonicalJson.of(first.getJsonObject("metadata")));

        JsonObject second = log(developer, entry("conformance.test.2", ",\"status\":\"failure\""));
        assertEquals(first.getString("hash"), second.getString("prevHash"));
        assertEquals(recompute(second), second.getString("hash"));
        assertEquals("{}", second.getJsonObject("metadata").toString());

        TestDeveloper other = TestDeveloper.create("enterprise");
        assertTrue(log(other, entry("other", "")).isNull("prevHash"), "each developer has a chain of its own");
    }

    /** Read for a response, metadata takes about twelve times its length: a page stops at 1 MiB of it. */
    @Test
    void aPageOfLongMetadataStopsAtOneMebibyteAndTheCursorGoesOn() {
        String filler = ",\"metadata\":{\"a\":[" + "{},".repeat(10_300) + "{}]}";
        List<String> logged = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            logged.add(log(developer, entry("long." + i, filler)).getString("entryId"));
        }
        logged.add(log(developer, entry("short", "")).getString("entryId"));
        JsonObject first = developer.api().get("/v1/audit/entries").expect(200).json();
        assertEquals(33, first.getJsonArray("entries").size(), "33 entries of 30,910 characters fit 1 MiB, 34 do not");
        assertTrue(first.containsKey("nextCursor"));
        assertEquals(logged, allEntries(developer).stream().map(e -> e.getString("entryId")).toList());
    }

    @Test
    void readingBack() {
        JsonObject logged = log(developer, entry("email.sent", ",\"metadata\":{\"to\":\"a@b.c\"}"));
        JsonObject fetched = developer.api().get("/v1/audit/" + logged.getString("entryId")).expect(200).json();
        assertEquals(logged, fetched);
        log(developer, entry("payment.initiated", ",\"status\":\"blocked\""));
        List<JsonObject> blocked = developer.api().get("/v1/audit/entries?status=blocked").expect(200).json()
                .getJsonArray("entries").getValuesAs(JsonObject.class);
        assertEquals(1, blocked.size());
        assertEquals("payment.initiated", blocked.get(0).getString("action"));
        assertEquals(2, developer.api().get("/v1/audit/entries?agentId=ag_1").expect(200).json()
                .getJsonArray("entries").size());
        assertEquals(0, developer.api().get("/v1/audit/entries?until=2000-01-01T00:00:00.000Z").expect(200).json()
                .getJsonArray("entries").size());
    }

    @Test
    void anotherDevelopersEntryIs404() {
        String id = log(developer, entry("private", "")).getString("entryId");
        TestDeveloper other = TestDeveloper.create("enterprise");
        assertError(other.api().get("/v1/audit/" + id), 404, "NOT_FOUND");
        assertTrue(other.api().get("/v1/audit/entries").expect(200).json().getJsonArray("entries").isEmpty());
    }

    @Test
    void entriesCannotBeChangedOrDeleted() {
        String id = log(developer, entry("kept", "")).getString("entryId");
        int put = developer.api().put("/v1/audit/" + id, entry("changed", "")).status();
        int delete = developer.api().delete("/v1/audit/" + id).status();
        assertTrue(put == 404 || put == 405, "PUT " + put);
        assertTrue(delete == 404 || delete == 405, "DELETE " + delete);
        assertEquals("kept", developer.api().get("/v1/audit/" + id).expect(200).json().getString("action"));
    }

    @Test
    void malformedEntriesAre400AndChangeNothing() {
        assertError(developer.api().post("/v1/audit/log", "{}"), 400, "BAD_REQUEST");
        assertError(developer.api().post("/v1/audit/log", entry("", "")), 400, "BAD_REQUEST");
        assertError(developer.api().post("/v1/audit/log", entry("a", ",\"status\":\"maybe\"")), 400, "BAD_REQUEST");
        assertError(developer.api().post("/v1/audit/log", entry("a", ",\"metadata\":[1]")), 400, "BAD_REQUEST");
        assertError(developer.api().post("/v1/audit/log", entry("a", ",\"metadata\":\"x\"")), 400, "BAD_REQUEST");
        assertError(developer.api().post("/v1/audit/log",
                entry("a", ",\"metadata\":{\"big\":\"" + "x".repeat(33_000) + "\"}")), 400, "BAD_REQUEST");
        assertError(developer.api().get("/v1/audit/entries?limit=0"), 400, "BAD_REQUEST");
        assertError(developer.api().get("/v1/audit/entries?after=abc"), 400, "BAD_REQUEST");
        assertError(developer.api().get("/v1/audit/entries?since=yesterday"), 400, "BAD_REQUEST");
        assertError(developer.api().get("/v1/audit/entries?since=%2B300000000-01-01T00:00:00Z"), 400, "BAD_REQUEST");
        assertError(developer.api().get("/v1/audit/verify?until=%2B300000000-01-01T00:00:00Z"), 400, "BAD_REQUEST");
        assertTrue(developer.api().get("/v1/audit/entries").expect(200).json().getJsonArray("entries").isEmpty());
        assertTrue(log(developer, entry("first", "")).isNull("prevHash"), "nothing was appended before");
    }

    @Test
    void twentyClientsAppendingAHundredEachLeaveOneUnbrokenChain() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Future<?>> clients = new ArrayList<>();
            for (int client = 0; client < 20; client++) {
                int c = client;
                clients.add(pool.submit(() -> {
                    for (int i = 0; i < 100; i++) {
                        log(developer, entry("client-" + c + "." + i, ",\"metadata\":{\"n\":" + i + "}"));
                    }
                    return null;
                }));
            }
            for (Future<?> client : clients) {
                client.get();
            }
        } finally {
            pool.shutdownNow();
        }
        List<JsonObject> chain = allEntries(developer);
        assertEquals(2000, chain.size());
        assertTrue(chain.get(0).isNull("prevHash"));
        for (int i = 0; i < chain.size(); i++) {
            JsonObject e = chain.get(i);
            assertEquals(recompute(e), e.getString("hash"), "entry " + i);
            if (i > 0) {
                assertEquals(chain.get(i - 1).getString("hash"), e.getString("prevHash"), "link " + i);
                String previous = chain.get(i - 1).getString("timestamp") + chain.get(i - 1).getString("entryId");
                assertFalse((e.getString("timestamp") + e.getString("entryId")).compareTo(previous) < 0,
                        "timestamp-then-id order is chain order at " + i);
            }
        }
    }
}
