package dev.grantex.sso;

import static dev.grantex.it.ErrorEnvelope.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grantex.it.Reply;
import dev.grantex.it.TestDeveloper;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Consumer;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The ID token's checks, each against a token forged to fail just that one: wrong nonce, expired,
 * issued in the future, another audience or issuer, signed by a key the provider does not publish,
 * unsigned (alg none) and HMAC-signed with the client secret. The provider is {@link ForgingOidcProvider}.
 */
class SsoIdTokenChecksIT {
    private static final String CLIENT_ID = "grantex-forged";
    private static final String CLIENT_SECRET = "a-client-secret-of-at-least-thirty-two-bytes";

    private final ForgingOidcProvider provider = new ForgingOidcProvider();
    private final TestDeveloper developer = TestDeveloper.create("enterprise", "sandbox");

    SsoIdTokenChecksIT() {
        developer.api().post("/v1/sso/connections", "{\"name\":\"Forging\",\"protocol\":\"oidc\",\"issuerUrl\":\""
                + provider.issuer() + "\",\"clientId\":\"" + CLIENT_ID + "\",\"clientSecret\":\"" + CLIENT_SECRET
                + "\",\"redirectUri\":\"https://app.example/cb\"}").expect(201);
    }

    @AfterEach
    void stop() {
        provider.close();
    }

    /** Starts a login, has the provider return the token built from its nonce, and calls back. */
    private Reply signInWith(Consumer<JwtClaims> change, Signer signer) throws JoseException {
        JsonObject login = OidcLogin.start(developer.developerId(), "");
        Map<String, String> authorize = OidcLogin.parameters(login.getString("authorizeUrl"));
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(provider.issuer());
        claims.setAudience(CLIENT_ID);
        claims.setSubject("mallory-sub");
        claims.setClaim("email", "mallory@corp.example");
        claims.setClaim("nonce", authorize.get("nonce"));
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(10);
        change.accept(claims);
        provider.nextIdToken(signer.sign(claims));
        return OidcLogin.callback("any-code", authorize.get("state"));
    }

    private interface Signer {
        String sign(JwtClaims claims) throws JoseException;
    }

    private Signer withKey(RsaJsonWebKey key) {
        return claims -> {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(claims.toJson());
            jws.setKey(key.getPrivateKey());
            jws.setKeyIdHeaderValue(provider.signingKey().getKeyId());
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
            return jws.getCompactSerialization();
        };
    }

    private Signer providerKey() {
        return withKey(provider.signingKey());
    }

    @Test
    void aTokenSignedByThePublishedKeyIsAccepted() throws JoseException {
        JsonObject signedIn = signInWith(claims -> { }, providerKey()).expect(200).json();
        assertEquals("mallory-sub", signedIn.getString("sub"));
    }

    @Test
    void aWrongNonceIsRefused() throws JoseException {
        assertRefused(signInWith(claims -> claims.setClaim("nonce", "another-login"), providerKey()), "nonce");
    }

    @Test
    void anExpiredTokenIsRefused() throws JoseException {
        assertRefused(signInWith(claims -> {
            claims.setIssuedAt(NumericDate.fromSeconds(System.currentTimeMillis() / 1000 - 7200));
            claims.setExpirationTime(NumericDate.fromSeconds(System.currentTimeMillis() / 1000 - 3600));
        }, providerKey()), "xpired");
    }

    @Test
    void aTokenFromTheFutureIsRefused() throws JoseException {
        assertRefused(signInWith(claims -> {
            claims.setIssuedAt(NumericDate.fromSeconds(System.currentTimeMillis() / 1000 + 3600));
            claims.setExpirationTime(NumericDate.fromSeconds(System.currentTimeMillis() / 1000 + 7200));
        }, providerKey()), "");
    }

    @Test
    void anotherAudienceOrIssuerIsRefused() throws JoseException {
        assertRefused(signInWith(claims -> claims.setAudience("another-client"), providerKey()), "aud");
        assertRefused(signInWith(claims -> claims.setIssuer("https://evil.example"), providerKey()), "iss");
        assertRefused(signInWith(claims -> {
            claims.setAudience(CLIENT_ID, "another-client");
            claims.setClaim("azp", "another-client");
        }, providerKey()), "azp");
    }

    @Test
    void aKeyTheProviderDoesNotPublishIsRefused() throws JoseException {
        RsaJsonWebKey other = RsaJwkGenerator.generateJwk(2048);
        assertRefused(signInWith(claims -> { }, withKey(other)), "");
    }

    @Test
    void unsignedAndHmacTokensAreRefused() throws JoseException {
        assertRefused(signInWith(claims -> { }, claims -> {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(claims.toJson());
            jws.setAlgorithmConstraints(AlgorithmConstraints.NO_CONSTRAINTS);
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.NONE);
            return jws.getCompactSerialization();
        }), "");
        assertRefused(signInWith(claims -> { }, claims -> {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(claims.toJson());
            jws.setKey(new HmacKey(CLIENT_SECRET.getBytes(StandardCharsets.UTF_8)));
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
            return jws.getCompactSerialization();
        }), "");
    }

    private void assertRefused(Reply reply, String reasonFragment) {
        JsonObject error = assertError(reply, 400, "SSO_ERROR");
        assertTrue(error.getString("message").startsWith("The ID token was refused"), error.toString());
        assertTrue(error.getString("message").contains(reasonFragment), error.toString());
        assertEquals(0, developer.api().get("/v1/sso/sessions").expect(200).json().getJsonArray("sessions").size());
    }
}
