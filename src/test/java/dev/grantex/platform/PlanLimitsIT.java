package dev.grantex.platform;

import static dev.grantex.it.ErrorEnvelope.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grantex.it.Flows;
import dev.grantex.it.ItServer;
import dev.grantex.it.TestDeveloper;
import jakarta.json.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The free plan's quotas on grants and audit entries (made small in src/test/liberty/server.env): the
 * request beyond the quota is 402 PLAN_LIMIT_EXCEEDED and changes nothing.
 */
class PlanLimitsIT {
    private static int quota(String variable) {
        return Integer.parseInt(ItServer.env(variable));
    }

    @Test
    void activeGrantQuotaRefusesAuthorizationAndExchangeAndFreesUpOnRevocation() {
        int quota = quota("GRANTEX_PLANS_FREE_ACTIVE_GRANTS");
        TestDeveloper free = TestDeveloper.create("free", "sandbox");
        String agent = Flows.createAgent(free, List.of("read"));
        // Codes are handed out while there is still room; each exchange then counts again.
        List<String> codes = new ArrayList<>();
        for (int i = 0; i <= quota; i++) {
            codes.add(Flows.code(free, Flows.authorizeBody(agent, Flows.principal(), List.of("read")).build()));
        }
        List<Flows.Issued> issued = new ArrayList<>();
        for (int i = 0; i < quota; i++) {
            issued.add(Flows.exchange(free, agent, codes.get(i)));
        }
        String lastCode = codes.get(quota);
        String exchange = Json.createObjectBuilder().add("code", lastCode).add("agentId", agent).build().toString();
        assertError(free.api().post("/v1/token", exchange), 402, "PLAN_LIMIT_EXCEEDED");
        assertError(free.api().post("/v1/authorize",
                Flows.authorizeBody(agent, Flows.principal(), List.of("read")).build().toString()), 402, "PLAN_LIMIT_EXCEEDED");
        assertEquals(quota, free.api().get("/v1/grants").expect(200).json().getJsonArray("grants").size());

        // The refused exchange consumed nothing: once a grant is revoked, the same code works.
        free.api().delete("/v1/grants/" + issued.get(0).grantId()).expect(204);
        Flows.Issued late = Flows.exchange(free, agent, lastCode);
        assertTrue(Flows.valid(free, late.grantToken()));
    }

    @Test
    void auditEntryQuotaRefusesTheEntryBeyondIt() {
        int quota = quota("GRANTEX_PLANS_FREE_AUDIT_ENTRIES");
        TestDeveloper free = TestDeveloper.create("free");
        String entry = "{\"agentId\":\"ag_1\",\"agentDid\":\"did:grantex:ag_1\",\"grantId\":\"grnt_1\","
                + "\"principalId\":\"user_1\",\"action\":\"email.read\"}";
        for (int i = 0; i < quota; i++) {
            free.api().post("/v1/audit/log", entry).expect(201);
        }
        assertError(free.api().post("/v1/audit/log", entry), 402, "PLAN_LIMIT_EXCEEDED");
        assertEquals(quota, free.api().get("/v1/audit/entries?limit=500").expect(200).json().getJsonArray("entries").size());
        assertTrue(free.api().get("/v1/audit/verify").expect(200).json().getBoolean("valid"));
    }
}
