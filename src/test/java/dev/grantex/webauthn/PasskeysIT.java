package dev.grantex.webauthn;

import static dev.grantex.it.ErrorEnvelope.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grantex.it.Api;
import dev.grantex.it.Flows;
import dev.grantex.it.TestDeveloper;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The WebAuthn routes' refusals, without a browser (PasskeyConsentIT registers and asserts in one). */
class PasskeysIT {
    private final TestDeveloper developer = TestDeveloper.create("enterprise", "live");
    private final String principal = Flows.principal();

    private JsonObject registrationOptions(TestDeveloper who) {
        return who.api().post("/v1/webauthn/register/options",
                Json.createObjectBuilder().add("principalId", principal).build().toString()).expect(200).json();
    }

    @Test
    void registrationOptionsFollowTheContract() {
        developer.api().patch("/v1/me", "{\"fidoRpName\":\"Acme Travel\"}").expect(200);
        JsonObject options = registrationOptions(developer);
        assertTrue(options.getString("challengeId").startsWith("wac_"), options.toString());
        JsonObject publicKey = options.getJsonObject("publicKey");
        assertEquals("Acme Travel", publicKey.getJsonObject("rp").getString("name"));
        assertEquals("localhost", publicKey.getJsonObject("rp").getString("id"));
        assertEquals(principal, publicKey.getJsonObject("user").getString("name"));
        assertTrue(publicKey.getString("challenge").matches("[A-Za-z0-9_-]{43}"), publicKey.toString());
        assertEquals(300_000, publicKey.getInt("timeout"));
        assertEquals("none", publicKey.getString("attestation"));
        assertEquals(0, publicKey.getJsonArray("excludeCredentials").size());
        assertEquals(-7, publicKey.getJsonArray("pubKeyCredParams").getJsonObject(0).getInt("alg"));
    }

    @Test
    void badInputIsRefusedAndSpendsTheChallenge() {
        assertError(developer.api().post("/v1/webauthn/register/options", "{}"), 400, "BAD_REQUEST");
        assertError(developer.api().get("/v1/webauthn/credentials"), 400, "BAD_REQUEST");
        assertError(developer.api().post("/v1/webauthn/register/verify", "{\"challengeId\":\"wac_nothing\",\"response\":{}}"),
                400, "BAD_REQUEST");

        String challengeId = registrationOptions(developer).getString("challengeId");
        assertError(developer.api().post("/v1/webauthn/register/verify",
                Json.createObjectBuilder().add("challengeId", challengeId).build().toString()), 400, "BAD_REQUEST");
        String forged = Json.createObjectBuilder().add("challengeId", challengeId).add("response", Json.createObjectBuilder()
                .add("id", "AAAA").add("rawId", "AAAA").add("type", "public-key").add("response", Json.createObjectBuilder()
                        .add("clientDataJSON", "e30").add("attestationObject", "oA"))).build().toString();
        assertTrue(developer.api().post("/v1/webauthn/register/verify", forged).expect(400).json().getString("message")
                .contains("not accepted"));
        assertTrue(developer.api().post("/v1/webauthn/register/verify", forged).expect(400).json().getString("message")
                .contains("already used"), "a refused answer spends the challenge");

        TestDeveloper other = TestDeveloper.create("enterprise", "live");
        String othersChallenge = registrationOptions(other).getString("challengeId");
        String othersForged = forged.replace(challengeId, othersChallenge);
        assertTrue(developer.api().post("/v1/webauthn/register/verify", othersForged).expect(400).json().getString("message")
                .contains("unknown, expired or already used"), "another developer's challenge is not this one's");
        assertTrue(other.api().post("/v1/webauthn/register/verify", othersForged).expect(400).json().getString("message")
                .contains("not accepted"), "and the attempt did not spend it");
        assertError(developer.api().delete("/v1/webauthn/credentials/cred_doesnotexist"), 404, "NOT_FOUND");
    }

    @Test
    void assertionOptionsNeedAPendingRequestOfADeveloperWhoRequiresPasskeys() {
        assertError(Api.anonymous().post("/v1/webauthn/assert/options", "{}"), 400, "BAD_REQUEST");
        assertError(Api.anonymous().post("/v1/webauthn/assert/options", "{\"authRequestId\":\"areq_unknown\"}"),
                404, "NOT_FOUND");
        String agentId = Flows.createAgent(developer, List.of("calendar:read"));
        String requestId = developer.api().post("/v1/authorize", Flows.authorizeBody(agentId, principal,
                List.of("calendar:read")).build().toString()).expect(201).json().getString("authRequestId");
        String body = Json.createObjectBuilder().add("authRequestId", requestId).build().toString();
        assertTrue(Api.anonymous().post("/v1/webauthn/assert/options", body).expect(400).json().getString("message")
                .contains("does not require"));
        developer.api().patch("/v1/me", "{\"fidoRequired\":true}").expect(200);
        assertTrue(Api.anonymous().post("/v1/webauthn/assert/options", body).expect(400).json().getString("message")
                .contains("no registered passkey"));
        assertError(Api.anonymous().post("/v1/webauthn/assert/verify", "{\"challengeId\":\"wac_unknown\",\"response\":{}}"),
                400, "BAD_REQUEST");
    }

    @Test
    void routesNeedTheApiKeyButTheConsentPagesOnesArePublic() {
        assertError(Api.anonymous().post("/v1/webauthn/register/options", "{\"principalId\":\"p\"}"), 401, "UNAUTHORIZED");
        assertError(Api.anonymous().get("/v1/webauthn/credentials?principalId=p"), 401, "UNAUTHORIZED");
        assertError(Api.anonymous().delete("/v1/webauthn/credentials/cred_x"), 401, "UNAUTHORIZED");
    }
}
