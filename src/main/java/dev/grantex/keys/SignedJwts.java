package dev.grantex.keys;

import dev.grantex.platform.web.PublicUrl;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

/**
 * JWTs this server signs with its active RS256 key (grant tokens, principal sessions), and the check
 * that a JWT is one of them (see {@link Rs256JwtVerifier}).
 */
@ApplicationScoped
public class SignedJwts {
    @Inject
    KeyRing keyRing;

    @Inject
    PublicUrl publicUrl;

    @Inject
    ServerDid serverDid;

    /** The verifier for one load of the published keys (compared by identity). */
    private record KeyedVerifier(List<PublicJsonWebKey> keys, Rs256JwtVerifier verifier) {
    }

    private volatile KeyedVerifier cached;

    private volatile KeyedVerifier cachedForCredentials;

    /** The iss of every JWT this server signs: its public origin. */
    public String issuer() {
        return publicUrl.origin();
    }

    /** Signs the claims with header {alg: RS256, kid, typ: JWT} with the active key. */
    public String sign(JwtClaims claims) {
        return sign(claims, keyRing.signingKey());
    }

    /** Signs the claims with the active key under header {alg: RS256, kid, typ} (typ such as vc+sd-jwt). */
    public String sign(JwtClaims claims, String typ) {
        return sign(claims, keyRing.signingKey(), typ);
    }

    /** The check of this server's JWTs, built once per set of published keys. */
    public Rs256JwtVerifier verifier() {
        KeyedVerifier current = cached;
        if (current == null || current.keys() != keyRing.publishedRsaKeys()) {
            current = build(issuer());
            cached = current;
        }
        return current.verifier();
    }

    /** The check of the credentials this server issues: the same keys, its did:web identifier as iss. */
    public Rs256JwtVerifier credentialVerifier() {
        KeyedVerifier current = cachedForCredentials;
        if (current == null || current.keys() != keyRing.publishedRsaKeys()) {
            current = build(serverDid.did());
            cachedForCredentials = current;
        }
        return current.verifier();
    }

    private KeyedVerifier build(String issuer) {
        List<PublicJsonWebKey> keys = keyRing.publishedRsaKeys();
        return new KeyedVerifier(keys, new Rs256JwtVerifier(keys, issuer));
    }

    /** Signs as the server does: ASCII-only payload, header {alg: RS256, kid, typ: JWT}. */
    public static String sign(JwtClaims claims, PublicJsonWebKey key) {
        return sign(claims, key, "JWT");
    }

    private static String sign(JwtClaims claims, PublicJsonWebKey key, String typ) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(AsciiJson.escape(claims.toJson()));
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setHeader("typ", typ);
        jws.setKey(key.getPrivateKey());
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("Signing a JWT failed", e);
        }
    }
}
