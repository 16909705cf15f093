package dev.grantex.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grantex.it.Api;
import dev.grantex.it.Flows;
import dev.grantex.it.ItDatabase;
import dev.grantex.it.Reply;
import dev.grantex.it.SseClient;
import dev.grantex.it.TestDeveloper;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.EllipticCurves;
import org.junit.jupiter.api.Test;

/** Verifiable credentials (contract §7.5): VC-JWT, StatusList2021, SD-JWT presentations with key binding. */
class CredentialsIT {
    private final TestDeveloper developer = TestDeveloper.create("enterprise");
    private final String agentId = Flows.createAgent(developer, List.of("calendar:read", "email:send"));

    private JsonObject exchange(String principalId, JsonObjectBuilder extra) {
        String code = Flows.code(developer, Flows.authorizeBody(agentId, principalId, List.of("calendar:read", "email:send")).build());
        return developer.api().post("/v1/token", extra.add("code", code).add("agentId", agentId).build().toString())
                .expect(201).json();
    }

    private JsonObject exchange(String format) {
        return exchange(Flows.principal(), Json.createObjectBuilder().add("credentialFormat", format));
    }

    private static JsonObject json(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    private static JsonObject header(String jwt) {
        return json(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[0]), StandardCharsets.UTF_8));
    }

    private static JsonObject verify(String field, String credential) {
        return Api.anonymous().post("/v1/credentials/verify", Json.createObjectBuilder().add(field, credential).build().toString())
                .expect(200).json();
    }

    private static JsonObject present(String sdJwt, String nonce, String audience) {
        JsonObjectBuilder body = Json.createObjectBuilder().add("sdJwt", sdJwt);
        if (nonce != null) {
            body.add("nonce", nonce);
        }
        if (audience != null) {
            body.add("audience", audience);
        }
        return Api.anonymous().post("/v1/credentials/present", body.build().toString()).expect(200).json();
    }

    /** The bit of a status list as a verifier reads it: GZIP under base64url, most significant bit first. */
    private static boolean bitSet(String statusListCredential, int index) throws IOException {
        String path = statusListCredential.substring(statusListCredential.indexOf("/v1/credentials/status/"));
        String encoded = Api.anonymous().get(path).expect(200).json().getJsonObject("credentialSubject").getString("encodedList");
        byte[] bits;
        try (GZIPInputStream gzip = new GZIPInputStream(new ByteArrayInputStream(Base64.getUrlDecoder().decode(encoded)))) {
            bits = gzip.readAllBytes();
        }
        assertEquals(131_072 / 8, bits.length);
        return (bits[index / 8] & (0x80 >> (index % 8))) != 0;
    }

    private static JsonObject status(JsonObject vcClaims) {
        return vcClaims.getJsonObject("vc").getJsonObject("credentialStatus");
    }

    @Test
    void aVcJwtIsIssuedVerifiedListedAndRevokedWithItsGrant() throws IOException {
        String principalId = Flows.principal();
        JsonObject issued = exchange(principalId, Json.createObjectBuilder().add("credentialFormat", "vc-jwt"));
        String vcJwt = issued.getString("verifiableCredential");
        assertFalse(issued.containsKey("sdJwtCredential"));

        JsonObject header = header(vcJwt);
        assertEquals("RS256", header.getString("alg"));
        assertEquals("JWT", header.getString("typ"));
        JsonObject did = Api.anonymous().get("/.well-known/did.json").expect(200).json();
        assertTrue(did.getJsonArray("verificationMethod").getValuesAs(JsonObject.class).stream()
                .anyMatch(m -> m.getString("id").equals(did.getString("id") + "#" + header.getString("kid"))),
                "the signing key is in the DID document");

        JsonObject claims = Flows.claims(vcJwt);
        assertEquals(did.getString("id"), claims.getString("iss"));
        assertEquals("did:grantex:" + agentId, claims.getString("sub"));
        assertTrue(claims.getString("jti").startsWith("vc_"));
        assertEquals(Flows.claims(issued.getString("grantToken")).getJsonNumber("exp"), claims.getJsonNumber("exp"));
        JsonObject vc = claims.getJsonObject("vc");
        assertEquals(List.of("https://www.w3.org/ns/credentials/v2", "https://grantex.dev/ns/credentials/v1"),
                vc.getJsonArray("@context").getValuesAs(v -> ((jakarta.json.JsonString) v).getString()));
        assertEquals(Json.createArrayBuilder().add("VerifiableCredential").add("AgentGrantCredential").build(), vc.getJsonArray("type"));
        JsonObject subject = vc.getJsonObject("credentialSubject");
        assertEquals("did:grantex:" + agentId, subject.getString("id"));
        assertEquals("AIAgent", subject.getString("type"));
        assertEquals(principalId, subject.getString("principalId"));
        assertEquals(developer.developerId(), subject.getString("developerId"));
        assertEquals(issued.getString("grantId"), subject.getString("grantId"));
        assertEquals(Json.createArrayBuilder().add("calendar:read").add("email:send").build(), subject.getJsonArray("scopes"));
        assertEquals(0, subject.getInt("delegationDepth"));
        JsonObject status = status(claims);
        int index = Integer.parseInt(status.getString("statusListIndex"));
        assertEquals("StatusList2021Entry", status.getString("type"));
        assertEquals("revocation", status.getString("statusPurpose"));
        assertEquals(status.getString("statusListCredential") + "#" + index, status.getString("id"));

        JsonObject valid = verify("credential", vcJwt);
        assertTrue(valid.getBoolean("valid"), valid.toString());
        assertEquals(claims.getString("jti"), valid.getString("vcId"));
        assertEquals(principalId, valid.getJsonObject("payload").getJsonObject("vc").getJsonObject("credentialSubject")
                .getString("principalId"));
        assertTrue(verify("vcJwt", vcJwt).getBoolean("valid"), "the Go SDK's field name is accepted");
        assertFalse(bitSet(status.getString("statusListCredential"), index));

        JsonObject listed = developer.api().get("/v1/credentials?grantId=" + issued.getString("grantId")).expect(200).json();
        JsonObject stored = listed.getJsonArray("credentials").getJsonObject(0);
        assertEquals(claims.getString("jti"), stored.getString("id"));
        assertEquals(vcJwt, stored.getString("credentialJwt"));
        assertEquals(vcJwt, stored.getString("credential"));
        assertEquals("active", stored.getString("status"));
        assertEquals("vc-jwt", stored.getString("format"));
        assertEquals("AgentGrantCredential", stored.getString("credentialType"));
        assertEquals(index, stored.getInt("statusListIdx"));
        assertEquals(stored, developer.api().get("/v1/credentials/" + stored.getString("id")).expect(200).json());

        developer.api().delete("/v1/grants/" + issued.getString("grantId")).expect(204);
        JsonObject revoked = verify("credential", vcJwt);
        assertFalse(revoked.getBoolean("valid"));
        assertTrue(revoked.getBoolean("revoked"));
        assertTrue(bitSet(status.getString("statusListCredential"), index), "the status list says revoked");
        JsonObject afterwards = developer.api().get("/v1/credentials/" + stored.getString("id")).expect(200).json();
        assertEquals("revoked", afterwards.getString("status"));
        assertTrue(afterwards.getString("revokedAt").endsWith("Z"));
        assertEquals(1, developer.api().get("/v1/credentials?status=revoked&principalId=" + principalId).expect(200).json()
                .getJsonArray("credentials").size());
    }

    /** A credential expires with its grant: verify then answers valid:false and expired, not revoked. */
    @Test
    void anExpiredCredentialVerifiesAsExpired() throws InterruptedException {
        String code = Flows.code(developer, Flows.authorizeBody(agentId, Flows.principal(), List.of("calendar:read"))
                .add("expiresIn", "5s").build());
        JsonObject issued = developer.api().post("/v1/token", Json.createObjectBuilder().add("credentialFormat", "vc-jwt")
                .add("code", code).add("agentId", agentId).build().toString()).expect(201).json();
        String vcJwt = issued.getString("verifiableCredential");
        JsonObject claims = Flows.claims(vcJwt);
        long expiresAtMillis = claims.getJsonNumber("exp").longValue() * 1000;
        assertTrue(expiresAtMillis - System.currentTimeMillis() <= 5_000, "the credential ends with its 5 s grant");
        assertTrue(verify("credential", vcJwt).getBoolean("valid"), "valid before it expires");

        Thread.sleep(Math.max(0, expiresAtMillis - System.currentTimeMillis()) + 1_000);
        JsonObject expired = verify("credential", vcJwt);
        assertFalse(expired.getBoolean("valid"));
        assertTrue(expired.getBoolean("expired"));
        assertFalse(expired.getBoolean("revoked"));
        assertEquals(claims.getString("jti"), expired.getString("vcId"));
        assertEquals("The credential has expired", expired.getString("error"));
    }

    /**
     * When the developer's list has given out its last bit, the next credential starts a new list, and
     * revoking it sets a bit there only. The list is brought to its last bit in the database, as
     * issuing 131,072 credentials would take too long.
     */
    @Test
    void aFullStatusListIsFollowedByANewOne() throws Exception {
        String firstList;
        try (Connection db = ItDatabase.postgres();
             PreparedStatement nearlyFull = db.prepareStatement("UPDATE vc_status_lists SET next_index = size - 1 WHERE id = ?")) {
            firstList = status(Flows.claims(exchange("vc-jwt").getString("verifiableCredential"))).getString("statusListCredential");
            nearlyFull.setString(1, firstList.substring(firstList.lastIndexOf('/') + 1));
            assertEquals(1, nearlyFull.executeUpdate());
        }
        JsonObject last = status(Flows.claims(exchange("vc-jwt").getString("verifiableCredential")));
        assertEquals(firstList, last.getString("statusListCredential"));
        assertEquals("131071", last.getString("statusListIndex"));

        JsonObject issued = exchange("vc-jwt");
        JsonObject next = status(Flows.claims(issued.getString("verifiableCredential")));
        assertNotEquals(firstList, next.getString("statusListCredential"), "a new list once the first is full");
        assertEquals("0", next.getString("statusListIndex"));
        developer.api().delete("/v1/grants/" + issued.getString("grantId")).expect(204);
        assertTrue(bitSet(next.getString("statusListCredential"), 0), "revoked in the new list");
        assertFalse(bitSet(firstList, 0), "the full list is untouched");
        assertFalse(bitSet(firstList, 131_071), "the full list is untouched");
    }

    @Test
    void aCascadeRevokesTheDelegatedCredentialInTheStatusList() throws IOException {
        JsonObject parent = exchange("both");
        String subAgent = Flows.createAgent(developer, List.of("calendar:read"));
        String body = Json.createObjectBuilder().add("parentGrantToken", parent.getString("grantToken"))
                .add("subAgentId", subAgent).add("scopes", Json.createArrayBuilder().add("calendar:read"))
                .add("credentialFormat", "vc-jwt").build().toString();
        JsonObject child = developer.api().post("/v1/grants/delegate", body).expect(201).json();
        JsonObject childClaims = Flows.claims(child.getString("verifiableCredential"));
        JsonObject vc = childClaims.getJsonObject("vc");
        assertEquals("DelegatedGrantCredential", vc.getJsonArray("type").getString(1));
        assertEquals(1, vc.getJsonObject("credentialSubject").getInt("delegationDepth"));
        assertEquals(parent.getString("grantId"), vc.getJsonObject("credentialSubject").getString("parentGrantId"));
        JsonObject status = status(childClaims);
        assertNotEquals(status(Flows.claims(parent.getString("verifiableCredential"))).getString("id"), status.getString("id"));

        developer.api().delete("/v1/grants/" + parent.getString("grantId")).expect(204);
        assertTrue(bitSet(status.getString("statusListCredential"), Integer.parseInt(status.getString("statusListIndex"))));
        assertTrue(verify("credential", child.getString("verifiableCredential")).getBoolean("revoked"));
    }

    private static List<String> parts(String sdJwt) {
        assertTrue(sdJwt.endsWith("~"), sdJwt);
        return new ArrayList<>(Arrays.asList(sdJwt.split("~")));
    }

    private static String join(List<String> parts) {
        return String.join("~", parts) + "~";
    }

    private static String sha256(String ascii) throws Exception {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(ascii.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void issuingAndPresentingCredentialsReachTheDevelopersStream() {
        try (SseClient stream = SseClient.subscribed(developer.apiKey(), "types=vc.issued,sd-jwt.issued,sd-jwt.presented")) {
            JsonObject vc = exchange("vc-jwt");
            JsonObject vcIssued = stream.nextData("vc.issued");
            assertEquals(Flows.claims(vc.getString("verifiableCredential")).getString("jti"), vcIssued.getString("vcId"));
            assertEquals(vc.getString("grantId"), vcIssued.getString("grantId"));
            assertEquals("did:grantex:" + agentId, vcIssued.getString("agentDid"));
            assertEquals("AgentGrantCredential", vcIssued.getString("credentialType"));

            JsonObject sd = exchange("sd-jwt");
            JsonObject sdIssued = stream.nextData("sd-jwt.issued");
            assertEquals(sd.getString("grantId"), sdIssued.getString("grantId"));
            assertFalse(sdIssued.getBoolean("keyBound"));

            JsonObject presented = present(sd.getString("sdJwtCredential"), null, null);
            assertTrue(presented.getBoolean("valid"), presented.toString());
            JsonObject presentedEvent = stream.nextData("sd-jwt.presented");
            assertEquals(sdIssued.getString("vcId"), presentedEvent.getString("vcId"));
            assertEquals(sd.getString("grantId"), presentedEvent.getString("grantId"));
            assertTrue(presentedEvent.getJsonArray("disclosed").contains(Json.createValue("principalId")),
                    presentedEvent.toString());
        }
    }

    @Test
    void theStatusListIsAStatusList2021Credential() {
        JsonObject status = status(Flows.claims(exchange("vc-jwt").getString("verifiableCredential")));
        String url = status.getString("statusListCredential");
        JsonObject list = Api.anonymous().get(url.substring(url.indexOf("/v1/"))).expect(200).json();
        assertEquals(List.of("https://www.w3.org/ns/credentials/v2", "https://w3id.org/vc/status-list/2021/v1"),
                list.getJsonArray("@context").getValuesAs(v -> ((jakarta.json.JsonString) v).getString()));
        assertEquals(url, list.getString("id"));
        assertEquals(Json.createArrayBuilder().add("VerifiableCredential").add("StatusList2021Credential").build(),
                list.getJsonArray("type"));
        assertEquals(Api.anonymous().get("/.well-known/did.json").expect(200).json().getString("id"), list.getString("issuer"));
        Instant.parse(list.getString("issued"));
        JsonObject subject = list.getJsonObject("credentialSubject");
        assertEquals(url + "#list", subject.getString("id"));
        assertEquals("StatusList2021", subject.getString("type"));
        assertEquals("revocation", subject.getString("statusPurpose"));
    }

    @Test
    void anSdJwtDisclosesWhatIsPresentedAndRefusesATamperedDisclosure() throws Exception {
        String principalId = Flows.principal();
        JsonObject issued = exchange(principalId, Json.createObjectBuilder().add("credentialFormat", "sd-jwt"));
        assertFalse(issued.containsKey("verifiableCredential"));
        String sdJwt = issued.getString("sdJwtCredential");
        List<String> parts = parts(sdJwt);
        assertEquals(5, parts.size(), "the issuer JWT and four disclosures");
        assertEquals("vc+sd-jwt", header(parts.get(0)).getString("typ"));
        JsonObject claims = Flows.claims(parts.get(0));
        assertEquals("sha-256", claims.getString("_sd_alg"));
        JsonObject subject = claims.getJsonObject("vc").getJsonObject("credentialSubject");
        assertEquals(issued.getString("grantId"), subject.getString("grantId"));
        assertFalse(subject.containsKey("principalId"), "hidden until disclosed");
        JsonArray digests = subject.getJsonArray("_sd");
        for (String disclosure : parts.subList(1, parts.size())) {
            assertTrue(digests.contains(Json.createValue(sha256(disclosure))), "each disclosure's digest is signed");
        }

        JsonObject all = present(sdJwt, null, null);
        assertTrue(all.getBoolean("valid"), all.toString());
        JsonObject disclosed = all.getJsonObject("disclosedClaims");
        assertEquals(principalId, disclosed.getString("principalId"));
        assertEquals(developer.developerId(), disclosed.getString("developerId"));
        assertEquals(0, disclosed.getInt("delegationDepth"));
        assertEquals(2, disclosed.getJsonArray("scopes").size());

        List<String> withoutPrincipal = new ArrayList<>(parts);
        withoutPrincipal.removeIf(d -> d != parts.get(0)
                && new String(Base64.getUrlDecoder().decode(d), StandardCharsets.UTF_8).contains("\"principalId\""));
        assertEquals(4, withoutPrincipal.size());
        JsonObject fewer = present(join(withoutPrincipal), null, null);
        assertTrue(fewer.getBoolean("valid"), fewer.toString());
        assertFalse(fewer.getJsonObject("disclosedClaims").containsKey("principalId"), "a withheld claim stays hidden");
        assertEquals(developer.developerId(), fewer.getJsonObject("disclosedClaims").getString("developerId"));

        List<String> tampered = new ArrayList<>(parts);
        for (int i = 1; i < tampered.size(); i++) {
            JsonArray triple = Json.createReader(new StringReader(new String(Base64.getUrlDecoder().decode(tampered.get(i)),
                    StandardCharsets.UTF_8))).readArray();
            if (triple.getString(1).equals("scopes")) {
                String forged = Json.createArrayBuilder().add(triple.getString(0)).add("scopes")
                        .add(Json.createArrayBuilder().add("calendar:read").add("email:send").add("payments:initiate")).build().toString();
                tampered.set(i, Base64.getUrlEncoder().withoutPadding().encodeToString(forged.getBytes(StandardCharsets.UTF_8)));
            }
        }
        JsonObject refused = present(join(tampered), null, null);
        assertFalse(refused.getBoolean("valid"));
        assertTrue(refused.getString("error").contains("matches no digest"), refused.toString());

        JsonObject unbound = present(sdJwt, "n-1", null);
        assertFalse(unbound.getBoolean("valid"), "a nonce asks for a key-binding JWT");

        developer.api().delete("/v1/grants/" + issued.getString("grantId")).expect(204);
        JsonObject revoked = present(sdJwt, null, null);
        assertFalse(revoked.getBoolean("valid"));
        assertTrue(revoked.getString("error").contains("revoked"));
    }

    private static String keyBinding(EllipticCurveJsonWebKey holder, String presentation, String nonce, String audience)
            throws Exception {
        return keyBinding(holder, presentation, nonce, audience, NumericDate.now());
    }

    private static String keyBinding(EllipticCurveJsonWebKey holder, String presentation, String nonce, String audience,
            NumericDate issuedAt) throws Exception {
        JwtClaims claims = new JwtClaims();
        claims.setIssuedAt(issuedAt);
        claims.setAudience(audience);
        claims.setClaim("nonce", nonce);
        claims.setClaim("sd_hash", sha256(presentation));
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        jws.setHeader("typ", "kb+jwt");
        jws.setKey(holder.getPrivateKey());
        return jws.getCompactSerialization();
    }

    @Test
    void aKeyBoundSdJwtIsPresentedWithTheHoldersNonceAndAudience() throws Exception {
        EllipticCurveJsonWebKey holder = EcJwkGenerator.generateJwk(EllipticCurves.P256);
        JsonObjectBuilder publicJwk = Json.createObjectBuilder();
        holder.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY).forEach((k, v) -> publicJwk.add(k, v.toString()));
        JsonObject issued = exchange(Flows.principal(), Json.createObjectBuilder().add("credentialFormat", "sd-jwt")
                .add("holderKey", publicJwk));
        String sdJwt = issued.getString("sdJwtCredential");
        assertTrue(Flows.claims(parts(sdJwt).get(0)).getJsonObject("cnf").getJsonObject("jwk").containsKey("x"));

        JsonObject bound = present(sdJwt + keyBinding(holder, sdJwt, "n-42", "https://verifier.example"), "n-42",
                "https://verifier.example");
        assertTrue(bound.getBoolean("valid"), bound.toString());

        assertFalse(present(sdJwt + keyBinding(holder, sdJwt, "n-41", "https://verifier.example"), "n-42",
                "https://verifier.example").getBoolean("valid"), "another nonce");
        assertFalse(present(sdJwt + keyBinding(holder, sdJwt, "n-42", "https://other.example"), "n-42",
                "https://verifier.example").getBoolean("valid"), "another audience");
        EllipticCurveJsonWebKey stranger = EcJwkGenerator.generateJwk(EllipticCurves.P256);
        JsonObject forged = present(sdJwt + keyBinding(stranger, sdJwt, "n-42", "https://verifier.example"), "n-42",
                "https://verifier.example");
        assertFalse(forged.getBoolean("valid"), "signed by a key other than the holder's");
        for (long issuedAt : new long[] {NumericDate.now().getValue() - 600, 99_999_999_999_999_999L, Long.MIN_VALUE}) {
            JsonObject outOfTime = present(sdJwt + keyBinding(holder, sdJwt, "n-42", "https://verifier.example",
                    NumericDate.fromSeconds(issuedAt)), "n-42", "https://verifier.example");
            assertFalse(outOfTime.getBoolean("valid"), "iat " + issuedAt);
            assertTrue(outOfTime.getString("error").contains("iat"), outOfTime.toString());
        }
        List<String> fewer = parts(sdJwt);
        fewer.remove(1);
        String otherPresentation = join(fewer);
        assertFalse(present(otherPresentation + keyBinding(holder, sdJwt, "n-42", "https://verifier.example"), "n-42",
                "https://verifier.example").getBoolean("valid"), "sd_hash of another presentation");
        assertTrue(present(otherPresentation + keyBinding(holder, otherPresentation, "n-42", "https://verifier.example"),
                "n-42", "https://verifier.example").getBoolean("valid"));
    }

    private static void assertBadRequest(Reply reply) {
        assertEquals(400, reply.status(), reply.body());
        assertEquals("BAD_REQUEST", reply.json().getString("code"), reply.body());
    }

    @Test
    void badInputIsRefusedAndChangesNothing() {
        String code = Flows.code(developer, Flows.authorizeBody(agentId, Flows.principal(), List.of("calendar:read")).build());
        JsonObject withPrivateKey = Json.createObjectBuilder().add("code", code).add("agentId", agentId)
                .add("credentialFormat", "sd-jwt").add("holderKey", Json.createObjectBuilder().add("kty", "EC")
                        .add("crv", "P-256").add("x", "a").add("y", "b").add("d", "c")).build();
        assertBadRequest(developer.api().post("/v1/token", withPrivateKey.toString()));
        JsonObject notAKey = Json.createObjectBuilder().add("code", code).add("agentId", agentId)
                .add("credentialFormat", "sd-jwt").add("holderKey", Json.createObjectBuilder().add("kty", "EC")).build();
        assertBadRequest(developer.api().post("/v1/token", notAKey.toString()));
        JsonObject keyWithoutSdJwt = Json.createObjectBuilder().add("code", code).add("agentId", agentId)
                .add("credentialFormat", "vc-jwt").add("holderKey", Json.createObjectBuilder().add("kty", "EC")).build();
        assertBadRequest(developer.api().post("/v1/token", keyWithoutSdJwt.toString()));
        developer.api().post("/v1/token", Json.createObjectBuilder().add("code", code).add("agentId", agentId).build().toString())
                .expect(201);

        assertBadRequest(Api.anonymous().post("/v1/credentials/verify", "{}"));
        assertBadRequest(Api.anonymous().post("/v1/credentials/verify", "{\"credential\":7}"));
        assertBadRequest(Api.anonymous().post("/v1/credentials/present", "{}"));
        assertBadRequest(developer.api().get("/v1/credentials?status=gone"));
        assertEquals(404, Api.anonymous().get("/v1/credentials/status/stl_missing").status());

        for (String garbage : List.of("not.a.jwt", "a~b~", "~", "x".repeat(100))) {
            assertFalse(verify("credential", garbage).getBoolean("valid"), garbage);
            assertFalse(present(garbage, null, null).getBoolean("valid"), garbage);
        }
        String grantToken = exchange("jwt").getString("grantToken");
        assertFalse(verify("credential", grantToken).getBoolean("valid"), "a grant token is not a credential");
        String vcJwt = exchange("vc-jwt").getString("verifiableCredential");
        String[] jws = vcJwt.split("\\.");
        String otherPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                Flows.claims(vcJwt).toString().replace("calendar:read", "calendar:write").getBytes(StandardCharsets.UTF_8));
        assertFalse(verify("credential", jws[0] + "." + otherPayload + "." + jws[2]).getBoolean("valid"), "altered claims");
        assertFalse(present(vcJwt + "~", null, null).getBoolean("valid"), "a VC-JWT is not an SD-JWT");
    }

    @Test
    void anotherDevelopersCredentialsAreNotFound() {
        String id = Flows.claims(exchange("vc-jwt").getString("verifiableCredential")).getString("jti");
        TestDeveloper other = TestDeveloper.create("enterprise");
        assertEquals(404, other.api().get("/v1/credentials/" + id).status());
        assertEquals(0, other.api().get("/v1/credentials").expect(200).json().getJsonArray("credentials").size());
    }
}
