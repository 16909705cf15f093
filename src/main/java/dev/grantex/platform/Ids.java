package dev.grantex.platform;

import com.github.f4b6a3.ulid.Ulid;
import java.security.SecureRandom;

/**
 * Identifiers of the form prefix_ULID: 26 upper-case Crockford base32 characters, ordered by their
 * millisecond, with 80 random bits from SecureRandom. The random part is fresh for every id (no
 * monotonic counting within a millisecond), because some ids are capabilities: whoever knows an
 * authorization request's id can answer its consent page.
 */
public final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    public static String newId(String prefix) {
        byte[] random = new byte[Ulid.RANDOM_BYTES];
        RANDOM.nextBytes(random);
        return prefix + "_" + new Ulid(System.currentTimeMillis(), random);
    }
}
