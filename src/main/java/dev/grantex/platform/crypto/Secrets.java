package dev.grantex.platform.crypto;

import java.util.Base64;

/** Unguessable bearer values (API keys, codes, refresh tokens): 32 random bytes in base64url. */
public final class Secrets {
    private Secrets() {
    }

    public static String random256() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(RandomBytes.of(32));
    }
}
