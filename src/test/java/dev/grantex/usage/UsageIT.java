package dev.grantex.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grantex.it.Flows;
import dev.grantex.it.TestDeveloper;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** /v1/usage and /v1/usage/history (contract 7.2): metered requests per developer and UTC day. */
class UsageIT {
    private static JsonObject usageOnceSettled(TestDeveloper developer, long expectedTotal) throws InterruptedException {
        // The minutely rollup moves counts into the database; while it does, a read may briefly miss them.
        JsonObject usage = developer.api().get("/v1/usage").expect(200).json();
        for (int i = 0; i < 20 && usage.getJsonNumber("totalRequests").longValue() != expectedTotal; i++) {
            Thread.sleep(250);
            usage = developer.api().get("/v1/usage").expect(200).json();
        }
        return usage;
    }

    @Test
    void tokenExchangesAuthorizationsAndVerificationsAreCountedForTheirDeveloperOnly() throws InterruptedException {
        TestDeveloper developer = TestDeveloper.create("enterprise");
        TestDeveloper other = TestDeveloper.create("enterprise");
        String agentId = Flows.createAgent(developer, List.of("read"));
        Flows.Issued first = Flows.grant(developer, agentId, List.of("read"));
        Flows.grant(developer, agentId, List.of("read"));
        for (int i = 0; i < 3; i++) {
            Flows.valid(developer, first.grantToken());
        }
        developer.api().post("/v1/grants/verify", Json.createObjectBuilder().add("token", first.grantToken())
                .build().toString()).expect(200);

        JsonObject usage = usageOnceSettled(developer, 8);
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        assertEquals(developer.developerId(), usage.getString("developerId"));
        assertEquals(today, usage.getString("period"));
        assertEquals(2, usage.getInt("tokenExchanges"));
        assertEquals(2, usage.getInt("authorizations"));
        assertEquals(4, usage.getInt("verifications"));
        assertEquals(8, usage.getInt("totalRequests"));

        JsonObject history = developer.api().get("/v1/usage/history").expect(200).json();
        assertEquals(30, history.getInt("days"));
        List<JsonObject> entries = history.getJsonArray("entries").getValuesAs(JsonObject.class);
        assertEquals(1, entries.size());
        assertEquals(today + "T00:00:00.000Z", entries.get(0).getString("date"));
        assertEquals(8, entries.get(0).getInt("totalRequests"));
        assertEquals(2, entries.get(0).getInt("tokenExchanges"));

        JsonObject others = other.api().get("/v1/usage").expect(200).json();
        assertEquals(0, others.getInt("totalRequests"));
        assertEquals(0, other.api().get("/v1/usage/history?days=90").expect(200).json().getJsonArray("entries").size());
    }

    @Test
    void daysOutsideOneToNinetyAre400() {
        TestDeveloper developer = TestDeveloper.create("enterprise");
        for (String days : List.of("0", "91", "-1", "x", "1.5")) {
            var reply = developer.api().get("/v1/usage/history?days=" + days);
            assertEquals(400, reply.status(), days);
            assertEquals("BAD_REQUEST", reply.json().getString("code"));
        }
        assertEquals(90, developer.api().get("/v1/usage/history?days=90").expect(200).json().getInt("days"));
        assertTrue(developer.api().get("/v1/usage/history?days=1").expect(200).json().getJsonArray("entries").isEmpty());
    }
}
