package dev.grantex.platform;

import java.security.SecureRandom;
import java.util.Base64;

/** Unguessable bearer values (API keys, codes, refresh tokens): 32 random bytes in base64url. */
public final class Secrets {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {
    }

    public static String random256() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
