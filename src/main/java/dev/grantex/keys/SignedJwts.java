package dev.grantex.keys;

import dev.grantex.platform.PublicUrl;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
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

    /** The consumer for one load of the published keys (compared by identity). */
    private record KeyedConsumer(List<PublicJsonWebKey> keys, JwtConsumer consumer) {
    }

    private volatile KeyedConsumer cached;

    /** The iss of every JWT this server signs: its public origin. */
    public String issuer() {
        return publicUrl.origin();
    }

    /** Signs the claims with header {alg: RS256, kid, typ: JWT} with the active key. */
    public String sign(JwtClaims claims) {
        return sign(claims, keyRing.signingKey());
    }

    /**
     * A consumer that accepts only this server's JWTs. It is built once per set of published keys
     * (JwtConsumer is thread-safe) and checks expiry against the system clock at each use.
     */
    public JwtConsumer consumer() {
        List<PublicJsonWebKey> keys = keyRing.publishedRsaKeys();
        KeyedConsumer current = cached;
        if (current == null || current.keys() != keys) {
            current = new KeyedConsumer(keys, consumer(keys, issuer()));
            cached = current;
        }
        return current.consumer();
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
     * with an expiry that has not passed (no clock skew allowed).
     */
    public static JwtConsumer consumer(List<? extends JsonWebKey> keys, String issuer) {
        return new JwtConsumerBuilder()
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.RSA_USING_SHA256)
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(new ArrayList<>(keys)))
                .setExpectedIssuer(issuer)
                .setRequireExpirationTime()
                .setAllowedClockSkewInSeconds(0)
                .setSkipDefaultAudienceValidation()
                .build();
    }
}
