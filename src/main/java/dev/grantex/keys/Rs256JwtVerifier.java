package dev.grantex.keys;

import dev.grantex.platform.json.Jsonp;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jose4j.jwk.PublicJsonWebKey;

/**
 * The check of every JWT this server receives back: compact form, header {@code alg} exactly RS256,
 * a {@code kid} naming one of the published RSA keys, no {@code crit}, a valid signature by that key,
 * this server as {@code iss}, a numeric {@code exp}, and no {@code nbf} in the future. Both JSON
 * documents are parsed strictly (duplicate member names refused).
 * <p>
 * It is written against bare JCA rather than jose4j's JwtConsumer because it runs on every token
 * presented and jose4j's general JOSE parsing cost as much as the RSA check itself; jose4j still
 * signs, and still owns keys and JWKS. Immutable and thread-safe; one is built per set of published keys.
 * <p>
 * Expiry is reported, not enforced: an expired token of this server is still told apart from a forged
 * one (callers answer "expired" rather than "invalid").
 */
public final class Rs256JwtVerifier {
    /** Claims that checked out, with the expiry every caller must still compare with its clock. */
    public record Verified(JsonObject claims, Instant expiresAt) {
        public boolean expiredAt(Instant now) {
            return !expiresAt.isAfter(now);
        }
    }

    private static final Base64.Decoder BASE64URL = Base64.getUrlDecoder();

    private final Map<String, PublicKey> keysById = new HashMap<>();
    private final String issuer;

    public Rs256JwtVerifier(List<? extends PublicJsonWebKey> keys, String issuer) {
        for (PublicJsonWebKey key : keys) {
            if (key.getKeyId() != null && key.getPublicKey() instanceof RSAPublicKey rsa) {
                keysById.put(key.getKeyId(), rsa);
            }
        }
        this.issuer = issuer;
    }

    /** The token's claims when it passes every check above but expiry; otherwise empty. */
    public Optional<Verified> verify(String token, Instant now) {
        int firstDot = token.indexOf('.');
        int lastDot = token.lastIndexOf('.');
        if (firstDot <= 0 || lastDot == firstDot || lastDot == token.length() - 1
                || token.indexOf('.', firstDot + 1) != lastDot || token.indexOf('=') >= 0) {
            return Optional.empty();
        }
        try {
            JsonObject header = Jsonp.strictObject(decode(token.substring(0, firstDot)));
            PublicKey key = keysById.get(Jsonp.text(header.get("kid")));
            if (key == null || !"RS256".equals(Jsonp.text(header.get("alg"))) || header.containsKey("crit")
                    || !signatureMatches(key, token, lastDot)) {
                return Optional.empty();
            }
            JsonObject claims = Jsonp.strictObject(decode(token.substring(firstDot + 1, lastDot)));
            if (!issuer.equals(Jsonp.text(claims.get("iss"))) || !(claims.get("exp") instanceof JsonNumber exp)) {
                return Optional.empty();
            }
            if (claims.get("nbf") != null && (!(claims.get("nbf") instanceof JsonNumber nbf)
                    || nbf.longValue() > now.getEpochSecond())) {
                return Optional.empty();
            }
            return Optional.of(new Verified(claims, Instant.ofEpochSecond(exp.longValue())));
        } catch (IllegalArgumentException | JsonException e) {
            return Optional.empty();
        }
    }

    private static boolean signatureMatches(PublicKey key, String token, int lastDot) {
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initVerify(key);
            rs256.update(token.substring(0, lastDot).getBytes(StandardCharsets.US_ASCII));
            return rs256.verify(BASE64URL.decode(token.substring(lastDot + 1)));
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static String decode(String base64url) {
        return new String(BASE64URL.decode(base64url), StandardCharsets.UTF_8);
    }
}
