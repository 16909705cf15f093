package dev.grantex.grants;

import static dev.grantex.it.ErrorEnvelope.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grantex.it.Flows;
import dev.grantex.it.ItDatabase;
import dev.grantex.it.TestDeveloper;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class GrantsIT {
    private final TestDeveloper developer = TestDeveloper.create("enterprise", "sandbox");
    private final String agentId = Flows.createAgent(developer, List.of("read", "write"));

    private static String tokenBody(String token) {
        return Json.createObjectBuilder().add("token", token).build().toString();
    }

    @Test
    void getShowsTheGrant() {
        Flows.Issued issued = Flows.grant(developer, agentId, List.of("read"));
        JsonObject grant = developer.api().get("/v1/grants/" + issued.grantId()).expect(200).json();
        assertEquals(issued.grantId(), grant.getString("grantId"));
        assertEquals(issued.grantId(), grant.getString("id"));
        assertEquals(agentId, grant.getString("agentId"));
        assertEquals(developer.developerId(), grant.getString("developerId"));
        assertEquals(issued.claims().getString("sub"), grant.getString("principalId"));
        assertEquals("active", grant.getString("status"));
        assertEquals(0, grant.getInt("delegationDepth"));
        assertFalse(grant.containsKey("parentGrantId"));
        assertFalse(grant.containsKey("revokedAt"));
        assertFalse(grant.getBoolean("fidoVerified"), "consent without a passkey check");
        assertFalse(grant.containsKey("fidoCredentialId"));
        Instant.parse(grant.getString("issuedAt"));
    }

    @Test
    void listFiltersAndIsNewestFirst() {
        Flows.Issued first = Flows.grant(developer, agentId, List.of("read"));
        Flows.Issued second = Flows.grant(developer, agentId, List.of("write"));
        JsonArray all = developer.api().get("/v1/grants").expect(200).json().getJsonArray("grants");
        assertEquals(second.grantId(), all.getJsonObject(0).getString("grantId"));
        assertEquals(first.grantId(), all.getJsonObject(1).getString("grantId"));
        String principal = first.claims().getString("sub");
        JsonArray byPrincipal = developer.api().get("/v1/grants?principalId=" + principal).expect(200).json()
                .getJsonArray("grants");
        assertEquals(1, byPrincipal.size());
        developer.api().delete("/v1/grants/" + first.grantId()).expect(204);
        JsonArray revoked = developer.api().get("/v1/grants?status=revoked&agentId=" + agentId).expect(200).json()
                .getJsonArray("grants");
        assertEquals(1, revoked.size());
        assertError(developer.api().get("/v1/grants?status=expired-ish"), 400, "BAD_REQUEST");
        assertTrue(TestDeveloper.create("enterprise").api().get("/v1/grants").expect(200).json()
                .getJsonArray("grants").isEmpty());
    }

    @Test
    void deleteRevokesAndTheGrantStaysVisible() {
        Flows.Issued issued = Flows.grant(developer, agentId, List.of("read"));
        developer.api().delete("/v1/grants/" + issued.grantId()).expect(204);
        JsonObject grant = developer.api().get("/v1/grants/" + issued.grantId()).expect(200).json();
        assertEquals("revoked", grant.getString("status"));
        Instant.parse(grant.getString("revokedAt"));
        assertFalse(Flows.valid(developer, issued.grantToken()));
        assertError(developer.api().delete("/v1/grants/" + issued.grantId()), 404, "NOT_FOUND");
        String refresh = Json.createObjectBuilder().add("refreshToken", issued.refreshToken()).add("agentId", agentId)
                .build().toString();
        assertError(developer.api().post("/v1/token/refresh", refresh), 400, "BAD_REQUEST");
    }

    @Test
    void anotherDevelopersGrantIs404() {
        Flows.Issued issued = Flows.grant(developer, agentId, List.of("read"));
        TestDeveloper other = TestDeveloper.create("enterprise");
        assertError(other.api().get("/v1/grants/" + issued.grantId()), 404, "NOT_FOUND");
        assertError(other.api().delete("/v1/grants/" + issued.grantId()), 404, "NOT_FOUND");
        assertTrue(Flows.valid(developer, issued.grantToken()));
        assertError(developer.api().get("/v1/grants/grnt_unknown"), 404, "NOT_FOUND");
    }

    @Test
    void grantsVerifyIntrospects() {
        Flows.Issued issued = Flows.grant(developer, agentId, List.of("read"));
        JsonObject active = developer.api().post("/v1/grants/verify", tokenBody(issued.grantToken())).expect(200).json();
        assertTrue(active.getBoolean("active"));
        assertEquals(issued.grantId(), active.getJsonObject("claims").getString("grnt"));
        assertEquals(developer.developerId(), active.getJsonObject("claims").getString("dev"));
        assertEquals("read", active.getJsonObject("claims").getJsonArray("scp").getString(0));
        assertTrue(active.getJsonObject("claims").getJsonNumber("exp").longValue() > System.currentTimeMillis() / 1000);

        JsonObject foreign = TestDeveloper.create("enterprise").api().post("/v1/grants/verify",
                tokenBody(issued.grantToken())).expect(200).json();
        assertEquals("wrong_developer", foreign.getString("reason"));
        developer.api().delete("/v1/grants/" + issued.grantId()).expect(204);
        JsonObject revoked = developer.api().post("/v1/grants/verify", tokenBody(issued.grantToken())).expect(200).json();
        assertFalse(revoked.getBoolean("active"));
        assertEquals("revoked", revoked.getString("reason"));
        assertError(developer.api().post("/v1/grants/verify", tokenBody("garbage")), 400, "BAD_REQUEST");
        assertError(developer.api().post("/v1/grants/verify", "{}"), 400, "BAD_REQUEST");
    }

    @Test
    void deletingAnAgentTakesItsGrantsAndTokens() {
        String doomed = Flows.createAgent(developer, List.of("read"));
        Flows.Issued issued = Flows.grant(developer, doomed, List.of("read"));
        Flows.Issued child = Flows.delegate(developer, issued.grantToken(), agentId, List.of("read"));
        developer.api().delete("/v1/agents/" + doomed).expect(204);
        assertFalse(Flows.valid(developer, issued.grantToken()));
        assertFalse(Flows.valid(developer, child.grantToken()), "delegated grants are revoked with their parent");
        assertError(developer.api().get("/v1/grants/" + issued.grantId()), 404, "NOT_FOUND");
        assertEquals("not_found", developer.api().post("/v1/grants/verify", tokenBody(issued.grantToken())).expect(200)
                .json().getString("reason"), "the token's grant is gone with its agent");
        assertEquals("revoked", developer.api().get("/v1/grants/" + child.grantId()).expect(200).json().getString("status"));
    }

    /** A client that retries a delete at once: one delete, one 404, never a 500 from the second reading removed grants. */
    @Test
    void twoDeletesOfOneAgentAtOnceAreOne204AndOne404() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 8; round++) {
                String doomed = Flows.createAgent(developer, List.of("read"));
                Flows.grant(developer, doomed, List.of("read"));
                Flows.grant(developer, doomed, List.of("read"));
                List<Future<Integer>> deletes = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    deletes.add(pool.submit(() -> developer.api().delete("/v1/agents/" + doomed).status()));
                }
                List<Integer> statuses = new ArrayList<>();
                for (Future<Integer> delete : deletes) {
                    statuses.add(delete.get());
                }
                Collections.sort(statuses);
                assertEquals(List.of(204, 404), statuses, "round " + round);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** However many grants an agent has: a long-lived one's can outnumber what a statement binds (PostgreSQL: 65,535). */
    @Test
    void deletingAnAgentWithSeventyThousandGrantsTakesThemAll() throws Exception {
        String doomed = Flows.createAgent(developer, List.of("read"));
        Flows.Issued issued = Flows.grant(developer, doomed, List.of("read"));
        try (Connection db = ItDatabase.postgres(); PreparedStatement fill = db.prepareStatement("INSERT INTO grants "
                + "(id, developer_id, agent_id, principal_id, scopes, status, issued_at, expires_at, revoked_at, delegation_depth) "
                + "SELECT 'grnt_old_' || n, ?, ?, 'p', '[\"read\"]', 'revoked', 0, 1, 1, 0 FROM generate_series(1, 70000) n")) {
            fill.setString(1, developer.developerId());
            fill.setString(2, doomed);
            assertEquals(70_000, fill.executeUpdate());
        }
        developer.api().delete("/v1/agents/" + doomed).expect(204);
        assertFalse(Flows.valid(developer, issued.grantToken()));
        try (Connection db = ItDatabase.postgres();
             PreparedStatement left = db.prepareStatement("SELECT count(*) FROM grants WHERE agent_id = ?")) {
            left.setString(1, doomed);
            try (ResultSet count = left.executeQuery()) {
                count.next();
                assertEquals(0, count.getInt(1));
            }
        }
    }

    /** The list is written a page of 1,000 at a time; the pages meet exactly, also among grants issued in the same millisecond. */
    @Test
    void theListRunsOverManyPagesNewestFirst() throws Exception {
        Flows.Issued issued = Flows.grant(developer, agentId, List.of("read"));
        try (Connection db = ItDatabase.postgres(); PreparedStatement fill = db.prepareStatement("INSERT INTO grants "
                + "(id, developer_id, agent_id, principal_id, scopes, status, issued_at, expires_at, revoked_at, delegation_depth) "
                + "SELECT 'grnt_page_' || lpad(n::text, 5, '0') || '_' || right(?, 16), ?, ?, 'p', '[\"read\"]', 'revoked', "
                + "1000 + n / 700, 2000, 1, 0 FROM generate_series(1, 2500) n")) {
            fill.setString(1, agentId);
            fill.setString(2, developer.developerId());
            fill.setString(3, agentId);
            assertEquals(2500, fill.executeUpdate());
        }
        List<JsonObject> listed = developer.api().get("/v1/grants?agentId=" + agentId).expect(200).json()
                .getJsonArray("grants").getValuesAs(JsonObject.class);
        assertEquals(2501, listed.size());
        assertEquals(issued.grantId(), listed.get(0).getString("grantId"));
        List<String> older = listed.subList(1, listed.size()).stream().map(g -> g.getString("grantId")).toList();
        List<String> expected = new ArrayList<>();
        for (int n = 2500; n >= 1; n--) {
            expected.add(String.format("grnt_page_%05d_%s", n, agentId.substring(agentId.length() - 16)));
        }
        assertEquals(expected, older, "issue time, then id, both descending, each grant once");
    }

    /** A grant can have more delegated grants than a statement binds (PostgreSQL: 65,535); revocation takes them all. */
    @Test
    void revokingAGrantWithSeventyThousandDelegatedGrantsRevokesThemAll() throws Exception {
        Flows.Issued parent = Flows.grant(developer, agentId, List.of("read"));
        Flows.Issued child = Flows.delegate(developer, parent.grantToken(), agentId, List.of("read"));
        try (Connection db = ItDatabase.postgres(); PreparedStatement fill = db.prepareStatement("INSERT INTO grants "
                + "(id, developer_id, agent_id, principal_id, scopes, status, issued_at, expires_at, parent_grant_id, "
                + "delegation_depth) SELECT 'grnt_many_' || n || '_' || right(p.id, 16), p.developer_id, p.agent_id, p.principal_id, "
                + "p.scopes, 'active', p.issued_at, p.expires_at, p.id, 1 FROM grants p, generate_series(1, 70000) n "
                + "WHERE p.id = ?")) {
            fill.setString(1, parent.grantId());
            assertEquals(70_000, fill.executeUpdate());
        }
        developer.api().delete("/v1/grants/" + parent.grantId()).expect(204);
        assertFalse(Flows.valid(developer, child.grantToken()));
        try (Connection db = ItDatabase.postgres(); PreparedStatement left = db.prepareStatement(
                "SELECT count(*) FROM grants WHERE parent_grant_id = ? AND status = 'active'")) {
            left.setString(1, parent.grantId());
            try (ResultSet count = left.executeQuery()) {
                count.next();
                assertEquals(0, count.getInt(1));
            }
        }
    }
}
