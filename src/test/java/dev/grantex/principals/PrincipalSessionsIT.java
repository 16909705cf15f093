package dev.grantex.principals;

import static dev.grantex.it.ErrorEnvelope.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grantex.it.Api;
import dev.grantex.it.Flows;
import dev.grantex.it.Reply;
import dev.grantex.it.TestDeveloper;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The contract's principal-sessions table (§2.10), plus isolation between principals and developers. */
class PrincipalSessionsIT {
    private final TestDeveloper developer = TestDeveloper.create("enterprise");
    private final String principal = "principal-session-" + System.nanoTime();
    private final String agentId = developer.api().post("/v1/agents", Json.createObjectBuilder()
            .add("name", "Calendar Helper").add("description", "Keeps your diary tidy")
            .add("scopes", Json.createArrayBuilder().add("calendar:read").add("calendar:write"))
            .build().toString()).expect(201).json().getString("agentId");
    private final Flows.Issued grant = Flows.grantFor(developer, agentId, principal, List.of("calendar:read"));

    private JsonObject open(TestDeveloper who, String principalId, String expiresIn) {
        var body = Json.createObjectBuilder().add("principalId", principalId);
        if (expiresIn != null) {
            body.add("expiresIn", expiresIn);
        }
        return who.api().post("/v1/principal-sessions", body.build().toString()).expect(201).json();
    }

    private String session() {
        return open(developer, principal, "1h").getString("sessionToken");
    }

    private static List<String> grantIds(JsonObject list) {
        return list.getJsonArray("grants").getValuesAs(JsonObject.class).stream()
                .map(g -> g.getString("grantId")).toList();
    }

    @Test
    void openingASessionGivesATokenAndADashboardUrl() {
        Instant before = Instant.now();
        JsonObject opened = open(developer, principal, "1h");
        String token = opened.getString("sessionToken");
        String url = opened.getString("dashboardUrl");
        assertTrue(url.contains("/permissions#session="), url);
        assertEquals(token, URLDecoder.decode(url.substring(url.indexOf("#session=") + 9), StandardCharsets.UTF_8));
        Instant expiresAt = Instant.parse(opened.getString("expiresAt"));
        assertTrue(!expiresAt.isBefore(before.plus(Duration.ofMinutes(59)))
                && !expiresAt.isAfter(Instant.now().plus(Duration.ofHours(1))), expiresAt.toString());

        JsonObject claims = Flows.claims(token);
        assertEquals(principal, claims.getString("sub"));
        assertEquals(developer.developerId(), claims.getString("dev"));
        assertEquals("principal_dashboard", claims.getString("purpose"));
        assertEquals(expiresAt.getEpochSecond(), claims.getJsonNumber("exp").longValue());
        assertTrue(claims.containsKey("iss") && claims.containsKey("iat"));
    }

    @Test
    void lifetimeDefaultsToAnHourAndIsClampedToADay() {
        Instant now = Instant.now();
        Instant byDefault = Instant.parse(open(developer, principal, null).getString("expiresAt"));
        assertTrue(Duration.between(now, byDefault).toMinutes() >= 59 && Duration.between(now, byDefault).toMinutes() <= 60);
        for (String longer : List.of("30d", "40000d", "999999999d")) {
            Instant clamped = Instant.parse(open(developer, principal, longer).getString("expiresAt"));
            long minutes = Duration.between(now, clamped).toMinutes();
            assertTrue(minutes >= 24 * 60 - 1 && minutes <= 24 * 60, longer + ": " + clamped);
        }
    }

    @Test
    void badRequestsAre400() {
        assertError(developer.api().post("/v1/principal-sessions", "{}"), 400, "BAD_REQUEST");
        assertError(developer.api().post("/v1/principal-sessions", "{\"principalId\":\"\"}"), 400, "BAD_REQUEST");
        for (String bad : List.of("1h30m", "0h", "PT1H", "1.5h")) {
            assertError(developer.api().post("/v1/principal-sessions",
                    "{\"principalId\":\"" + principal + "\",\"expiresIn\":\"" + bad + "\"}"), 400, "BAD_REQUEST");
        }
        assertError(developer.api().post("/v1/principal-sessions", "{\"principalId\":7}"), 400, "BAD_REQUEST");
    }

    @Test
    void aPrincipalWithoutActiveGrantsGets404() {
        JsonObject body = assertError(developer.api().post("/v1/principal-sessions",
                "{\"principalId\":\"nobody-" + System.nanoTime() + "\"}"), 404, "NOT_FOUND");
        assertEquals("No active grants found for this principal", body.getString("message"));

        TestDeveloper other = TestDeveloper.create("enterprise");
        assertError(other.api().post("/v1/principal-sessions", "{\"principalId\":\"" + principal + "\"}"), 404, "NOT_FOUND");

        String revokedPrincipal = "revoked-" + System.nanoTime();
        Flows.Issued only = Flows.grantFor(developer, agentId, revokedPrincipal, List.of("calendar:read"));
        developer.api().delete("/v1/grants/" + only.grantId()).expect(204);
        assertError(developer.api().post("/v1/principal-sessions", "{\"principalId\":\"" + revokedPrincipal + "\"}"),
                404, "NOT_FOUND");
    }

    @Test
    void theSessionListsThePrincipalsActiveGrantsWithTheirAgents() {
        Flows.Issued second = Flows.grantFor(developer, agentId, principal, List.of("calendar:read", "calendar:write"));
        Flows.Issued revoked = Flows.grantFor(developer, agentId, principal, List.of("calendar:read"));
        developer.api().delete("/v1/grants/" + revoked.grantId()).expect(204);
        Flows.Issued someoneElse = Flows.grantFor(developer, agentId, "other-" + System.nanoTime(), List.of("calendar:read"));

        JsonObject list = Api.withKey(session()).get("/v1/principal/grants").expect(200).json();
        assertEquals(principal, list.getString("principalId"));
        assertEquals(List.of(second.grantId(), grant.grantId()), grantIds(list));
        assertFalse(grantIds(list).contains(someoneElse.grantId()));

        JsonObject shown = list.getJsonArray("grants").getJsonObject(0);
        assertEquals(agentId, shown.getString("agentId"));
        assertEquals("Calendar Helper", shown.getString("agentName"));
        assertEquals("Keeps your diary tidy", shown.getString("agentDescription"));
        assertEquals("did:grantex:" + agentId, shown.getString("agentDid"));
        assertEquals(List.of("calendar:read", "calendar:write"), shown.getJsonArray("scopes").getValuesAs(
                JsonString::getString));
        assertEquals(List.of("Read your calendar events", "Create and modify calendar events"),
                shown.getJsonArray("scopeDescriptions").getValuesAs(JsonString::getString));
        assertEquals("active", shown.getString("status"));
        assertEquals(0, shown.getInt("delegationDepth"));
        Instant.parse(shown.getString("issuedAt"));
        Instant.parse(shown.getString("expiresAt"));
    }

    @Test
    void anotherDevelopersGrantsForTheSamePrincipalStayHidden() {
        TestDeveloper other = TestDeveloper.create("enterprise");
        String otherAgent = Flows.createAgent(other, List.of("calendar:read"));
        Flows.Issued otherGrant = Flows.grantFor(other, otherAgent, principal, List.of("calendar:read"));

        List<String> mine = grantIds(Api.withKey(session()).get("/v1/principal/grants").expect(200).json());
        assertEquals(List.of(grant.grantId()), mine);
        String otherSession = open(other, principal, null).getString("sessionToken");
        assertEquals(List.of(otherGrant.grantId()),
                grantIds(Api.withKey(otherSession).get("/v1/principal/grants").expect(200).json()));

        assertError(Api.withKey(otherSession).delete("/v1/principal/grants/" + grant.grantId()), 404, "NOT_FOUND");
        assertTrue(Flows.valid(developer, grant.grantToken()));
    }

    @Test
    void theSessionShowsTheNewestHundredAuditEntriesWithoutHashes() {
        for (int i = 0; i < 103; i++) {
            developer.api().post("/v1/audit/log", Json.createObjectBuilder().add("agentId", agentId)
                    .add("agentDid", "did:grantex:" + agentId).add("grantId", grant.grantId()).add("principalId", principal)
                    .add("action", "calendar.read." + i).add("metadata", Json.createObjectBuilder().add("n", i))
                    .build().toString()).expect(201);
        }
        developer.api().post("/v1/audit/log", Json.createObjectBuilder().add("agentId", agentId)
                .add("agentDid", "did:grantex:" + agentId).add("grantId", grant.grantId())
                .add("principalId", "someone-else").add("action", "not.yours").build().toString()).expect(201);

        List<JsonObject> entries = Api.withKey(session()).get("/v1/principal/audit").expect(200).json()
                .getJsonArray("entries").getValuesAs(JsonObject.class);
        assertEquals(100, entries.size());
        assertEquals("calendar.read.102", entries.get(0).getString("action"));
        assertEquals("calendar.read.3", entries.get(99).getString("action"));
        JsonObject newest = entries.get(0);
        assertEquals(102, newest.getJsonObject("metadata").getInt("n"));
        assertEquals(principal, newest.getString("principalId"));
        assertEquals("Calendar Helper", newest.getString("agentName"));
        assertEquals("success", newest.getString("status"));
        for (String key : List.of("entryId", "agentId", "agentDid", "grantId", "timestamp")) {
            assertTrue(newest.containsKey(key), key);
        }
        assertFalse(newest.containsKey("hash") || newest.containsKey("prevHash"), newest.toString());
    }

    @Test
    void revokingThroughTheSessionCascadesAndIsThePrincipalsAlone() {
        String subAgent = Flows.createAgent(developer, List.of("calendar:read"));
        Flows.Issued extra = Flows.grantFor(developer, agentId, principal, List.of("calendar:read"));
        Flows.Issued child = Flows.delegate(developer, extra.grantToken(), subAgent, List.of("calendar:read"));
        Flows.Issued someoneElses = Flows.grantFor(developer, agentId, "other-" + System.nanoTime(), List.of("calendar:read"));
        Api session = Api.withKey(session());

        assertEquals(204, session.delete("/v1/principal/grants/" + extra.grantId()).status());
        assertFalse(Flows.valid(developer, extra.grantToken()));
        assertFalse(Flows.valid(developer, child.grantToken()));
        assertTrue(Flows.valid(developer, grant.grantToken()));
        assertEquals("revoked", developer.api().get("/v1/grants/" + child.grantId()).expect(200).json().getString("status"));

        assertError(session.delete("/v1/principal/grants/" + extra.grantId()), 404, "NOT_FOUND");
        assertError(session.delete("/v1/principal/grants/" + someoneElses.grantId()), 404, "NOT_FOUND");
        assertError(session.delete("/v1/principal/grants/grnt_unknown"), 404, "NOT_FOUND");
        assertTrue(Flows.valid(developer, someoneElses.grantToken()));
    }

    @Test
    void sessionTokensAndApiKeysAreNotInterchangeable() {
        String token = session();
        assertError(Api.withKey(token).get("/v1/agents"), 401, "UNAUTHORIZED");
        assertError(Api.withKey(token).post("/v1/principal-sessions", "{\"principalId\":\"" + principal + "\"}"),
                401, "UNAUTHORIZED");
        assertError(developer.api().get("/v1/principal/grants"), 401, "UNAUTHORIZED");
        assertError(Api.withKey(grant.grantToken()).get("/v1/principal/grants"), 401, "UNAUTHORIZED");
        assertFalse(Flows.valid(developer, token), "a session token is not a grant token");
    }

    @Test
    void missingInvalidAndExpiredSessionsAre401() throws InterruptedException {
        assertError(Api.anonymous().get("/v1/principal/grants"), 401, "UNAUTHORIZED");
        assertError(Api.anonymous().get("/v1/principal/audit"), 401, "UNAUTHORIZED");
        assertError(Api.anonymous().delete("/v1/principal/grants/" + grant.grantId()), 401, "UNAUTHORIZED");
        assertError(Api.withKey("not-a-jwt").get("/v1/principal/grants"), 401, "UNAUTHORIZED");
        String token = session();
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + parts[1].substring(0, parts[1].length() - 2) + "AA." + parts[2];
        assertError(Api.withKey(forged).get("/v1/principal/grants"), 401, "UNAUTHORIZED");
        Reply lowercase = Api.send(Api.request("/v1/principal/grants").header("Authorization", "bearer " + token));
        assertError(lowercase, 401, "UNAUTHORIZED");

        String shortLived = open(developer, principal, "1s").getString("sessionToken");
        Thread.sleep(2100);
        JsonObject expired = assertError(Api.withKey(shortLived).get("/v1/principal/grants"), 401, "UNAUTHORIZED");
        assertEquals("Session expired", expired.getString("message"));
        assertTrue(Flows.valid(developer, grant.grantToken()));
    }

    @Test
    void thePermissionsPageIsPublicHtml() {
        Reply page = Api.anonymous().get("/permissions");
        assertEquals(200, page.status());
        assertTrue(page.header("Content-Type").orElseThrow().startsWith("text/html"));
        assertTrue(page.body().contains("<script src=\"/permissions/permissions.js\">"), page.body());
        String policy = page.header("Content-Security-Policy").orElseThrow();
        assertTrue(policy.contains("script-src 'self'") && !policy.contains("unsafe-eval"), policy);
        Reply script = Api.anonymous().get("/permissions/permissions.js");
        assertEquals(200, script.status());
        assertTrue(script.header("Content-Type").orElseThrow().startsWith("text/javascript"));
    }
}
