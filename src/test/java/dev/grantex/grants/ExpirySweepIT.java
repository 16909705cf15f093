package dev.grantex.grants;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.grantex.it.Flows;
import dev.grantex.it.TestDeveloper;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The expiry sweep, the persistent EJB timer the server runs every minute, seen from outside: a
 * grant past its expiry becomes "expired" within about a minute, and only such grants do; its token
 * then introspects as expired.
 */
class ExpirySweepIT {
    @Test
    void theMinutelySweepMarksAnExpiredGrantExpired() throws InterruptedException {
        TestDeveloper developer = TestDeveloper.create("enterprise");
        String agentId = Flows.createAgent(developer, List.of("read"));
        String code = Flows.code(developer, Flows.authorizeBody(agentId, Flows.principal(), List.of("read"))
                .add("expiresIn", "2s").build());
        Flows.Issued issued = Flows.exchange(developer, agentId, code);
        String shortLived = issued.grantId();
        String lasting = Flows.grant(developer, agentId, List.of("read")).grantId();

        long deadline = System.currentTimeMillis() + 80_000;
        String status;
        do {
            Thread.sleep(1_000);
            status = developer.api().get("/v1/grants/" + shortLived).expect(200).json().getString("status");
        } while (!"expired".equals(status) && System.currentTimeMillis() < deadline);
        assertEquals("expired", status, "the sweep did not run within 80 s");
        assertEquals("active", developer.api().get("/v1/grants/" + lasting).expect(200).json().getString("status"));
        List<JsonObject> expired = developer.api().get("/v1/grants?status=expired").expect(200).json()
                .getJsonArray("grants").getValuesAs(JsonObject.class);
        assertEquals(1, expired.size());
        assertEquals(shortLived, expired.get(0).getString("grantId"));
        // Marked expired by the sweep, its token is expired, not revoked.
        JsonObject introspected = developer.api().post("/v1/grants/verify",
                Json.createObjectBuilder().add("token", issued.grantToken()).build().toString()).expect(200).json();
        assertEquals("expired", introspected.getString("reason"));
    }
}
