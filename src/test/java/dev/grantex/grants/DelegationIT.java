package dev.grantex.grants;

import static dev.grantex.it.ErrorEnvelope.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grantex.it.Flows;
import dev.grantex.it.ItServer;
import dev.grantex.it.TestDeveloper;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class DelegationIT {
    private final TestDeveloper developer = TestDeveloper.create("enterprise", "sandbox");
    private final String agentId = Flows.createAgent(developer, List.of("read", "write"));
    private final String subAgent = Flows.createAgent(developer, List.of());

    private static String delegateBody(String parent, String sub, String scopesJson) {
        return "{\"parentGrantToken\":\"" + parent + "\",\"subAgentId\":\"" + sub + "\",\"scopes\":" + scopesJson + "}";
    }

    @Test
    void delegatedTokensCarryTheirLineage() {
        Flows.Issued parent = Flows.grant(developer, agentId, List.of("read", "write"));
        Flows.Issued child = Flows.delegate(developer, parent.grantToken(), subAgent, List.of("read"));
        JsonObject claims = child.claims();
        assertEquals("did:grantex:" + subAgent, claims.getString("agt"));
        assertEquals("did:grantex:" + agentId, claims.getString("parentAgt"));
        assertEquals(parent.grantId(), claims.getString("parentGrnt"));
        assertEquals(1, claims.getInt("delegationDepth"));
        assertEquals(parent.claims().getString("sub"), claims.getString("sub"));
        assertEquals("[\"read\"]", claims.getJsonArray("scp").toString());
        assertTrue(claims.getJsonNumber("exp").longValue() <= parent.claims().getJsonNumber("exp").longValue());
        JsonObject grant = developer.api().get("/v1/grants/" + child.grantId()).expect(200).json();
        assertEquals(parent.grantId(), grant.getString("parentGrantId"));
        assertEquals(1, grant.getInt("delegationDepth"));
        assertTrue(Flows.valid(developer, child.grantToken()));
    }

    @Test
    void refreshingADelegatedGrantKeepsItsLineage() {
        Flows.Issued parent = Flows.grant(developer, agentId, List.of("read", "write"));
        Flows.Issued child = Flows.delegate(developer, parent.grantToken(), subAgent, List.of("read"));
        String body = Json.createObjectBuilder().add("refreshToken", child.refreshToken()).add("agentId", subAgent)
                .build().toString();
        JsonObject refreshed = Flows.claims(developer.api().post("/v1/token/refresh", body).expect(201).json()
                .getString("grantToken"));
        for (String claim : List.of("agt", "parentAgt", "parentGrnt", "grnt", "sub", "exp", "delegationDepth", "scp")) {
            assertEquals(child.claims().get(claim), refreshed.get(claim), claim);
        }
    }

    @Test
    void sdJwtCredentialsAreNotDelegated() {
        Flows.Issued parent = Flows.grant(developer, agentId, List.of("read"));
        String body = "{\"parentGrantToken\":\"" + parent.grantToken() + "\",\"subAgentId\":\"" + subAgent
                + "\",\"scopes\":[\"read\"],\"credentialFormat\":\"sd-jwt\"}";
        assertError(developer.api().post("/v1/grants/delegate", body), 400, "BAD_REQUEST");
        assertEquals(0, developer.api().get("/v1/grants?agentId=" + subAgent).expect(200).json()
                .getJsonArray("grants").size());
    }

    @Test
    void selfDelegationAndSecondLevelWork() {
        Flows.Issued parent = Flows.grant(developer, agentId, List.of("read", "write"));
        Flows.Issued first = Flows.delegate(developer, parent.grantToken(), agentId, List.of("read"));
        Flows.Issued second = Flows.delegate(developer, first.grantToken(), agentId, List.of("read"));
        assertEquals(2, second.claims().getInt("delegationDepth"));
    }

    @Test
    void expiryIsCappedAtTheParents() {
        String code = Flows.code(developer, Flows.authorizeBody(agentId, Flows.principal(), List.of("read"))
                .add("expiresIn", "10m").build());
        Flows.Issued parent = Flows.exchange(developer, agentId, code);
        String body = "{\"parentGrantToken\":\"" + parent.grantToken() + "\",\"subAgentId\":\"" + subAgent
                + "\",\"scopes\":[\"read\"],\"expiresIn\":\"7d\"}";
        JsonObject delegated = developer.api().post("/v1/grants/delegate", body).expect(201).json();
        assertEquals(parent.body().getString("expiresAt"), delegated.getString("expiresAt"));
        Instant.parse(delegated.getString("expiresAt"));
    }

    @Test
    void scopesCannotGrow() {
        Flows.Issued parent = Flows.grant(developer, agentId, List.of("read"));
        assertTrue(assertError(developer.api().post("/v1/grants/delegate",
                delegateBody(parent.grantToken(), subAgent, "[\"read\",\"write\"]")), 400, "BAD_REQUEST")
                .getString("message").contains("write"));
        assertError(developer.api().post("/v1/grants/delegate",
                delegateBody(parent.grantToken(), subAgent, "[\"read\",\"write\",\"admin\"]")), 400, "BAD_REQUEST");
    }

    @Test
    void invalidParentsAndSubAgents() {
        Flows.Issued parent = Flows.grant(developer, agentId, List.of("read"));
        TestDeveloper other = TestDeveloper.create("enterprise");
        String otherAgent = Flows.createAgent(other, List.of());
        assertError(other.api().post("/v1/grants/delegate", delegateBody(parent.grantToken(), otherAgent, "[\"read\"]")),
                403, "FORBIDDEN");
        assertError(developer.api().post("/v1/grants/delegate", delegateBody(parent.grantToken(), otherAgent, "[\"read\"]")),
                404, "NOT_FOUND");
        assertError(developer.api().post("/v1/grants/delegate", delegateBody("not.a.token", subAgent, "[\"read\"]")),
                400, "BAD_REQUEST");
        assertError(developer.api().post("/v1/grants/delegate", "{}"), 400, "BAD_REQUEST");
        assertError(developer.api().post("/v1/grants/delegate", delegateBody(parent.grantToken(), subAgent, "[]")),
                400, "BAD_REQUEST");
        assertError(developer.api().post("/v1/grants/delegate", delegateBody(parent.grantToken(), subAgent, "\"read\"")),
                400, "BAD_REQUEST");
        String revokeJti = Json.createObjectBuilder().add("jti", parent.claims().getString("jti")).build().toString();
        developer.api().post("/v1/tokens/revoke", revokeJti).expect(204);
        assertError(developer.api().post("/v1/grants/delegate", delegateBody(parent.grantToken(), subAgent, "[\"read\"]")),
                400, "BAD_REQUEST");
    }

    @Test
    void revokingTheRootRevokesATenLevelTree() {
        int maxDepth = Integer.parseInt(ItServer.env("GRANTEX_DELEGATION_MAX_DEPTH"));
        Flows.Issued root = Flows.grant(developer, agentId, List.of("read", "write"));
        List<Flows.Issued> chain = new ArrayList<>();
        String token = root.grantToken();
        for (int depth = 1; depth <= maxDepth; depth++) {
            Flows.Issued child = Flows.delegate(developer, token, depth % 2 == 0 ? agentId : subAgent, List.of("read"));
            assertEquals(depth, child.claims().getInt("delegationDepth"));
            chain.add(child);
            token = child.grantToken();
        }
        Flows.Issued sibling = Flows.delegate(developer, root.grantToken(), subAgent, List.of("write"));
        assertError(developer.api().post("/v1/grants/delegate", delegateBody(token, agentId, "[\"read\"]")),
                403, "DELEGATION_DEPTH_EXCEEDED");

        developer.api().delete("/v1/grants/" + root.grantId()).expect(204);
        assertFalse(Flows.valid(developer, root.grantToken()));
        assertFalse(Flows.valid(developer, sibling.grantToken()));
        for (Flows.Issued child : chain) {
            assertFalse(Flows.valid(developer, child.grantToken()), "depth " + child.claims().getInt("delegationDepth"));
            assertEquals("revoked", developer.api().get("/v1/grants/" + child.grantId()).expect(200).json()
                    .getString("status"));
        }
    }

    @Test
    void concurrentDelegationAndRevocationNeverLeaveAnActiveChildUnderARevokedParent() throws Exception {
        Flows.Issued parent = Flows.grant(developer, agentId, List.of("read"));
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            List<Future<Integer>> delegations = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                delegations.add(pool.submit(() -> developer.api().post("/v1/grants/delegate",
                        delegateBody(parent.grantToken(), subAgent, "[\"read\"]")).status()));
                if (i == 8) {
                    delegations.add(pool.submit(() -> developer.api().delete("/v1/grants/" + parent.grantId()).status()));
                }
            }
            for (Future<Integer> result : delegations) {
                int status = result.get();
                assertTrue(status == 201 || status == 204 || status == 400, "status " + status);
            }
        } finally {
            pool.shutdownNow();
        }
        List<JsonObject> children = developer.api().get("/v1/grants?agentId=" + subAgent).expect(200).json()
                .getJsonArray("grants").getValuesAs(JsonObject.class);
        for (JsonObject child : children) {
            assertEquals("revoked", child.getString("status"), "child " + child.getString("grantId"));
        }
    }
}
