package dev.grantex.keys;

import dev.grantex.platform.errors.ApiException;
import jakarta.json.JsonObject;
import java.security.interfaces.RSAPublicKey;
import java.util.Map;
import java.util.Set;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.OctetKeyPairJsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.lang.JoseException;

/**
 * Public keys clients give the server as JWKs (an SD-JWT holder's key, an organisation's keys): RSA of
 * at least 2048 bits, EC on P-256, P-384 or P-521, or Ed25519. A key holding private parts is refused,
 * so that a client that sends its private key by mistake learns so rather than having it stored.
 */
public final class PublicKeys {
    private static final Set<String> PRIVATE_PARAMETERS = Set.of("d", "p", "q", "dp", "dq", "qi", "oth", "k");

    private PublicKeys() {
    }

    /** The key, or 400 naming the field. */
    public static PublicJsonWebKey parse(JsonObject jwk, String field) {
        if (jwk.keySet().stream().anyMatch(PRIVATE_PARAMETERS::contains)) {
            throw ApiException.badRequest(field + " must be a public key: it holds private key parameters");
        }
        PublicJsonWebKey key;
        try {
            key = PublicJsonWebKey.Factory.newPublicJwk(jwk.toString());
        } catch (JoseException | RuntimeException e) {
            throw ApiException.badRequest(field + " is not a valid public JWK: " + e.getMessage());
        }
        boolean acceptable = switch (key.getKeyType()) {
            case RsaJsonWebKey.KEY_TYPE -> ((RSAPublicKey) key.getPublicKey()).getModulus().bitLength() >= 2048;
            case EllipticCurveJsonWebKey.KEY_TYPE -> Set.of("P-256", "P-384", "P-521")
                    .contains(((EllipticCurveJsonWebKey) key).getCurveName());
            case OctetKeyPairJsonWebKey.KEY_TYPE -> "Ed25519".equals(((OctetKeyPairJsonWebKey) key).getSubtype());
            default -> false;
        };
        if (!acceptable) {
            throw ApiException.badRequest(field + " must be RSA of at least 2048 bits, EC on P-256, P-384 or P-521, or Ed25519");
        }
        return key;
    }

    /** The key's public parameters (as a cnf claim or a JWKS carries them). */
    public static Map<String, Object> publicParameters(PublicJsonWebKey key) {
        return key.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }
}
