package dev.grantex.tokens;

import static dev.grantex.it.ErrorEnvelope.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grantex.it.Flows;
import dev.grantex.it.ItServer;
import dev.grantex.it.Reply;
import dev.grantex.it.TestDeveloper;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class TokensIT {
    private final TestDeveloper developer = TestDeveloper.create("enterprise", "sandbox");
    private final String agentId = Flows.createAgent(developer, List.of("read", "write"));

    private static String json(String... keyValues) {
        var builder = Json.createObjectBuilder();
        for (int i = 0; i < keyValues.length; i += 2) {
            builder.add(keyValues[i], keyValues[i + 1]);
        }
        return builder.build().toString();
    }

    private String code() {
        return Flows.code(developer, Flows.authorizeBody(agentId, Flows.principal(), List.of("read", "write")).build());
    }

    @Test
    void exchangeIssuesAGrantTokenWithTheProtocolClaims() {
        String principal = Flows.principal();
        String code = Flows.code(developer, Flows.authorizeBody(agentId, principal, List.of("read", "write"))
                .add("expiresIn", "2h").build());
        Flows.Issued issued = Flows.exchange(developer, agentId, code);
        assertTrue(issued.grantId().startsWith("grnt_"));
        assertTrue(issued.refreshToken().startsWith("ref_"));
        JsonObject claims = issued.claims();
        assertEquals(ItServer.baseUrl(), claims.getString("iss"));
        assertEquals(principal, claims.getString("sub"));
        assertEquals("did:grantex:" + agentId, claims.getString("agt"));
        assertEquals(developer.developerId(), claims.getString("dev"));
        assertEquals("[\"read\",\"write\"]", claims.getJsonArray("scp").toString());
        assertTrue(claims.getString("jti").startsWith("tok_"));
        assertEquals(issued.grantId(), claims.getString("grnt"));
        assertEquals(7200, claims.getJsonNumber("exp").longValue() - claims.getJsonNumber("iat").longValue(), 1);
        assertFalse(claims.containsKey("aud"));
        assertFalse(claims.containsKey("delegationDepth"));
        assertEquals(Instant.ofEpochSecond(claims.getJsonNumber("exp").longValue()),
                Instant.parse(issued.body().getString("expiresAt")));
        JsonObject header = Json.createReader(new java.io.StringReader(new String(
                Base64.getUrlDecoder().decode(issued.grantToken().split("\\.")[0]), StandardCharsets.UTF_8))).readObject();
        assertEquals("RS256", header.getString("alg"));
        assertFalse(header.getString("kid").isEmpty());
    }

    @Test
    void audienceIsCarriedIntoTheToken() {
        String code = Flows.code(developer, Flows.authorizeBody(agentId, Flows.principal(), List.of("read"))
                .add("audience", "https://api.example").build());
        assertEquals("https://api.example", Flows.exchange(developer, agentId, code).claims().getString("aud"));
    }

    @Test
    void claimsStayPlainBase64Decodable() {
        String principal = "user>?~é";
        String code = Flows.code(developer, Flows.authorizeBody(agentId, principal, List.of("read")).build());
        assertEquals(principal, Flows.exchange(developer, agentId, code).claims().getString("sub"));
    }

    @Test
    void codesAreSingleUseAndBoundToDeveloperAndAgent() {
        assertError(developer.api().post("/v1/token", json("code", "invalid-code-12345", "agentId", agentId)),
                400, "BAD_REQUEST");
        String code = code();
        TestDeveloper other = TestDeveloper.create("enterprise", "sandbox");
        assertError(other.api().post("/v1/token", json("code", code, "agentId", agentId)), 400, "BAD_REQUEST");
        String otherAgent = Flows.createAgent(developer, List.of("read"));
        assertError(developer.api().post("/v1/token", json("code", code, "agentId", otherAgent)), 400, "BAD_REQUEST");
        developer.api().post("/v1/token", json("code", code, "agentId", agentId)).expect(201);
        assertEquals("Auth request not approved", assertError(developer.api().post("/v1/token",
                json("code", code, "agentId", agentId)), 400, "BAD_REQUEST").getString("message"));
    }

    @Test
    void expiredCodesAreRefused() throws InterruptedException {
        String code = Flows.code(developer, Flows.authorizeBody(agentId, Flows.principal(), List.of("read"))
                .add("expiresIn", "1s").build());
        Thread.sleep(1200);
        assertError(developer.api().post("/v1/token", json("code", code, "agentId", agentId)), 400, "BAD_REQUEST");
    }

    @Test
    void exchangeValidatesItsBody() {
        assertError(developer.api().post("/v1/token", "{}"), 400, "BAD_REQUEST");
        assertError(developer.api().post("/v1/token", json("code", "x")), 400, "BAD_REQUEST");
        assertError(developer.api().post("/v1/token", "{\"code\":5,\"agentId\":\"a\"}"), 400, "BAD_REQUEST");
        assertError(developer.api().post("/v1/token", json("code", "c".repeat(513), "agentId", agentId)), 400, "BAD_REQUEST");
    }

    @Test
    void unknownCredentialFormatsAreRefused() {
        String code = code();
        for (String format : List.of("Agent-Passport", "VC-JWT", "mdoc", "")) {
            assertError(developer.api().post("/v1/token", json("code", code, "agentId", agentId, "credentialFormat", format)),
                    400, "BAD_REQUEST");
        }
        JsonObject issued = developer.api().post("/v1/token", json("code", code, "agentId", agentId, "credentialFormat", "jwt"))
                .expect(201).json();
        assertTrue(Flows.valid(developer, issued.getString("grantToken")), "the refused request consumed nothing");
    }

    @Test
    void pkceMustMatch() throws Exception {
        String verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
        String challenge = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        assertEquals("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", challenge);
        for (String[] attempt : new String[][] {
                {null, "codeVerifier is required for PKCE"},
                {"x".repeat(43), "Invalid codeVerifier"},
                {"too-short", "Invalid codeVerifier"},
                {verifier + "!", "Invalid codeVerifier"}}) {
            String code = Flows.code(developer, Flows.authorizeBody(agentId, Flows.principal(), List.of("read"))
                    .add("codeChallenge", challenge).add("codeChallengeMethod", "S256").build());
            String body = attempt[0] == null ? json("code", code, "agentId", agentId)
                    : json("code", code, "agentId", agentId, "codeVerifier", attempt[0]);
            assertEquals(attempt[1], assertError(developer.api().post("/v1/token", body), 400, "BAD_REQUEST")
                    .getString("message"));
            // A failed verification consumes nothing: the right verifier still works.
            developer.api().post("/v1/token", json("code", code, "agentId", agentId, "codeVerifier", verifier)).expect(201);
        }
        String plain = code();
        developer.api().post("/v1/token", json("code", plain, "agentId", agentId, "codeVerifier", verifier)).expect(201);
    }

    @Test
    void refreshRotatesForTheSameGrant() {
        Flows.Issued first = Flows.exchange(developer, agentId, code());
        JsonObject refreshed = developer.api().post("/v1/token/refresh",
                json("refreshToken", first.refreshToken(), "agentId", agentId)).expect(201).json();
        assertEquals(first.grantId(), refreshed.getString("grantId"));
        assertNotEquals(first.refreshToken(), refreshed.getString("refreshToken"));
        assertEquals(first.body().getString("expiresAt"), refreshed.getString("expiresAt"));
        JsonObject claims = Flows.claims(refreshed.getString("grantToken"));
        assertNotEquals(first.claims().getString("jti"), claims.getString("jti"));
        assertEquals(first.claims().getJsonNumber("exp"), claims.getJsonNumber("exp"));
        assertTrue(Flows.valid(developer, refreshed.getString("grantToken")));
        assertTrue(Flows.valid(developer, first.grantToken()), "refresh revokes nothing");
    }

    @Test
    void reusingARefreshTokenIsRefusedAndSpendsTheChain() {
        Flows.Issued first = Flows.exchange(developer, agentId, code());
        String second = developer.api().post("/v1/token/refresh",
                json("refreshToken", first.refreshToken(), "agentId", agentId)).expect(201).json().getString("refreshToken");
        assertEquals("Refresh token already used", assertError(developer.api().post("/v1/token/refresh",
                json("refreshToken", first.refreshToken(), "agentId", agentId)), 400, "BAD_REQUEST").getString("message"));
        assertError(developer.api().post("/v1/token/refresh", json("refreshToken", second, "agentId", agentId)),
                400, "BAD_REQUEST");
    }

    @Test
    void refreshRefusesWrongAgentsDevelopersAndBodies() {
        Flows.Issued issued = Flows.exchange(developer, agentId, code());
        assertEquals("Agent mismatch", assertError(developer.api().post("/v1/token/refresh",
                json("refreshToken", issued.refreshToken(), "agentId", "ag_nonexistent_12345")), 400, "BAD_REQUEST")
                .getString("message"));
        assertError(TestDeveloper.create("enterprise").api().post("/v1/token/refresh",
                json("refreshToken", issued.refreshToken(), "agentId", agentId)), 400, "BAD_REQUEST");
        assertError(developer.api().post("/v1/token/refresh", json("agentId", agentId)), 400, "BAD_REQUEST");
        assertError(developer.api().post("/v1/token/refresh", json("refreshToken", issued.refreshToken())), 400, "BAD_REQUEST");
        assertError(developer.api().post("/v1/token/refresh", json("refreshToken", "ref_unknown", "agentId", agentId)),
                400, "BAD_REQUEST");
        developer.api().post("/v1/token/refresh", json("refreshToken", issued.refreshToken(), "agentId", agentId)).expect(201);
    }

    @Test
    void verifyAnswersTwoHundredWithValidity() {
        Flows.Issued issued = Flows.exchange(developer, agentId, code());
        JsonObject valid = developer.api().post("/v1/tokens/verify", json("token", issued.grantToken())).expect(200).json();
        assertTrue(valid.getBoolean("valid"));
        assertEquals(issued.grantId(), valid.getString("grantId"));
        assertEquals("[\"read\",\"write\"]", valid.getJsonArray("scopes").toString());
        assertEquals(issued.claims().getString("sub"), valid.getString("principal"));
        assertEquals("did:grantex:" + agentId, valid.getString("agent"));
        assertTrue(valid.getString("expiresAt").endsWith(".000Z"));

        assertEquals("{\"valid\":false}", developer.api().post("/v1/tokens/verify",
                json("token", "not.a.valid.jwt.token")).expect(200).body());
        assertFalse(TestDeveloper.create("enterprise").api().post("/v1/tokens/verify",
                json("token", issued.grantToken())).expect(200).json().getBoolean("valid"), "another developer's token");
        assertError(developer.api().post("/v1/tokens/verify", "{}"), 400, "BAD_REQUEST");
        assertError(developer.api().post("/v1/tokens/verify", json("token", "")), 400, "BAD_REQUEST");
        assertFalse(developer.api().post("/v1/tokens/verify", json("token", "  ")).expect(200).json().getBoolean("valid"));
        Reply headers = developer.api().post("/v1/tokens/verify", json("token", "invalid-token-for-header-check"));
        assertTrue(headers.header("X-RateLimit-Limit").isPresent());
    }

    @Test
    void revokingATokenLeavesTheGrantAndOtherTokens() {
        Flows.Issued issued = Flows.exchange(developer, agentId, code());
        String jti = issued.claims().getString("jti");
        assertError(TestDeveloper.create("enterprise").api().post("/v1/tokens/revoke", json("jti", jti)), 404, "NOT_FOUND");
        developer.api().post("/v1/tokens/revoke", json("jti", jti)).expect(204);
        assertFalse(Flows.valid(developer, issued.grantToken()));
        assertError(developer.api().post("/v1/tokens/revoke", json("jti", jti)), 404, "NOT_FOUND");
        assertError(developer.api().post("/v1/tokens/revoke", json("jti", "tok_unknown")), 404, "NOT_FOUND");
        assertError(developer.api().post("/v1/tokens/revoke", "{}"), 400, "BAD_REQUEST");
        assertEquals("active", developer.api().get("/v1/grants/" + issued.grantId()).expect(200).json().getString("status"));
        String fresh = developer.api().post("/v1/token/refresh",
                json("refreshToken", issued.refreshToken(), "agentId", agentId)).expect(201).json().getString("grantToken");
        assertTrue(Flows.valid(developer, fresh));
    }

    @Test
    void fiftyConcurrentExchangesOfOneCodeGiveOneGrant() throws Exception {
        String body = json("code", code(), "agentId", agentId);
        assertEquals(1, countCreated(() -> developer.api().post("/v1/token", body).status()));
    }

    @Test
    void fiftyConcurrentRefreshesOfOneTokenGiveOnePair() throws Exception {
        Flows.Issued issued = Flows.exchange(developer, agentId, code());
        String body = json("refreshToken", issued.refreshToken(), "agentId", agentId);
        assertEquals(1, countCreated(() -> developer.api().post("/v1/token/refresh", body).status()));
    }

    private static long countCreated(Callable<Integer> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                results.add(pool.submit(call));
            }
            long created = 0;
            for (Future<Integer> result : results) {
                int status = result.get();
                assertTrue(status == 201 || status == 400, "only 201 or 400, got " + status);
                created += status == 201 ? 1 : 0;
            }
            return created;
        } finally {
            pool.shutdownNow();
        }
    }
}
