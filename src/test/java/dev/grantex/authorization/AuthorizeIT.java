package dev.grantex.authorization;

import static dev.grantex.it.ErrorEnvelope.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grantex.it.Api;
import dev.grantex.it.Flows;
import dev.grantex.it.ItServer;
import dev.grantex.it.Reply;
import dev.grantex.it.TestDeveloper;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class AuthorizeIT {
    private final TestDeveloper live = TestDeveloper.create("enterprise", "live");
    private final TestDeveloper sandbox = TestDeveloper.create("enterprise", "sandbox");
    private final String liveAgent = Flows.createAgent(live, List.of("calendar:read", "payments:initiate:max_500", "read"));
    private final String sandboxAgent = Flows.createAgent(sandbox, List.of("read", "write"));

    private Reply authorize(TestDeveloper developer, String body) {
        return developer.api().post("/v1/authorize", body);
    }

    @Test
    void sandboxRequestsAreApprovedAtOnce() {
        JsonObject body = authorize(sandbox, Flows.authorizeBody(sandboxAgent, "user-1", List.of("read")).build().toString())
                .expect(201).json();
        assertTrue(body.getString("authRequestId").startsWith("areq_"));
        assertEquals(ItServer.baseUrl() + "/consent?req=" + body.getString("authRequestId"), body.getString("consentUrl"));
        assertTrue(body.getBoolean("sandbox"));
        assertEquals(43, body.getString("code").length());
        assertEquals("approved", body.getString("status"));
        assertEquals("24h", body.getString("expiresIn"));
        Duration lifetime = Duration.between(Instant.parse(body.getString("createdAt")), Instant.parse(body.getString("expiresAt")));
        assertEquals(Duration.ofHours(24), lifetime);
    }

    @Test
    void userIdIsAcceptedInPlaceOfPrincipalId() {
        String body = "{\"agentId\":\"" + sandboxAgent + "\",\"userId\":\"user-7\",\"scopes\":[\"read\"]}";
        assertEquals("user-7", authorize(sandbox, body).expect(201).json().getString("principalId"));
    }

    @Test
    void aDeveloperWhoRequiresFidoGetsNoConsentWithoutIt() {
        TestDeveloper strict = TestDeveloper.create("enterprise", "live");
        String agent = Flows.createAgent(strict, List.of("read"));
        strict.api().patch("/v1/me", "{\"fidoRequired\":true}").expect(200);
        String id = authorize(strict, Flows.authorizeBody(agent, "user-8", List.of("read")).build().toString())
                .expect(201).json().getString("authRequestId");
        assertTrue(Api.anonymous().get("/v1/consent/" + id).expect(200).json().getBoolean("fidoRequired"));
        assertError(Api.anonymous().post("/v1/consent/" + id + "/approve", null), 403, "FIDO_REQUIRED");
        assertError(Api.anonymous().post("/v1/consent/" + id + "/deny", null), 403, "FIDO_REQUIRED");
        assertEquals("pending", Api.anonymous().get("/v1/consent/" + id).expect(200).json().getString("status"));
    }

    @Test
    void liveRequestsWaitForConsent() {
        JsonObject body = authorize(live, Flows.authorizeBody(liveAgent, "user-1", List.of("read"))
                .add("expiresIn", "2h").build().toString()).expect(201).json();
        assertEquals("pending", body.getString("status"));
        assertFalse(body.containsKey("code"));
        assertFalse(body.containsKey("sandbox"));
        assertEquals(List.of("read"), body.getJsonArray("scopes").getValuesAs(jakarta.json.JsonString.class)
                .stream().map(jakarta.json.JsonString::getString).toList());
    }

    @Test
    void consentShowsScopesInPlainLanguageThenApproves() {
        JsonObject created = authorize(live, Flows.authorizeBody(liveAgent, "user-2",
                        List.of("calendar:read", "payments:initiate:max_500"))
                .add("redirectUri", "https://app.example/cb").add("state", "xyz").build().toString()).expect(201).json();
        String id = created.getString("authRequestId");
        JsonObject consent = Api.anonymous().get("/v1/consent/" + id).expect(200).json();
        assertEquals(id, consent.getString("id"));
        assertEquals("did:grantex:" + liveAgent, consent.getString("agentDid"));
        assertTrue(consent.isNull("agentDescription"));
        assertEquals("pending", consent.getString("status"));
        assertFalse(consent.getBoolean("fidoRequired"));
        assertEquals("[\"Read your calendar events\",\"Initiate payments up to 500 in your account's base currency\"]",
                consent.getJsonArray("scopeDescriptions").toString());

        JsonObject approved = Api.anonymous().post("/v1/consent/" + id + "/approve", null).expect(200).json();
        assertEquals(43, approved.getString("code").length());
        assertEquals("https://app.example/cb", approved.getString("redirectUri"));
        assertEquals("xyz", approved.getString("state"));

        assertError(Api.anonymous().post("/v1/consent/" + id + "/approve", null), 410, "GONE");
        assertError(Api.anonymous().get("/v1/consent/" + id), 410, "GONE");
        assertError(Api.anonymous().post("/v1/consent/" + id + "/deny", null), 404, "NOT_FOUND");
    }

    @Test
    void denialReturnsWhereToGoAndEndsTheRequest() {
        String id = authorize(live, Flows.authorizeBody(liveAgent, "user-3", List.of("read"))
                .add("redirectUri", "http://localhost:3000/cb").add("state", "s1").build().toString())
                .expect(201).json().getString("authRequestId");
        JsonObject denied = Api.anonymous().post("/v1/consent/" + id + "/deny", null).expect(200).json();
        assertEquals("http://localhost:3000/cb", denied.getString("redirectUri"));
        assertEquals("s1", denied.getString("state"));
        assertError(Api.anonymous().post("/v1/consent/" + id + "/approve", null), 410, "GONE");
    }

    @Test
    void unknownConsentRequests() {
        assertError(Api.anonymous().get("/v1/consent/areq_unknown"), 404, "NOT_FOUND");
        assertError(Api.anonymous().post("/v1/consent/areq_unknown/approve", null), 410, "GONE");
        assertError(Api.anonymous().post("/v1/consent/areq_unknown/deny", null), 404, "NOT_FOUND");
    }

    @Test
    void expiredRequestsAreGone() throws InterruptedException {
        String id = authorize(live, Flows.authorizeBody(liveAgent, "user-4", List.of("read")).add("expiresIn", "1s")
                .build().toString()).expect(201).json().getString("authRequestId");
        Thread.sleep(1200);
        assertError(Api.anonymous().get("/v1/consent/" + id), 410, "GONE");
        assertError(Api.anonymous().post("/v1/consent/" + id + "/approve", null), 410, "GONE");
    }

    @Test
    void sandboxHelperRoutes() {
        String id = authorize(live, Flows.authorizeBody(liveAgent, "user-5", List.of("read")).build().toString())
                .expect(201).json().getString("authRequestId");
        assertError(live.api().post("/v1/authorize/" + id + "/approve", null), 403, "CONSENT_REQUIRED");
        String sandboxId = authorize(sandbox, Flows.authorizeBody(sandboxAgent, "user-5", List.of("read")).build().toString())
                .expect(201).json().getString("authRequestId");
        assertError(sandbox.api().post("/v1/authorize/" + sandboxId + "/approve", null), 404, "NOT_FOUND");
        assertError(sandbox.api().post("/v1/authorize/" + id + "/deny", null), 404, "NOT_FOUND");
    }

    @Test
    void missingFieldsAre400() {
        assertEquals("agentId, principalId, and scopes are required",
                assertError(authorize(live, "{}"), 400, "BAD_REQUEST").getString("message"));
        assertError(authorize(live, Flows.authorizeBody(liveAgent, "u", List.of()).build().toString()), 400, "BAD_REQUEST");
        assertError(authorize(live, Flows.authorizeBody(liveAgent, "   ", List.of("read")).build().toString()),
                400, "BAD_REQUEST");
        assertError(authorize(live, "[]"), 400, "BAD_REQUEST");
    }

    @Test
    void unknownSuspendedOrForeignAgentsAre404() {
        assertError(authorize(live, Flows.authorizeBody("nonexistent-agent-id", "u", List.of("read")).build().toString()),
                404, "NOT_FOUND");
        assertError(authorize(sandbox, Flows.authorizeBody(liveAgent, "u", List.of("read")).build().toString()),
                404, "NOT_FOUND");
        live.api().patch("/v1/agents/" + liveAgent, "{\"status\":\"suspended\"}").expect(200);
        assertError(authorize(live, Flows.authorizeBody(liveAgent, "u", List.of("read")).build().toString()), 404, "NOT_FOUND");
    }

    @Test
    void invalidValuesAre400() {
        for (String bad : List.of("1h30m", "1.5h", "PT1H", "0h", "h", "-1h")) {
            assertError(authorize(live, Flows.authorizeBody(liveAgent, "u", List.of("read")).add("expiresIn", bad)
                    .build().toString()), 400, "BAD_REQUEST");
        }
        for (String uri : List.of("ftp://x.example/cb", "/relative", "https://user:pw@x.example/cb", "not a uri")) {
            assertError(authorize(live, Flows.authorizeBody(liveAgent, "u", List.of("read")).add("redirectUri", uri)
                    .build().toString()), 400, "BAD_REQUEST");
        }
        assertError(authorize(live, Flows.authorizeBody(liveAgent, "u", List.of("read")).add("state", "s".repeat(1025))
                .build().toString()), 400, "BAD_REQUEST");
        assertError(authorize(live, Flows.authorizeBody(liveAgent, "u", List.of("write")).build().toString()),
                400, "BAD_REQUEST");
        assertError(authorize(live, Flows.authorizeBody(liveAgent, "u", List.of("read")).add("codeChallenge", "a".repeat(43))
                .build().toString()), 400, "BAD_REQUEST");
        assertError(authorize(live, Flows.authorizeBody(liveAgent, "u", List.of("read")).add("codeChallenge", "a".repeat(43))
                .add("codeChallengeMethod", "plain").build().toString()), 400, "BAD_REQUEST");
        assertError(authorize(live, Flows.authorizeBody(liveAgent, "u", List.of("read")).add("codeChallenge", "short")
                .add("codeChallengeMethod", "S256").build().toString()), 400, "BAD_REQUEST");
        assertError(authorize(live, Flows.authorizeBody(liveAgent, "u", List.of("read")).add("principalId", "p".repeat(257))
                .build().toString()), 400, "BAD_REQUEST");
    }

    @Test
    void authorizeHasItsOwnPerDeveloperBucket() {
        TestDeveloper developer = TestDeveloper.create("enterprise", "sandbox");
        int limit = Integer.parseInt(ItServer.env("GRANTEX_RATE_LIMITS_AUTHORIZE"));
        Reply limited = null;
        // Invalid bodies count too; a window boundary part-way only delays the 429.
        for (int i = 0; i < 3 * limit && limited == null; i++) {
            Reply reply = authorize(developer, "{}");
            if (reply.status() == 429) {
                limited = reply;
            }
        }
        assertTrue(limited != null);
        Matcher retry = Pattern.compile("retry in (\\d+) seconds")
                .matcher(assertError(limited, 429, "RATE_LIMITED").getString("message"));
        assertTrue(retry.find());
        assertEquals(retry.group(1), limited.header("Retry-After").orElseThrow());
        assertEquals(Integer.toString(limit), limited.header("X-RateLimit-Limit").orElseThrow());
        assertEquals("0", limited.header("X-RateLimit-Remaining").orElseThrow());
    }
}
