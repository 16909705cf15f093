package dev.grantex.developers;

import dev.grantex.platform.Hashes;
import java.security.SecureRandom;
import java.util.Base64;

/** API keys: gx_live_ or gx_test_ plus 32 random bytes in base64url; only their SHA-256 is stored. */
final class ApiKeys {
    static final int MIN_LENGTH = 16;
    static final int MAX_LENGTH = 512;
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeys() {
    }

    static String generate(String mode) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String prefix = Developer.MODE_SANDBOX.equals(mode) ? "gx_test_" : "gx_live_";
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String apiKey) {
        return Hashes.sha256Hex(apiKey);
    }
}
