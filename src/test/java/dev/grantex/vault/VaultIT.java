package dev.grantex.vault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grantex.it.Api;
import dev.grantex.it.Flows;
import dev.grantex.it.ItDatabase;
import dev.grantex.it.Reply;
import dev.grantex.it.SseClient;
import dev.grantex.it.TestDeveloper;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The credential vault (contract §7.10): sealed storage, listing without secrets, exchange by grant token. */
class VaultIT {
    private final TestDeveloper developer = TestDeveloper.create("enterprise");
    private final String principalId = Flows.principal();
    private final String accessToken = "gho_" + UUID.randomUUID();
    private final String refreshToken = "ghr_" + UUID.randomUUID();

    private Reply store(TestDeveloper owner, String service, String token) {
        return owner.api().post("/v1/vault/credentials", Json.createObjectBuilder().add("principalId", principalId)
                .add("service", service).add("accessToken", token).add("refreshToken", refreshToken)
                .add("tokenExpiresAt", "2030-01-01T00:00:00.000Z")
                .add("metadata", Json.createObjectBuilder().add("login", "octocat")).build().toString());
    }

    private String grantToken(List<String> scopes) {
        String agentId = Flows.createAgent(developer, scopes);
        return Flows.grantFor(developer, agentId, principalId, scopes).grantToken();
    }

    private static Reply exchange(String bearer, String service) {
        return Api.withKey(bearer).post("/v1/vault/credentials/exchange", "{\"service\":\"" + service + "\"}");
    }

    private void assertNoSecret(Reply reply) {
        assertFalse(reply.body().contains(accessToken), reply.body());
        assertFalse(reply.body().contains(refreshToken), reply.body());
        assertFalse(reply.body().contains("accessToken"), reply.body());
    }

    private static void assertError(Reply reply, int status, String code) {
        assertEquals(status, reply.status(), reply.body());
        assertEquals(code, reply.json().getString("code"), reply.body());
    }

    @Test
    void storedTokensLeaveOnlyThroughAnExchangeTheGrantAllows() {
        Reply stored = store(developer, "GitHub", "first-" + accessToken);
        assertEquals(201, stored.status(), stored.body());
        JsonObject created = stored.json();
        assertTrue(created.getString("id").startsWith("vault_"));
        assertEquals("github", created.getString("service"));
        assertEquals("oauth2", created.getString("credentialType"));
        assertEquals(principalId, created.getString("principalId"));
        assertNoSecret(stored);

        Reply replaced = store(developer, "github", accessToken);
        assertEquals(created.getString("id"), replaced.expect(201).json().getString("id"), "one entry per principal and service");

        Reply list = developer.api().get("/v1/vault/credentials?principalId=" + principalId).expect(200);
        assertNoSecret(list);
        JsonObject entry = list.json().getJsonArray("credentials").getJsonObject(0);
        assertEquals("2030-01-01T00:00:00.000Z", entry.getString("tokenExpiresAt"));
        assertEquals("octocat", entry.getJsonObject("metadata").getString("login"));
        assertEquals(1, list.json().getJsonArray("credentials").size());
        assertEquals(1, developer.api().get("/v1/vault/credentials?service=GitHub").expect(200).json()
                .getJsonArray("credentials").size());
        assertEquals(0, developer.api().get("/v1/vault/credentials?principalId=" + principalId + "&service=gitlab")
                .expect(200).json().getJsonArray("credentials").size());
        assertNoSecret(developer.api().get("/v1/vault/credentials/" + created.getString("id")).expect(200));

        for (String scope : List.of("github:read", "GitHub:*", "vault:github:read", "vault:credentials:exchange", "*")) {
            JsonObject exchanged = exchange(grantToken(List.of(scope)), "GITHUB").expect(200).json();
            assertEquals(accessToken, exchanged.getString("accessToken"), scope);
            assertEquals("github", exchanged.getString("service"));
            assertEquals("octocat", exchanged.getJsonObject("metadata").getString("login"));
            assertFalse(exchanged.containsKey("refreshToken"), "the exchange hands out the access token only");
        }

        String narrow = grantToken(List.of("calendar:read", "slack:read"));
        assertError(exchange(narrow, "github"), 403, "FORBIDDEN");
        assertError(exchange(grantToken(List.of("gitlab:read")), "gitlab"), 404, "NOT_FOUND");

        List<JsonObject> audited = developer.api().get("/v1/audit/entries?action=vault.credential.exchanged").expect(200).json()
                .getJsonArray("entries").getValuesAs(JsonObject.class);
        assertEquals(5, audited.stream().filter(e -> e.getString("status").equals("success")).count());
        assertEquals(1, audited.stream().filter(e -> e.getString("status").equals("blocked")).count());
        assertEquals(1, audited.stream().filter(e -> e.getString("status").equals("failure")).count());
        audited.forEach(e -> assertFalse(e.toString().contains(accessToken)));

        developer.api().delete("/v1/vault/credentials/" + created.getString("id")).expect(204);
        assertEquals(404, developer.api().get("/v1/vault/credentials/" + created.getString("id")).status());
        assertEquals(404, developer.api().delete("/v1/vault/credentials/" + created.getString("id")).status());
    }

    @Test
    void storingExchangingAndDeletingReachTheStreamWithoutTheSecret() {
        try (SseClient stream = SseClient.subscribed(developer.apiKey(),
                "types=vault.credential.stored,vault.credential.exchanged,vault.credential.deleted")) {
            String id = store(developer, "github", accessToken).expect(201).json().getString("id");
            JsonObject stored = stream.nextData("vault.credential.stored");
            assertEquals(id, stored.getString("id"));
            assertEquals(principalId, stored.getString("principalId"));
            assertEquals("github", stored.getString("service"));

            String agentId = Flows.createAgent(developer, List.of("github:read"));
            Flows.Issued grant = Flows.grantFor(developer, agentId, principalId, List.of("github:read"));
            exchange(grant.grantToken(), "github").expect(200);
            JsonObject exchanged = stream.nextData("vault.credential.exchanged");
            assertEquals(id, exchanged.getString("id"));
            assertEquals(grant.grantId(), exchanged.getString("grantId"));
            assertEquals("github", exchanged.getString("service"));

            developer.api().delete("/v1/vault/credentials/" + id).expect(204);
            assertEquals(id, stream.nextData("vault.credential.deleted").getString("id"));
            assertTrue(stream.lines().stream().noneMatch(line -> line.contains(accessToken) || line.contains(refreshToken)),
                    "no event carries a token");
        }
    }

    @Test
    void theExchangeNeedsALiveGrantToken() {
        store(developer, "github", accessToken).expect(201);
        String agentId = Flows.createAgent(developer, List.of("github:read"));
        Flows.Issued grant = Flows.grantFor(developer, agentId, principalId, List.of("github:read"));
        exchange(grant.grantToken(), "github").expect(200);

        assertEquals(401, exchange(developer.apiKey(), "github").status(), "an API key is not a grant token");
        assertEquals(401, Api.anonymous().post("/v1/vault/credentials/exchange", "{\"service\":\"github\"}").status());
        assertEquals(401, exchange(grant.grantToken() + "x", "github").status());
        developer.api().delete("/v1/grants/" + grant.grantId()).expect(204);
        assertError(exchange(grant.grantToken(), "github"), 401, "UNAUTHORIZED");
    }

    /** The contract's list is unpaginated: every entry, newest first (it used to stop at 100). */
    @Test
    void theListHoldsEveryEntryNewestFirst() {
        List<String> stored = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            stored.add(store(developer, "service-" + i, accessToken).expect(201).json().getString("id"));
        }
        List<JsonObject> listed = developer.api().get("/v1/vault/credentials").expect(200).json().getJsonArray("credentials")
                .getValuesAs(JsonObject.class);
        assertEquals(Set.copyOf(stored), listed.stream().map(c -> c.getString("id")).collect(Collectors.toSet()));
        assertEquals(120, listed.size());
        List<String> created = listed.stream().map(c -> c.getString("createdAt")).toList();
        assertEquals(created.stream().sorted(Comparator.reverseOrder()).toList(), created, "newest first");
        assertEquals(1, developer.api().get("/v1/vault/credentials?service=SERVICE-7").expect(200).json()
                .getJsonArray("credentials").size(), "the service filter, as case-insensitive as storing");
    }

    @Test
    void badInputIsRefused() {
        assertError(store(developer, "-github", accessToken), 400, "BAD_REQUEST");
        assertError(store(developer, "a".repeat(65), accessToken), 400, "BAD_REQUEST");
        assertError(store(developer, "git hub", accessToken), 400, "BAD_REQUEST");
        assertError(developer.api().post("/v1/vault/credentials", "{\"principalId\":\"p\",\"service\":\"s\"}"), 400, "BAD_REQUEST");
        assertError(developer.api().post("/v1/vault/credentials", "{\"principalId\":\"p\",\"service\":\"s\",\"accessToken\":\"t\","
                + "\"tokenExpiresAt\":\"tomorrow\"}"), 400, "BAD_REQUEST");
        assertError(developer.api().post("/v1/vault/credentials", "{\"principalId\":\"p\",\"service\":\"s\",\"accessToken\":\"t\","
                + "\"metadata\":[1]}"), 400, "BAD_REQUEST");
        // PostgreSQL's driver would store both keys as '?': an object that no longer reads back.
        assertError(developer.api().post("/v1/vault/credentials", "{\"principalId\":\"p\",\"service\":\"s\",\"accessToken\":\"t\","
                + "\"metadata\":{\"\\ud800\":1,\"\\udc00\":2}}"), 400, "BAD_REQUEST");
        assertEquals(0, developer.api().get("/v1/vault/credentials").expect(200).json().getJsonArray("credentials").size());
        assertError(exchange(grantToken(List.of("github:read")), "no way"), 400, "BAD_REQUEST");
        assertError(developer.api().get("/v1/vault/credentials?service=bad%20name"), 400, "BAD_REQUEST");
    }

    @Test
    void anotherDevelopersEntriesAreNotFound() {
        String id = store(developer, "github", accessToken).expect(201).json().getString("id");
        TestDeveloper other = TestDeveloper.create("enterprise");
        assertEquals(404, other.api().get("/v1/vault/credentials/" + id).status());
        assertEquals(404, other.api().delete("/v1/vault/credentials/" + id).status());
        assertEquals(0, other.api().get("/v1/vault/credentials").expect(200).json().getJsonArray("credentials").size());
        String otherAgent = Flows.createAgent(other, List.of("github:read"));
        String otherToken = Flows.grantFor(other, otherAgent, principalId, List.of("github:read")).grantToken();
        assertEquals(404, exchange(otherToken, "github").status(), "the same principal id of another developer has nothing stored");
    }

    @Test
    void tokensAreSealedInTheDatabase() throws Exception {
        String id = store(developer, "github", accessToken).expect(201).json().getString("id");
        try (Connection db = ItDatabase.postgres();
             PreparedStatement query = db.prepareStatement(
                     "SELECT sealed_access_token, sealed_refresh_token FROM vault_credentials WHERE id = ?")) {
            query.setString(1, id);
            try (ResultSet row = query.executeQuery()) {
                assertTrue(row.next());
                assertFalse(row.getString(1).contains(accessToken));
                assertFalse(row.getString(2).contains(refreshToken));
            }
        }
    }
}
