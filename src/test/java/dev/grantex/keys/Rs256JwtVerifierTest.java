package dev.grantex.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class Rs256JwtVerifierTest {
    private static final String ISSUER = "https://grantex.example.com";
    private static final Instant NOW = Instant.ofEpochSecond(1_800_000_000L);

    private static PublicJsonWebKey key;
    private static PublicJsonWebKey otherKey;
    private static Rs256JwtVerifier verifier;

    @BeforeAll
    static void keys() throws Exception {
        key = keyPair();
        otherKey = keyPair();
        verifier = new Rs256JwtVerifier(List.of(key), ISSUER);
    }

    private static PublicJsonWebKey keyPair() {
        KeyPair pair = KeyMaterial.generate(SigningKey.RS256);
        PublicJsonWebKey jwk = KeyMaterial.publicJwk(SigningKey.RS256, pair.getPublic());
        jwk.setPrivateKey(pair.getPrivate());
        return jwk;
    }

    private static String claims(long exp) {
        return "{\"iss\":\"" + ISSUER + "\",\"sub\":\"user_1\",\"exp\":" + exp + "}";
    }

    private static String header(String kid) {
        return "{\"alg\":\"RS256\",\"kid\":\"" + kid + "\",\"typ\":\"JWT\"}";
    }

    /** A compact JWS over exactly these two JSON texts, signed with {@code signer}. */
    private static String signed(String header, String payload, PrivateKey signer) throws Exception {
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        String input = encoder.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + encoder.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initSign(signer);
        rs256.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + encoder.encodeToString(rs256.sign());
    }

    private static String valid(String payload) throws Exception {
        return signed(header(key.getKeyId()), payload, key.getPrivateKey());
    }

    private static boolean accepted(String token) {
        return verifier.verify(token, NOW).isPresent();
    }

    @Test
    void acceptsTheServersOwnTokensWithTheirClaims() {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setSubject("user_1");
        claims.setStringListClaim("scp", "calendar:read", "notes:write");
        claims.setExpirationTime(NumericDate.fromSeconds(NOW.getEpochSecond() + 60));
        Rs256JwtVerifier.Verified jwt = verifier.verify(SignedJwts.sign(claims, key), NOW).orElseThrow();
        assertEquals("user_1", jwt.claims().getString("sub"));
        assertEquals(2, jwt.claims().getJsonArray("scp").size());
        assertEquals(NOW.plusSeconds(60), jwt.expiresAt());
        assertFalse(jwt.expiredAt(NOW));
        assertTrue(jwt.expiredAt(NOW.plusSeconds(60)));
    }

    @Test
    void reportsAnExpiredTokenInsteadOfRefusingIt() throws Exception {
        Rs256JwtVerifier.Verified jwt = verifier.verify(valid(claims(NOW.getEpochSecond() - 1)), NOW).orElseThrow();
        assertTrue(jwt.expiredAt(NOW));
    }

    @Test
    void refusesSignaturesItCannotTrust() throws Exception {
        String payload = claims(NOW.getEpochSecond() + 60);
        assertTrue(accepted(valid(payload)));
        assertFalse(accepted(signed(header(key.getKeyId()), payload, otherKey.getPrivateKey())), "another key, our kid");
        assertFalse(accepted(signed(header(otherKey.getKeyId()), payload, otherKey.getPrivateKey())), "unpublished key");
        assertFalse(accepted(signed("{\"alg\":\"RS256\"}", payload, key.getPrivateKey())), "no kid");
        assertFalse(accepted(signed("{\"alg\":\"RS384\",\"kid\":\"" + key.getKeyId() + "\"}", payload, key.getPrivateKey())));
        assertFalse(accepted(signed("{\"alg\":\"RS256\",\"kid\":\"" + key.getKeyId() + "\",\"crit\":[\"exp\"]}",
                payload, key.getPrivateKey())), "crit");
        String token = valid(payload);
        String[] parts = token.split("\\.");
        String unsigned = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "." + parts[1] + ".";
        assertFalse(accepted(unsigned), "alg none");
        String otherPayload = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(claims(NOW.getEpochSecond() + 600).getBytes(StandardCharsets.UTF_8));
        assertFalse(accepted(parts[0] + "." + otherPayload + "." + parts[2]), "payload swapped");
    }

    @Test
    void refusesMalformedCompactForms() throws Exception {
        String token = valid(claims(NOW.getEpochSecond() + 60));
        for (String bad : List.of("", ".", "..", "a.b", "a.b.c.d", token + ".", token + "=", "." + token,
                token.substring(0, token.lastIndexOf('.') + 1), token.substring(0, token.length() - 1) + "+", " " + token)) {
            assertFalse(accepted(bad), bad);
        }
        String rest = token.substring(token.indexOf('.'));
        String deep = "{\"a\":" + "[".repeat(1500) + "]".repeat(1500) + "}";
        for (String header : List.of("", "a", "[", "{", "\"x\"", "123", "null", "{}", "{\"alg\":\"RS256\"}x", "\u0000", deep)) {
            String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(header.getBytes(StandardCharsets.UTF_8));
            assertFalse(accepted(encoded + rest), header);
        }
    }

    @Test
    void refusesWrongIssuerMissingExpiryAndFutureNotBefore() throws Exception {
        long exp = NOW.getEpochSecond() + 60;
        assertFalse(accepted(valid("{\"iss\":\"https://evil.example\",\"exp\":" + exp + "}")));
        assertFalse(accepted(valid("{\"iss\":\"" + ISSUER + "\"}")));
        assertFalse(accepted(valid("{\"iss\":\"" + ISSUER + "\",\"exp\":\"" + exp + "\"}")));
        assertFalse(accepted(valid("{\"iss\":\"" + ISSUER + "\",\"exp\":" + exp + ",\"nbf\":" + (exp - 1) + "}")));
        assertTrue(accepted(valid("{\"iss\":\"" + ISSUER + "\",\"exp\":" + exp + ",\"nbf\":" + NOW.getEpochSecond() + "}")));
        assertFalse(accepted(valid("[\"" + ISSUER + "\"]")));
        assertFalse(accepted(valid("not json")));
    }

    @Test
    void refusesDuplicateMemberNames() throws Exception {
        long exp = NOW.getEpochSecond() + 60;
        assertFalse(accepted(valid("{\"iss\":\"" + ISSUER + "\",\"sub\":\"a\",\"sub\":\"b\",\"exp\":" + exp + "}")));
        assertFalse(accepted(signed("{\"alg\":\"RS256\",\"alg\":\"RS256\",\"kid\":\"" + key.getKeyId() + "\"}",
                claims(exp), key.getPrivateKey())));
    }
}
