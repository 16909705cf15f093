package dev.grantex.authorization;

import dev.grantex.platform.crypto.Hashes;
import dev.grantex.platform.errors.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.regex.Pattern;

/** PKCE with S256 only (RFC 7636). */
public final class Pkce {
    private static final Pattern CHALLENGE = Pattern.compile("^[A-Za-z0-9_-]{43}$");
    private static final Pattern VERIFIER = Pattern.compile("^[A-Za-z0-9\\-._~]{43,128}$");

    private Pkce() {
    }

    /** The stored challenge, or null when the request uses no PKCE; both fields or neither. */
    static String checkChallenge(String challenge, String method) {
        if (challenge == null && method == null) {
            return null;
        }
        if (challenge == null || method == null) {
            throw ApiException.badRequest("codeChallenge and codeChallengeMethod must be sent together");
        }
        if (!"S256".equals(method)) {
            throw ApiException.badRequest("codeChallengeMethod must be S256");
        }
        if (!CHALLENGE.matcher(challenge).matches()) {
            throw ApiException.badRequest("codeChallenge must be 43 base64url characters");
        }
        return challenge;
    }

    public static String challengeOf(String verifier) {
        byte[] digest = Hashes.sha256(verifier.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    /** Checks the verifier against a stored challenge (nothing to check without one). */
    public static void verify(String storedChallenge, String verifier) {
        if (storedChallenge == null) {
            return;
        }
        if (verifier == null) {
            throw ApiException.badRequest("codeVerifier is required for PKCE");
        }
        if (!VERIFIER.matcher(verifier).matches()) {
            throw ApiException.badRequest("Invalid codeVerifier");
        }
        boolean matches = MessageDigest.isEqual(challengeOf(verifier).getBytes(StandardCharsets.US_ASCII),
                storedChallenge.getBytes(StandardCharsets.US_ASCII));
        if (!matches) {
            throw ApiException.badRequest("Invalid codeVerifier");
        }
    }
}
