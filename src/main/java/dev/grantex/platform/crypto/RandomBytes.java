package dev.grantex.platform.crypto;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * Cryptographically strong random bytes from one DRBG per thread. A shared SecureRandom serialises
 * its callers (the default NativePRNG locks one /dev/urandom reader for the whole JVM), which showed
 * as threads blocked behind each other on every request that makes an id or a secret.
 */
public final class RandomBytes {
    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(() -> {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JVM offers no DRBG", e);
        }
    });

    private RandomBytes() {
    }

    public static byte[] of(int length) {
        byte[] bytes = new byte[length];
        RANDOM.get().nextBytes(bytes);
        return bytes;
    }
}
