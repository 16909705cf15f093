package dev.grantex.developers;

import dev.grantex.platform.crypto.Hashes;
import dev.grantex.platform.crypto.Secrets;

/** API keys: gx_live_ or gx_test_ plus 32 random bytes in base64url; only their SHA-256 is stored. */
final class ApiKeys {
    static final int MIN_LENGTH = 16;
    static final int MAX_LENGTH = 512;

    private ApiKeys() {
    }

    static String generate(String mode) {
        String prefix = Developer.MODE_SANDBOX.equals(mode) ? "gx_test_" : "gx_live_";
        return prefix + Secrets.random256();
    }

    static String hash(String apiKey) {
        return Hashes.sha256Hex(apiKey);
    }
}
