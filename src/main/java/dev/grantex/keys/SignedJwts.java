package dev.grantex.keys;

import dev.grantex.platform.PublicUrl;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.jose4j.lang.JoseException;

/**
 * JWTs this server signs with its active RS256 key (grant tokens, principal sessions), and the check
 * that a JWT is one of them: a published key's signature, this server as issuer, an expiry not past.
 */
@ApplicationScoped
public class SignedJwts {
    @Inject
    KeyRing keyRing;

    @Inject
    PublicUrl publicUrl;

    @Inject
    Clock clock;

    /** The iss of every JWT this server signs: its public origin. */
    public String issuer() {
        return publicUrl.origin();
    }

    /** Signs the claims with header {alg: RS256, kid, typ: JWT} with the active key. */
    public String sign(JwtClaims claims) {
        return sign(claims, keyRing.signingKey());
    }

    /** A consumer that accepts only this server's JWTs, evaluated at the current time. */
    public JwtConsumer consumer() {
        return consumer(keyRing.publishedRsaKeys(), issuer(), clock.millis());
    }

    /** Signs as the server does: ASCII-only payload, header {alg: RS256, kid, typ: JWT}. */
    public static String sign(JwtClaims claims, PublicJsonWebKey key) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(AsciiJson.escape(claims.toJson()));
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setHeader("typ", "JWT");
        jws.setKey(key.getPrivateKey());
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("Signing a JWT failed", e);
        }
    }

    /**
     * The check of every JWT the server receives: RS256 only, by one of {@code keys}, from {@code issuer},
     * with an expiry that has not passed at {@code nowMillis} (no clock skew allowed).
     */
    public static JwtConsumer consumer(List<? extends JsonWebKey> keys, String issuer, long nowMillis) {
        return new JwtConsumerBuilder()
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.RSA_USING_SHA256)
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(new ArrayList<>(keys)))
                .setExpectedIssuer(issuer)
                .setRequireExpirationTime()
                .setAllowedClockSkewInSeconds(0)
                .setSkipDefaultAudienceValidation()
                .setEvaluationTime(NumericDate.fromMilliseconds(nowMillis))
                .build();
    }
}
