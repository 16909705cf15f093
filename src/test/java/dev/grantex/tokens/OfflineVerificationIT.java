package dev.grantex.tokens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.grantex.it.Flows;
import dev.grantex.it.ItServer;
import dev.grantex.it.TestDeveloper;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.HmacKey;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;
import org.junit.jupiter.api.Test;

/**
 * A resource server's view: it knows only the issuer URL and the JWKS, verifies tokens offline with a
 * standard JOSE library, and must refuse forgeries.
 */
class OfflineVerificationIT {
    private static final String AUDIENCE = "https://calendar.example";

    private final TestDeveloper developer = TestDeveloper.create("enterprise", "sandbox");
    private final String agentId = Flows.createAgent(developer, List.of("calendar:read"));

    private static JwtConsumer resourceServer(String audience) {
        HttpsJwks jwks = new HttpsJwks(ItServer.baseUrl() + "/.well-known/jwks.json");
        return new JwtConsumerBuilder()
                .setVerificationKeyResolver(new HttpsJwksVerificationKeyResolver(jwks))
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.RSA_USING_SHA256)
                .setExpectedIssuer(ItServer.baseUrl())
                .setExpectedAudience(audience)
                .setRequireExpirationTime()
                .setRequireSubject()
                .setAllowedClockSkewInSeconds(0)
                .build();
    }

    private String token(String expiresIn) {
        String code = Flows.code(developer, Flows.authorizeBody(agentId, "alice", List.of("calendar:read"))
                .add("audience", AUDIENCE).add("expiresIn", expiresIn).build());
        return Flows.exchange(developer, agentId, code).grantToken();
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void acceptsAnIssuedToken() throws Exception {
        JwtClaims claims = resourceServer(AUDIENCE).processToClaims(token("1h"));
        assertEquals("alice", claims.getSubject());
        assertEquals(List.of("calendar:read"), claims.getStringListClaimValue("scp"));
    }

    @Test
    void refusesATamperedPayload() {
        String[] parts = token("1h").split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"alice\"", "\"mallory\"");
        String forged = parts[0] + "." + b64(payload) + "." + parts[2];
        assertThrows(InvalidJwtException.class, () -> resourceServer(AUDIENCE).processToClaims(forged));
    }

    @Test
    void refusesAlgNone() {
        String[] parts = token("1h").split("\\.");
        String unsigned = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".";
        assertThrows(InvalidJwtException.class, () -> resourceServer(AUDIENCE).processToClaims(unsigned));
    }

    @Test
    void refusesHs256SignedWithThePublicKey() throws Exception {
        String[] parts = token("1h").split("\\.");
        String header = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);
        String kid = header.replaceAll(".*\"kid\":\"([^\"]+)\".*", "$1");
        String jwksJson = new String(new java.net.URL(ItServer.baseUrl() + "/.well-known/jwks.json").openStream()
                .readAllBytes(), StandardCharsets.UTF_8);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        jws.setKeyIdHeaderValue(kid);
        jws.setKey(new HmacKey(jwksJson.getBytes(StandardCharsets.UTF_8)));
        jws.setDoKeyValidation(false);
        String forged = jws.getCompactSerialization();
        assertThrows(InvalidJwtException.class, () -> resourceServer(AUDIENCE).processToClaims(forged));
        assertEquals(false, Flows.valid(developer, forged));
    }

    @Test
    void refusesAnUnknownKid() throws Exception {
        String[] parts = token("1h").split("\\.");
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setKeyIdHeaderValue("attacker-key");
        jws.setKey(generator.generateKeyPair().getPrivate());
        String forged = jws.getCompactSerialization();
        assertThrows(InvalidJwtException.class, () -> resourceServer(AUDIENCE).processToClaims(forged));
        assertEquals(false, Flows.valid(developer, forged));
    }

    @Test
    void refusesAnExpiredToken() throws InterruptedException {
        String shortLived = token("1s");
        Thread.sleep(2100);
        assertThrows(InvalidJwtException.class, () -> resourceServer(AUDIENCE).processToClaims(shortLived));
        assertEquals(false, Flows.valid(developer, shortLived));
        var introspected = developer.api().post("/v1/grants/verify",
                jakarta.json.Json.createObjectBuilder().add("token", shortLived).build().toString()).expect(200).json();
        assertEquals("expired", introspected.getString("reason"));
    }

    @Test
    void refusesTheWrongAudience() {
        String token = token("1h");
        assertThrows(InvalidJwtException.class, () -> resourceServer("https://payments.example").processToClaims(token));
    }
}
