package dev.grantex.passports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grantex.it.Api;
import dev.grantex.it.Flows;
import dev.grantex.it.Reply;
import dev.grantex.it.SseClient;
import dev.grantex.it.TestDeveloper;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Agent passports (contract §7.7): issue, list, show, revoke, and the check of a presented passport. */
class PassportsIT {
    private static final List<String> SCOPES = List.of("payments:mpp:inference", "payments:mpp:compute", "calendar:read");

    private final TestDeveloper developer = TestDeveloper.create("enterprise");
    private final String agentId = Flows.createAgent(developer, SCOPES);
    private final Flows.Issued grant = Flows.grant(developer, agentId, SCOPES);

    private JsonObjectBuilder issueBody(String... categories) {
        var array = Json.createArrayBuilder();
        for (String category : categories) {
            array.add(category);
        }
        return Json.createObjectBuilder().add("agentId", agentId).add("grantId", grant.grantId())
                .add("allowedMPPCategories", array)
                .add("maxTransactionAmount", Json.createObjectBuilder().add("amount", 50).add("currency", "USD"));
    }

    private Reply issue(JsonObjectBuilder body) {
        return developer.api().post("/v1/passport/issue", body.build().toString());
    }

    private static JsonObject check(String passport, String category, String amount, String currency) {
        JsonObjectBuilder body = Json.createObjectBuilder();
        if (category != null) {
            body.add("category", category);
        }
        if (amount != null) {
            body.add("amount", Json.createObjectBuilder().add("amount", amount).add("currency", currency));
        }
        return Api.send(Api.request("/v1/passport/verify").header("X-Grantex-Passport", passport)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body.build().toString())))
                .expect(200).json();
    }

    private static JsonObject decode(String encoded) {
        try (var reader = Json.createReader(new StringReader(
                new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8)))) {
            return reader.readObject();
        }
    }

    private static String encode(JsonObject credential) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(credential.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void assertError(Reply reply, int status, String code) {
        assertEquals(status, reply.status(), reply.body());
        assertEquals(code, reply.json().getString("code"), reply.body());
    }

    @Test
    void aPassportIsIssuedAndCheckedForCategoryAndAmount() {
        JsonObject issued = issue(issueBody("inference", "compute")).expect(201).json();
        String id = issued.getString("passportId");
        assertTrue(id.matches("urn:grantex:passport:[0-9A-Z]{26}"), id);
        JsonObject credential = issued.getJsonObject("credential");
        assertEquals(credential, decode(issued.getString("encodedCredential")));
        assertEquals(id, credential.getString("id"));
        assertEquals(Json.createArrayBuilder().add("VerifiableCredential").add("AgentPassportCredential").build(),
                credential.getJsonArray("type"));
        JsonObject did = Api.anonymous().get("/.well-known/did.json").expect(200).json();
        assertEquals(did.getString("id"), credential.getString("issuer"));
        JsonObject subject = credential.getJsonObject("credentialSubject");
        assertEquals("did:grantex:" + agentId, subject.getString("id"));
        assertEquals(grant.grantId(), subject.getString("grantId"));
        assertEquals(did.getString("id"), subject.getString("organizationDID"));
        assertEquals("did:grantex:" + grant.claims().getString("sub"), subject.getString("humanPrincipal"));
        assertEquals(50, subject.getJsonObject("maxTransactionAmount").getInt("amount"));
        assertEquals("tempo", subject.getJsonArray("paymentRails").getString(0));
        assertEquals("StatusList2021Entry", credential.getJsonObject("credentialStatus").getString("type"));
        JsonObject proof = credential.getJsonObject("proof");
        assertEquals("DataIntegrityProof", proof.getString("type"));
        assertEquals("eddsa-jcs-2022", proof.getString("cryptosuite"));
        assertTrue(proof.getString("proofValue").startsWith("z"));
        assertTrue(did.getJsonArray("verificationMethod").getValuesAs(JsonObject.class).stream()
                .anyMatch(m -> m.getString("id").equals(proof.getString("verificationMethod"))
                        && m.getJsonObject("publicKeyJwk").getString("kty").equals("OKP")),
                "the proof's key is the DID document's Ed25519 key");
        Duration lifetime = Duration.between(Instant.parse(credential.getString("validFrom")),
                Instant.parse(issued.getString("expiresAt")));
        assertTrue(lifetime.compareTo(Duration.ofHours(24)) <= 0 && lifetime.compareTo(Duration.ofHours(23)) > 0, lifetime.toString());

        String passport = issued.getString("encodedCredential");
        JsonObject valid = check(passport, "inference", "49.99", "USD");
        assertTrue(valid.getBoolean("valid"), valid.toString());
        assertEquals(id, valid.getString("passportId"));
        assertEquals(grant.grantId(), valid.getString("grantId"));
        assertTrue(check(passport, null, null, null).getBoolean("valid"));
        assertTrue(check(passport, "compute", "50", "usd").getBoolean("valid"));
        assertFalse(check(passport, "data", null, null).getBoolean("valid"), "a category it does not allow");
        assertFalse(check(passport, "inference", "50.01", "USD").getBoolean("valid"), "over the amount");
        assertFalse(check(passport, "inference", "10", "EUR").getBoolean("valid"), "another currency");
    }

    @Test
    void tokenExchangeIssuesAPassportForWhatThePrincipalApproved() {
        List<String> scopes = List.of("payments:mpp:inference", "payments:mpp:data", "payments:initiate:max_250", "calendar:read");
        String payer = Flows.createAgent(developer, scopes);
        String code = Flows.code(developer, Flows.authorizeBody(payer, Flows.principal(), scopes).build());
        String body = Json.createObjectBuilder().add("code", code).add("agentId", payer)
                .add("credentialFormat", "agent-passport").build().toString();
        JsonObject token = developer.api().post("/v1/token", body).expect(201).json();
        String id = token.getString("agentPassportId");
        assertEquals("urn:grantex:passport:token-exchange:" + token.getString("grantId"), id);
        assertFalse(token.containsKey("verifiableCredential"), token.toString());

        JsonObject credential = developer.api().get("/v1/passport/" + id).expect(200).json();
        assertEquals("active", credential.getString("status"));
        JsonObject subject = credential.getJsonObject("credentialSubject");
        assertEquals(Json.createArrayBuilder().add("inference").add("data").build(), subject.getJsonArray("allowedMPPCategories"));
        assertEquals(250, subject.getJsonObject("maxTransactionAmount").getInt("amount"));
        assertEquals("USD", subject.getJsonObject("maxTransactionAmount").getString("currency"));
        assertEquals(token.getString("expiresAt"), credential.getString("validUntil"), "it ends with its grant");
        credential = Json.createObjectBuilder(credential).remove("status").build();
        String passport = encode(credential);
        assertTrue(check(passport, "data", "250", "USD").getBoolean("valid"));
        assertFalse(check(passport, "compute", "1", "USD").getBoolean("valid"), "a category the principal did not approve");
        assertFalse(check(passport, "data", "250.01", "USD").getBoolean("valid"), "over the approved cap");

        developer.api().delete("/v1/grants/" + token.getString("grantId")).expect(204);
        assertFalse(check(passport, "data", "1", "USD").getBoolean("valid"), "revoked with its grant");
    }

    @Test
    void tokenExchangeRefusesAPassportThePrincipalDidNotApproveAndKeepsTheCode() {
        List<String> scopes = List.of("payments:mpp:inference", "calendar:read");
        String payer = Flows.createAgent(developer, scopes);
        String code = Flows.code(developer, Flows.authorizeBody(payer, Flows.principal(), scopes).build());
        String body = Json.createObjectBuilder().add("code", code).add("agentId", payer)
                .add("credentialFormat", "agent-passport").build().toString();
        Reply refused = developer.api().post("/v1/token", body);
        assertError(refused, 400, "SCOPE_INSUFFICIENT");
        assertTrue(refused.json().getString("message").contains("payments:initiate:max_"), refused.body());
        Flows.exchange(developer, payer, code);

        List<String> huge = List.of("payments:mpp:inference", "payments:initiate:max_1000000000000000");
        String spender = Flows.createAgent(developer, huge);
        String hugeCode = Flows.code(developer, Flows.authorizeBody(spender, Flows.principal(), huge).build());
        Reply tooLarge = developer.api().post("/v1/token", Json.createObjectBuilder().add("code", hugeCode)
                .add("agentId", spender).add("credentialFormat", "agent-passport").build().toString());
        assertError(tooLarge, 400, "BAD_REQUEST");
        assertTrue(tooLarge.json().getString("message").contains("at most"), tooLarge.body());
        Flows.exchange(developer, spender, hugeCode);

        String delegate = Json.createObjectBuilder().add("parentGrantToken", grant.grantToken()).add("subAgentId", agentId)
                .add("scopes", Json.createArrayBuilder().add("calendar:read")).add("credentialFormat", "agent-passport")
                .build().toString();
        Reply notAtDelegation = developer.api().post("/v1/grants/delegate", delegate);
        assertError(notAtDelegation, 400, "BAD_REQUEST");
        assertTrue(notAtDelegation.json().getString("message").contains("credentialFormat"), notAtDelegation.body());
    }

    @Test
    void issuingAndRevokingPassportsReachTheDevelopersStream() {
        try (SseClient stream = SseClient.subscribed(developer.apiKey(),
                "types=passport.issued,passport.revoked,passport.token-exchange")) {
            JsonObject issued = issue(issueBody("inference")).expect(201).json();
            JsonObject announced = stream.nextData("passport.issued");
            assertEquals(issued.getString("passportId"), announced.getString("passportId"));
            assertEquals(agentId, announced.getString("agentId"));
            assertEquals(grant.grantId(), announced.getString("grantId"));
            assertEquals(issued.getString("expiresAt"), announced.getString("expiresAt"));

            developer.api().post("/v1/passport/" + issued.getString("passportId") + "/revoke", null).expect(200);
            assertEquals(issued.getString("passportId"), stream.nextData("passport.revoked").getString("passportId"));

            List<String> scopes = List.of("payments:mpp:data", "payments:initiate:max_20");
            String payer = Flows.createAgent(developer, scopes);
            String code = Flows.code(developer, Flows.authorizeBody(payer, Flows.principal(), scopes).build());
            JsonObject token = developer.api().post("/v1/token", Json.createObjectBuilder().add("code", code)
                    .add("agentId", payer).add("credentialFormat", "agent-passport").build().toString()).expect(201).json();
            JsonObject exchanged = stream.nextData("passport.token-exchange");
            assertEquals(token.getString("agentPassportId"), exchanged.getString("passportId"));
            assertEquals(payer, exchanged.getString("agentId"));

            developer.api().delete("/v1/grants/" + token.getString("grantId")).expect(204);
            JsonObject cascaded = stream.nextData("passport.revoked");
            assertEquals(token.getString("agentPassportId"), cascaded.getString("passportId"));
            assertEquals(token.getString("grantId"), cascaded.getString("grantId"));
        }
    }

    @Test
    void aForgedEnvelopeIsRefused() {
        JsonObject credential = issue(issueBody("inference")).expect(201).json().getJsonObject("credential");
        JsonObject subject = credential.getJsonObject("credentialSubject");
        JsonObject raised = Json.createObjectBuilder(credential).add("credentialSubject", Json.createObjectBuilder(subject)
                .add("maxTransactionAmount", Json.createObjectBuilder().add("amount", 5000).add("currency", "USD"))).build();
        JsonObject refused = check(encode(raised), "inference", "4000", "USD");
        assertFalse(refused.getBoolean("valid"));
        assertTrue(refused.getString("error").contains("does not match"), refused.toString());

        JsonObject widened = Json.createObjectBuilder(credential).add("credentialSubject", Json.createObjectBuilder(subject)
                .add("allowedMPPCategories", Json.createArrayBuilder().add("inference").add("general"))).build();
        assertFalse(check(encode(widened), "general", null, null).getBoolean("valid"));

        JsonObject other = issue(issueBody("compute")).expect(201).json().getJsonObject("credential");
        JsonObject swappedProof = Json.createObjectBuilder(credential).add("proof", other.getJsonObject("proof")).build();
        assertFalse(check(encode(swappedProof), null, null, null).getBoolean("valid"), "another passport's proof");

        JsonObject padded = Json.createObjectBuilder(credential).add("proof", Json.createObjectBuilder(credential.getJsonObject("proof"))
                .add("proofValue", credential.getJsonObject("proof").getString("proofValue") + "1".repeat(20_000))).build();
        JsonObject tooLong = check(encode(padded), null, null, null);
        assertFalse(tooLong.getBoolean("valid"));
        assertTrue(tooLong.getString("error").contains("longer than an Ed25519 signature"), tooLong.toString());

        JsonObject unsigned = Json.createObjectBuilder(credential).remove("proof").build();
        assertFalse(check(encode(unsigned), null, null, null).getBoolean("valid"));
        JsonObject extended = Json.createObjectBuilder(credential).add("validUntil", "2099-01-01T00:00:00.000Z").build();
        assertFalse(check(encode(extended), null, null, null).getBoolean("valid"), "a later validUntil");
        for (String garbage : List.of("x", "eyJ9", "bm90IGpzb24", encode(JsonValue.EMPTY_JSON_OBJECT))) {
            assertFalse(check(garbage, null, null, null).getBoolean("valid"), garbage);
        }
    }

    @Test
    void revokedPassportsAndPassportsOfRevokedGrantsAreRefused() {
        JsonObject first = issue(issueBody("inference")).expect(201).json();
        String id = first.getString("passportId");
        JsonObject revoked = developer.api().post("/v1/passport/" + id + "/revoke", null).expect(200).json();
        assertTrue(revoked.getBoolean("revoked"));
        assertEquals(revoked, developer.api().post("/v1/passport/" + id + "/revoke", null).expect(200).json(),
                "revoking again answers the first revocation");
        JsonObject refused = check(first.getString("encodedCredential"), null, null, null);
        assertFalse(refused.getBoolean("valid"));
        assertTrue(refused.getString("error").contains("revoked"));
        assertEquals("revoked", developer.api().get("/v1/passport/" + id).expect(200).json().getString("status"));

        String status = first.getJsonObject("credential").getJsonObject("credentialStatus").getString("statusListCredential");
        int index = Integer.parseInt(first.getJsonObject("credential").getJsonObject("credentialStatus").getString("statusListIndex"));
        byte[] bits = gunzip(Api.anonymous().get(status.substring(status.indexOf("/v1/"))).expect(200).json()
                .getJsonObject("credentialSubject").getString("encodedList"));
        assertTrue((bits[index / 8] & (0x80 >> (index % 8))) != 0, "the status list says revoked");

        JsonObject second = issue(issueBody("compute")).expect(201).json();
        developer.api().delete("/v1/grants/" + grant.grantId()).expect(204);
        assertFalse(check(second.getString("encodedCredential"), null, null, null).getBoolean("valid"),
                "a passport ends with its grant");
        List<JsonObject> listed = developer.api().get("/v1/passports?grantId=" + grant.grantId()).expect(200)
                .jsonArray().getValuesAs(JsonObject.class);
        assertEquals(2, listed.size());
        listed.forEach(p -> assertEquals("revoked", p.getString("status")));
        assertEquals(Set.of(id, second.getString("passportId")),
                listed.stream().map(p -> p.getString("passportId")).collect(Collectors.toSet()));
        listed.forEach(p -> assertEquals(agentId, p.getString("agentId")));
        assertEquals(second.getString("expiresAt"), listed.stream().filter(p -> p.getString("passportId")
                .equals(second.getString("passportId"))).findFirst().orElseThrow().getString("expiresAt"));
        listed.forEach(p -> assertTrue(Instant.parse(p.getString("createdAt")).isBefore(Instant.now().plusSeconds(5))));
        assertEquals(0, developer.api().get("/v1/passports?grantId=" + grant.grantId() + "&status=active").expect(200)
                .jsonArray().size());
        assertEquals(2, developer.api().get("/v1/passports?grantId=" + grant.grantId() + "&status=revoked").expect(200)
                .jsonArray().size());
    }

    private static byte[] gunzip(String encoded) {
        try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(Base64.getUrlDecoder().decode(encoded)))) {
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void issuingChecksAgentGrantScopesBudgetAndExpiry() {
        assertError(issue(issueBody("data")), 400, "SCOPE_INSUFFICIENT");
        assertError(issue(issueBody("inference").add("agentId", "ag_nope")), 400, "INVALID_AGENT");
        String otherAgent = Flows.createAgent(developer, SCOPES);
        assertError(issue(issueBody("inference").add("agentId", otherAgent)), 400, "INVALID_GRANT");
        assertError(issue(issueBody("inference").add("expiresIn", "1.5h")), 400, "INVALID_EXPIRY");
        assertError(issue(issueBody("inference").add("expiresIn", "721h")), 422, "INVALID_EXPIRY");
        assertError(issue(issueBody("shopping")), 400, "BAD_REQUEST");
        assertError(issue(issueBody()), 400, "BAD_REQUEST");
        assertError(issue(issueBody("inference").add("maxTransactionAmount", Json.createObjectBuilder().add("amount", -1))),
                400, "BAD_REQUEST");
        assertError(issue(issueBody("inference").add("paymentRails", Json.createArrayBuilder().add("Bad Rail"))), 400, "BAD_REQUEST");

        developer.api().post("/v1/budget/allocate", "{\"grantId\":\"" + grant.grantId() + "\",\"initialBudget\":40}").expect(201);
        assertError(issue(issueBody("inference")), 400, "AMOUNT_EXCEEDS_BUDGET");
        assertError(issue(issueBody("inference").add("maxTransactionAmount",
                Json.createObjectBuilder().add("amount", 10).add("currency", "EUR"))), 400, "AMOUNT_EXCEEDS_BUDGET");
        JsonObject withinBudget = issue(issueBody("inference").add("maxTransactionAmount",
                Json.createObjectBuilder().add("amount", "40"))).expect(201).json();

        JsonObject child = issue(issueBody("inference").add("parentPassportId", withinBudget.getString("passportId"))
                .add("maxTransactionAmount", Json.createObjectBuilder().add("amount", 5))).expect(201).json();
        assertEquals(withinBudget.getString("passportId"),
                child.getJsonObject("credential").getJsonObject("credentialSubject").getString("parentPassportId"));
        assertError(issue(issueBody("compute").add("parentPassportId", withinBudget.getString("passportId"))
                .add("maxTransactionAmount", Json.createObjectBuilder().add("amount", 5))), 400, "BAD_REQUEST");
        assertEquals(0, developer.api().get("/v1/passports?status=revoked").expect(200).jsonArray().size());
        assertEquals(2, developer.api().get("/v1/passports?status=active&agentId=" + agentId).expect(200).jsonArray().size());
    }

    @Test
    void anotherDevelopersPassportsAreNotFound() {
        String id = issue(issueBody("inference")).expect(201).json().getString("passportId");
        TestDeveloper other = TestDeveloper.create("enterprise");
        assertEquals(404, other.api().get("/v1/passport/" + id).status());
        assertEquals(404, other.api().post("/v1/passport/" + id + "/revoke", null).status());
        assertEquals(0, other.api().get("/v1/passports").expect(200).jsonArray().size());
        String otherAgent = Flows.createAgent(other, SCOPES);
        Reply foreignGrant = other.api().post("/v1/passport/issue", issueBody("inference").add("agentId", otherAgent)
                .build().toString());
        assertError(foreignGrant, 400, "INVALID_GRANT");
        assertEquals("active", developer.api().get("/v1/passport/" + id).expect(200).json().getString("status"));
    }

    @Test
    void theCheckNeedsAPassport() {
        assertError(Api.anonymous().post("/v1/passport/verify", "{}"), 400, "BAD_REQUEST");
        assertError(Api.anonymous().post("/v1/passport/verify", "{\"passport\":\"x\",\"category\":\"shopping\"}"), 400, "BAD_REQUEST");
    }
}
